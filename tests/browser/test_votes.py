"""Votes, head-to-head picks and bookmarks in Chromium, with and without JavaScript."""

import re
import time

import pytest
from playwright.sync_api import expect

from votes import services
from votes.models import Vote

COMPARE = "/compare/relaykit-vs-batonette/"


def vote_island(page, slug):
    return page.locator(f"#vote-{slug}")


def test_vote_change_and_withdraw_without_a_reload(new_page, pair):
    page = new_page()
    page.goto(COMPARE)
    island = vote_island(page, "relaykit")
    expect(island.get_by_role("button", name="Ship")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    island.get_by_role("button", name="Ship").click()
    expect(island.get_by_text("100% ship · 1 vote", exact=True)).to_be_visible()
    expect(island.get_by_role("button", name="Ship")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#community-card-relaykit")).to_have_text("100% ship · 1 vote early")
    expect(page.locator("#community-row-relaykit")).to_contain_text("100% ship · 1 vote")

    island.get_by_role("button", name="Skip").click()
    # Exact: "100% ship · 1 vote", still showing until the answer lands, contains
    # "0% ship · 1 vote"; a looser match let the next click hit the old island.
    expect(island.get_by_text("0% ship · 1 vote", exact=True)).to_be_visible()
    island.get_by_role("button", name="Take back my vote").click()
    expect(island.get_by_text("No community votes yet")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True

    island.get_by_role("button", name="Skip").click()
    expect(island.get_by_text("0% ship · 1 vote", exact=True)).to_be_visible()
    page.reload()
    expect(page.locator("#community-row-relaykit")).to_have_text(re.compile(r"^0% ship · 1 vote"))
    expect(vote_island(page, "relaykit").get_by_role("button", name="Skip")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_head_to_head_pick_without_a_reload(new_page, pair):
    page = new_page(width=390)
    page.goto(COMPARE)
    island = page.locator("#pick-island")
    island.get_by_role("button", name="Batonette").click()
    expect(island.get_by_text("100% pick Batonette · 1 pick")).to_be_visible()
    expect(island.get_by_text("You picked Batonette.")).to_be_visible()
    # The same pair in the other order is the same pick.
    page.goto("/compare/batonette-vs-relaykit/")
    island = page.locator("#pick-island")
    island.get_by_role("button", name="Relaykit").click()
    expect(island.get_by_text("100% pick Relaykit · 1 pick")).to_be_visible()
    island.get_by_role("button", name="Take back my pick").click()
    expect(island.get_by_text("No picks yet")).to_be_visible()
    expect(island.get_by_role("button", name="Take back my pick")).to_have_count(0)
    relaykit = island.get_by_role("button", name="Relaykit")
    expect(relaykit).to_have_attribute("aria-pressed", "false")


def test_bookmark_and_unbookmark_update_the_panel(new_page, pair):
    page = new_page()
    page.goto(COMPARE)
    panel = page.locator("#bookmarks-panel-body")
    expect(panel.get_by_text("No bookmarks yet")).to_be_visible()
    slot = page.locator(".bookmark-slot--relaykit").first
    slot.get_by_role("button", name="Bookmark").click()
    expect(slot.get_by_role("button", name="Bookmarked")).to_be_visible()
    expect(panel.get_by_role("link", name="Relaykit")).to_be_visible()

    page.locator(".bookmark-slot--batonette").first.get_by_role("button", name="Bookmark").click()
    expect(panel.get_by_role("link", name="Compare your bookmarks")).to_be_visible()
    panel.get_by_role("link", name="Compare your bookmarks").click()
    expect(page).to_have_url(re.compile(r"/bookmarks/$"))
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(
        re.compile(r"/compare/(batonette-vs-relaykit|relaykit-vs-batonette)/$")
    )

    page.locator(".bookmark-slot--relaykit").first.get_by_role("button", name="Bookmarked").click()
    expect(
        page.locator(".bookmark-slot--relaykit").first.get_by_role("button", name="Bookmark")
    ).to_be_visible()
    page.reload()
    expect(
        page.locator("#bookmarks-panel-body").get_by_role("link", name="Relaykit")
    ).to_have_count(0)
    expect(
        page.locator("#bookmarks-panel-body").get_by_role("link", name="Batonette")
    ).to_be_visible()


def test_every_action_works_without_javascript(new_page, pair):
    page = new_page(javascript=False, width=320)
    page.goto(COMPARE)
    page.get_by_role("link", name="Vote ship or skip on Relaykit").click()
    page.get_by_role("button", name="Ship").click()
    # The vote's own page says what was voted and offers the change, then leads back.
    expect(page.get_by_role("status")).to_have_text("You voted ship.")
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_role("status")).to_have_text("You voted skip.")
    page.get_by_role("link", name="Back to the page you came from").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARE) + "$"))
    expect(page.locator("#community-row-relaykit")).to_have_text(re.compile(r"^0% ship · 1 vote"))

    page.get_by_role("link", name="Vote ship or skip on Relaykit").click()
    page.get_by_role("button", name="Take back my vote").click()
    expect(page.get_by_role("status")).to_have_text("You took back your vote.")
    page.get_by_role("link", name="Back to the page you came from").click()
    expect(page.locator("#community-row-relaykit")).to_contain_text("No community votes yet")

    page.get_by_role("link", name="Pick Relaykit or Batonette").click()
    page.get_by_role("button", name="Batonette").click()
    expect(page.get_by_role("status")).to_have_text("You picked Batonette.")
    page.get_by_role("link", name="Back to the comparison").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARE) + "$"))

    page.get_by_role("link", name="Bookmark Relaykit").click()
    page.get_by_role("button", name="Bookmark").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARE) + "$"))
    page.goto("/bookmarks/")
    expect(page.get_by_role("link", name="Relaykit", exact=True)).to_be_visible()
    page.goto("/bookmarks/tools/relaykit/")
    page.get_by_role("button", name="Bookmarked").click()
    page.goto("/bookmarks/")
    expect(page.get_by_text("No bookmarks yet")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_click_while_a_vote_is_on_its_way_is_not_lost(new_page, pair, monkeypatch):
    # A slow answer: the reader clicks again before the island is replaced.
    cast = services.vote_cast

    def slow_cast(**kwargs):
        time.sleep(0.8)
        return cast(**kwargs)

    monkeypatch.setattr(services, "vote_cast", slow_cast)
    page = new_page()
    page.goto(COMPARE)
    island = vote_island(page, "relaykit")
    island.get_by_role("button", name="Ship").click()
    expect(island.get_by_text("100% ship · 1 vote", exact=True)).to_be_visible()
    island.get_by_role("button", name="Skip").click()
    # No waiting for the answer: the buttons wait instead, then the click counts.
    island.get_by_role("button", name="Take back my vote").click()
    expect(island.get_by_text("No community votes yet")).to_be_visible()
    assert not Vote.objects.exists()


def test_a_first_visit_post_waits_for_the_islands_still_loading(new_page, pair, monkeypatch):
    # Each island load of a first visit may set a new CSRF cookie; a vote sent
    # before the last one lands could carry the token of a replaced cookie.
    import newsletter.views

    render = newsletter.views.render

    def slow_render(*args, **kwargs):
        time.sleep(1.5)
        return render(*args, **kwargs)

    monkeypatch.setattr(newsletter.views, "render", slow_render)
    page = new_page()
    page.goto(COMPARE)
    island = vote_island(page, "relaykit")
    island.get_by_role("button", name="Ship").click()
    expect(island.get_by_text("100% ship · 1 vote", exact=True)).to_be_visible()
    # The vote went out only once the sign-up island had landed.
    assert page.locator("#newsletter-island form").count() == 1
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("path", [COMPARE, "/tools/relaykit/", "/tools/"])
def test_a_page_view_is_the_page_and_one_island_request(new_page, pair, path):
    page = new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    fetched = [r.url for r in requests if r.resource_type in ("xhr", "fetch")]
    assert len(fetched) == 1, fetched
    assert "/islands/?" in fetched[0]
    # Every island filled in from that one answer.
    expect(page.locator("#bookmarks-panel-body")).to_contain_text("No bookmarks yet")
    expect(page.locator("#newsletter-island").get_by_label("Email address")).to_be_visible()
    if path != "/tools/":
        expect(vote_island(page, "relaykit").get_by_role("button", name="Ship")).to_be_visible()
    if path == COMPARE:
        pick = page.locator("#pick-island")
        expect(pick.get_by_role("button", name="Batonette")).to_be_visible()
