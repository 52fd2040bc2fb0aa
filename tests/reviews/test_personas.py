"""The five reviewers' profiles: plain data, no database."""

import pytest

from reviews.models import Persona
from reviews.personas import persona_profile, persona_profiles


def test_profiles_come_in_panel_order():
    assert [profile.persona for profile in persona_profiles()] == list(Persona)


def test_every_persona_has_its_own_lens_excitement_and_fatigue():
    profiles = persona_profiles()
    for field in ("lens", "excites", "tired_of"):
        sentences = [getattr(profile, field) for profile in profiles]
        assert all(sentence.strip() for sentence in sentences), field
        assert len(set(sentences)) == len(Persona), f"two personas share a {field}"


@pytest.mark.parametrize("value", Persona.values)
def test_a_persona_value_finds_its_profile(value):
    profile = persona_profile(value)
    assert profile.persona == value
    assert profile.name == Persona(value).label


@pytest.mark.parametrize("value", ["", "critic", "Skeptic", "skeptic/", "panel"])
def test_anything_else_finds_no_profile(value):
    assert persona_profile(value) is None
