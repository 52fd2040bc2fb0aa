"""Who the five reviewers are, in our words, as readers see them."""

from dataclasses import dataclass

from reviews.models import Persona


@dataclass(frozen=True)
class PersonaProfile:
    persona: Persona
    lens: str
    excites: str
    tired_of: str

    @property
    def name(self) -> str:
        return self.persona.label


PROFILES = {
    Persona.BUILDER: PersonaProfile(
        Persona.BUILDER,
        "Reads the docs and the API first: is this well engineered, and would I build on it?",
        excites="A small, sharp primitive with honest docs that I can wire up before lunch.",
        tired_of="Wrappers that hide one prompt behind a dashboard and call it a platform.",
    ),
    Persona.SKEPTIC: PersonaProfile(
        Persona.SKEPTIC,
        "Looks for the catch: who else does this, what breaks at scale, what the demo hides.",
        excites="A tool that names its own limits and still wins on the boring cases.",
        tired_of="Launch videos that only ever show the happy path.",
    ),
    Persona.FOUNDER: PersonaProfile(
        Persona.FOUNDER,
        "Follows the money: who pays, why they keep paying, and what stops a rival copying it.",
        excites="A buyer with a budget line already waiting and a reason to stay next year.",
        tired_of="Free tiers with no path to revenue and moats made of a single feature.",
    ),
    Persona.FUTURIST: PersonaProfile(
        Persona.FUTURIST,
        "Asks where this goes in two or three years, and whether it rides the trend or fights it.",
        excites="Bets that get stronger as models get cheaper, faster and more capable.",
        tired_of="Products built around a limitation the next model release removes.",
    ),
    Persona.CREATOR: PersonaProfile(
        Persona.CREATOR,
        "Tries it as a writer, designer or maker who doesn't code: "
        "does it make the work feel better?",
        excites="Tools that get out of the way and leave the work feeling more like mine.",
        tired_of="Settings pages that assume I know what a token or an embedding is.",
    ),
}


def persona_profiles() -> list[PersonaProfile]:
    """All five profiles in panel order."""
    return [PROFILES[persona] for persona in Persona]


def persona_profile(value: str) -> PersonaProfile | None:
    """The profile for a persona's value ("builder"), or None for anything else."""
    try:
        return PROFILES[Persona(value)]
    except ValueError:
        return None
