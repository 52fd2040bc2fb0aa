"""Who the five reviewers are, in our words, as readers see them."""

from dataclasses import dataclass

from reviews.models import Persona


@dataclass(frozen=True)
class PersonaProfile:
    persona: Persona
    lens: str

    @property
    def name(self) -> str:
        return self.persona.label


PROFILES = {
    Persona.BUILDER: PersonaProfile(
        Persona.BUILDER,
        "Reads the docs and the API first: is this well engineered, and would I build on it?",
    ),
    Persona.SKEPTIC: PersonaProfile(
        Persona.SKEPTIC,
        "Looks for the catch: who else does this, what breaks at scale, what the demo hides.",
    ),
    Persona.FOUNDER: PersonaProfile(
        Persona.FOUNDER,
        "Follows the money: who pays, why they keep paying, and what stops a rival copying it.",
    ),
    Persona.FUTURIST: PersonaProfile(
        Persona.FUTURIST,
        "Asks where this goes in two or three years, and whether it rides the trend or fights it.",
    ),
    Persona.CREATOR: PersonaProfile(
        Persona.CREATOR,
        "Tries it as a writer, designer or maker who doesn't code: "
        "does it make the work feel better?",
    ),
}


def persona_profiles() -> list[PersonaProfile]:
    """All five profiles in panel order."""
    return [PROFILES[persona] for persona in Persona]
