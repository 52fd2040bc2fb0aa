"""Without JavaScript every island's place holds a working link, and a vote or a pick lands on
a page that says what the reader chose and lets them change it or take it back."""

import re

import pytest
from playwright.sync_api import expect

from votes.models import Pick, Vote

COMPARE = "/compare/relaykit-vs-batonette/"


# Each island's place: the link it holds without JavaScript, and what the page it leads to offers.
PLACES = {
    COMPARE: [
        ("#vote-relaykit", "Vote ship or skip on Relaykit", "button", "Ship"),
        ("#vote-batonette", "Vote ship or skip on Batonette", "button", "Skip"),
        ("#pick-island", "Pick Relaykit or Batonette", "button", "Batonette"),
        (".bookmark-slot--relaykit", "Bookmark Relaykit", "button", "Bookmark"),
        ("#bookmarks-panel-body", "Your bookmarks", "heading", "Your bookmarks"),
        ("#newsletter-island", "Sign up for the weekly email", "button", "Sign up"),
    ],
    "/tools/relaykit/": [
        ("#vote-relaykit", "Vote ship or skip on Relaykit", "button", "Ship"),
        (".bookmark-slot--relaykit", "Bookmark Relaykit", "button", "Bookmark"),
        ("#bookmarks-panel-body", "Your bookmarks", "heading", "Your bookmarks"),
        ("#newsletter-island", "Sign up for the weekly email", "button", "Sign up"),
    ],
}


@pytest.mark.parametrize("path", list(PLACES))
def test_every_island_place_holds_a_working_link(new_page, pair, path):
    page = new_page(javascript=False, width=390, height=844)
    for place, link, role, offers in PLACES[path]:
        page.goto(path)
        target = page.locator(place).get_by_role("link", name=link)
        expect(target).to_be_visible()
        with page.expect_navigation() as navigation:
            target.click()
        assert navigation.value.status == 200, (place, page.url)
        expect(page.get_by_role(role, name=offers, exact=True)).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_vote_without_javascript_says_the_vote_and_offers_change_and_withdraw(
    new_page, pair, width
):
    page = new_page(javascript=False, width=width, height=844 if width == 390 else 900)
    page.goto(COMPARE)
    page.get_by_role("link", name="Vote ship or skip on Relaykit").click()
    page.get_by_role("button", name="Ship").click()

    expect(page).to_have_url(re.compile(r"/votes/tools/relaykit/\?next=/compare/"))
    expect(page.get_by_text("You voted ship.")).to_be_visible()
    expect(page.get_by_role("button", name="Ship")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("100% ship · 1 vote", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_text("You voted skip.")).to_be_visible()
    expect(page.get_by_role("button", name="Skip")).to_have_attribute("aria-pressed", "true")
    assert Vote.objects.get().value == "skip"

    page.get_by_role("button", name="Take back my vote").click()
    expect(page.get_by_text("No community votes yet")).to_be_visible()
    expect(page.get_by_text("You voted")).to_have_count(0)
    expect(page.get_by_role("button", name="Take back my vote")).to_have_count(0)
    assert not Vote.objects.exists()

    page.get_by_role("link", name="Back to the page you came from").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARE) + "$"))
    expect(page.locator("#community-row-relaykit")).to_have_text("No community votes yet")


def test_a_vote_without_javascript_from_the_tool_page_leads_back_to_it(new_page, pair):
    page = new_page(javascript=False)
    page.goto("/tools/relaykit/")
    page.get_by_role("link", name="Vote ship or skip on Relaykit").click()
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_text("You voted skip.")).to_be_visible()
    page.get_by_role("link", name="Back to Relaykit").click()
    expect(page).to_have_url(re.compile(r"/tools/relaykit/$"))
    # The reader's cookie makes the page theirs: their vote is counted in the header.
    expect(page.locator("#community-header-relaykit")).to_have_text("0% ship · 1 vote early")


def test_a_pick_without_javascript_says_the_pick_and_can_be_taken_back(new_page, pair):
    page = new_page(javascript=False, width=390, height=844)
    page.goto(COMPARE)
    page.get_by_role("link", name="Pick Relaykit or Batonette").click()
    page.get_by_role("button", name="Batonette").click()

    expect(page).to_have_url(re.compile(r"/votes/compare/relaykit-vs-batonette/\?next=/compare/"))
    expect(page.get_by_text("You picked Batonette.")).to_be_visible()
    expect(page.get_by_role("button", name="Batonette")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Relaykit").click()
    expect(page.get_by_text("You picked Relaykit.")).to_be_visible()

    page.get_by_role("button", name="Take back my pick").click()
    expect(page.get_by_text("No picks yet")).to_be_visible()
    expect(page.get_by_text("You picked")).to_have_count(0)
    assert not Pick.objects.exists()
    page.get_by_role("link", name="Back to the comparison").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARE) + "$"))
