"""A compare page on a phone: the first screen compares; wide screens show the descriptions."""

import pytest
from playwright.sync_api import expect

from reviews.models import Persona
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from verdicts.vocabulary import Verdict

LONG_DESCRIPTION = "\n\n".join(
    ["A paragraph long enough to fill several lines of a phone's screen on its own. " * 4] * 3
)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pair(transactional_db):
    category = CategoryFactory(name="Developer Tools")
    left = ToolFactory(
        name="Patchloom", slug="patchloom", category=category, description=LONG_DESCRIPTION
    )
    right = ToolFactory(
        name="Quillwright", slug="quillwright", category=category, description=LONG_DESCRIPTION
    )
    for index, persona in enumerate(Persona.values):
        PanelReviewFactory(tool=left, persona=persona, score=70 + index, verdict=Verdict.SHIP)
        PanelReviewFactory(
            tool=right,
            persona=persona,
            score=40 + index,
            verdict=Verdict.SHIP if index < 2 else Verdict.SKIP,
        )
    return left, right


def first_screen_holds(page, locator):
    """True when the element lies wholly inside the viewport before any scrolling."""
    box = locator.bounding_box()
    viewport = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] + box["width"] <= viewport["width"]
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_first_phone_screen_shows_both_verdicts_and_the_pick(new_page, pair, javascript):
    page = new_page(**PHONE, javascript=javascript)
    page.goto("/compare/patchloom-vs-quillwright/")

    names = page.locator(".side__name")
    badges = page.locator(".side .badge")
    expect(names).to_have_text(["Patchloom", "Quillwright"])
    expect(badges).to_have_text(["✓ Ship · 100%", "✗ Skip · 40% ship"])
    pick = page.locator("#pick-heading")
    expect(pick).to_have_text("The panel's pick: Patchloom")
    for locator in [names.nth(0), names.nth(1), badges.nth(0), badges.nth(1), pick]:
        assert first_screen_holds(page, locator), locator
    # Nothing runs off the right edge.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_descriptions_wait_behind_a_disclosure_after_the_decision(new_page, pair):
    page = new_page(**PHONE, javascript=False)
    page.goto("/compare/patchloom-vs-quillwright/")

    description = page.locator(".side__description").first
    expect(description).to_be_hidden()
    decision = page.locator(".decision").bounding_box()
    # With the descriptions folded, the decision table starts within two screens.
    assert decision["y"] < 2 * PHONE["height"]

    page.get_by_text("About Patchloom").click()
    expect(description).to_be_visible()
    expect(page.locator(".side__description").nth(1)).to_be_hidden()


def test_wide_screens_show_the_descriptions_without_a_toggle(new_page, pair):
    page = new_page(width=1280, height=900)
    page.goto("/compare/patchloom-vs-quillwright/")

    expect(page.locator(".side__description")).to_have_count(2)
    for index in range(2):
        expect(page.locator(".side__description").nth(index)).to_be_visible()
    expect(page.get_by_text("About Patchloom")).to_be_hidden()
    expect(page.locator(".side__tagline").first).to_be_visible()
