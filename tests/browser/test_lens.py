"""The compare page's lens in Chromium: an htmx swap that keeps focus and pushes the
lens's address, and the same GET forms without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory

COMPARE = "/compare/relaykit-vs-batonette/"


@pytest.fixture
def reviewed_pair(transactional_db):
    """Relaykit without a Creator take, Batonette without a Founder take."""
    category = CategoryFactory(name="Developer Tools")
    relay = ToolFactory(name="Relaykit", slug="relaykit", category=category)
    baton = ToolFactory(name="Batonette", slug="batonette", category=category)
    for tool, takes in [
        (relay, [("builder", 82, "ship"), ("skeptic", 74, "ship"), ("founder", 78, "ship")]),
        (baton, [("builder", 80, "ship"), ("skeptic", 45, "skip"), ("creator", 80, "ship")]),
    ]:
        for persona, score, verdict in takes:
            PanelReviewFactory(tool=tool, persona=persona, score=score, verdict=verdict)


def after_swap(page, action):
    """Do `action`, then wait until the lens it asked for has replaced the old one.

    htmx may push the new address before it swaps, so a check on the address
    alone can let the next keystroke land on the control about to be replaced.
    """
    old = page.locator("#lens").element_handle()
    action()
    page.wait_for_function("lens => !lens.isConnected", arg=old)


def scorecard(page):
    return page.locator(".versus__persona h3").all_inner_texts()


def test_choosing_a_reviewer_swaps_the_lens_in_place_and_pushes_its_address(
    new_page, reviewed_pair
):
    page = new_page()
    page.goto(COMPARE)
    islands_landed(page)
    page.evaluate("window.notReloaded = true")
    assert scorecard(page) == ["Builder", "Skeptic", "Founder", "Creator"]

    skeptic = page.get_by_role("radio", name="Skeptic")
    skeptic.focus()
    after_swap(page, lambda: page.keyboard.press("Space"))
    expect(page.locator(".lens__headline")).to_have_text("Through the Skeptic's lens: Relaykit")
    expect(page).to_have_url(re.compile(r"/compare/relaykit-vs-batonette/\?lens=skeptic$"))
    assert scorecard(page) == ["Skeptic", "Builder", "Founder", "Creator"]
    # Focus stays on the control the reader used; the status says what changed.
    expect(page.get_by_role("radio", name="Skeptic")).to_be_focused()
    expect(page.get_by_role("radio", name="Skeptic")).to_be_checked()
    expect(page.locator("#lens-status")).to_contain_text("Through the Skeptic's lens: Relaykit")
    assert page.evaluate("window.notReloaded") is True

    # A reviewer with no take on one tool: said, and no pick.
    after_swap(page, lambda: page.get_by_role("radio", name="Founder").check())
    expect(page.locator(".lens__headline")).to_have_text("No pick through the Founder's lens")
    expect(page.locator(".lens__scores")).to_contain_text("No Founder take")
    expect(page).to_have_url(re.compile(r"\?lens=founder$"))

    # Back returns to the earlier lens's address and content.
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?lens=skeptic$"))
    expect(page.locator(".lens__headline")).to_have_text("Through the Skeptic's lens: Relaykit")
    assert page.evaluate("window.notReloaded") is True
    # A restored page loads its islands again: let them land before the page closes.
    page.wait_for_load_state("networkidle")


def test_weights_swap_in_place_and_the_address_is_the_lenses_one_spelling(new_page, reviewed_pair):
    page = new_page()
    page.goto(COMPARE)
    islands_landed(page)
    page.evaluate("window.notReloaded = true")
    # Each change is answered before the next, so none is cut short.
    for persona, address in [
        ("Founder", r"\?builder=1&skeptic=1&futurist=1&creator=1$"),
        ("Futurist", r"\?builder=1&skeptic=1&creator=1$"),
        # Builder 1 and Skeptic 1, whatever else the form sent.
        ("Creator", r"\?builder=1&skeptic=1$"),
    ]:
        weight = page.get_by_label(f"{persona} weight")
        after_swap(page, lambda weight=weight: weight.select_option("0"))
        expect(page).to_have_url(re.compile(address))
    skeptic = page.get_by_label("Skeptic weight")
    skeptic.focus()
    after_swap(page, lambda: page.keyboard.press("ArrowDown"))
    expect(page).to_have_url(re.compile(r"\?builder=1&skeptic=2$"))
    expect(page.locator(".lens__headline")).to_have_text("Weighted your way: Relaykit")
    # The control the reader changed keeps focus across the swap.
    expect(skeptic).to_be_focused()
    after_swap(page, lambda: page.keyboard.press("ArrowDown"))
    expect(page).to_have_url(re.compile(r"\?builder=1&skeptic=3$"))
    expect(skeptic).to_be_focused()
    expect(skeptic).to_have_value("3")
    assert scorecard(page)[0] == "Skeptic"
    assert page.evaluate("window.notReloaded") is True

    page.get_by_role("link", name="Back to the whole panel").click()
    expect(page).to_have_url(re.compile(r"/compare/relaykit-vs-batonette/$"))
    expect(page.locator(".lens__result")).to_have_count(0)
    islands_landed(page)


def islands_landed(page):
    """The page's island answer is in (the sign-up form arrives with it)."""
    expect(page.locator("#newsletter-island form")).to_be_visible()


def test_without_javascript_the_lens_forms_are_plain_get_forms(new_page, reviewed_pair):
    page = new_page(javascript=False)
    page.goto(COMPARE)
    page.get_by_role("radio", name="Skeptic").check()
    page.get_by_role("button", name="See it their way").click()
    expect(page).to_have_url(re.compile(r"\?lens=skeptic$"))
    expect(page.locator(".lens__headline")).to_have_text("Through the Skeptic's lens: Relaykit")
    assert scorecard(page)[0] == "Skeptic"

    # The weights form sends all five; the page answers at the lens's one address.
    page.get_by_label("Builder weight").select_option("3")
    page.get_by_label("Skeptic weight").select_option("1")
    page.get_by_role("button", name="Weigh them").click()
    expect(page).to_have_url(re.compile(r"\?builder=3&skeptic=1$"))
    expect(page.locator(".lens__headline")).to_have_text("Weighted your way: Relaykit")
    assert scorecard(page)[:2] == ["Builder", "Skeptic"]


def test_a_shared_lens_link_with_a_typo_shows_the_page_and_says_why(new_page, reviewed_pair):
    page = new_page(javascript=False)
    page.goto(f"{COMPARE}?lens=skeptc")
    expect(page.locator(".lens__notes")).to_have_text(
        "No reviewer called “skeptc”: showing the whole panel."
    )
    expect(page.get_by_role("heading", name="Reviewer scorecard")).to_be_visible()
    assert scorecard(page)[0] == "Builder"
