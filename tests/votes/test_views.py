import re

import pytest
from django.test import override_settings

from tests.factories import PanelReviewFactory, ToolFactory, vote_rate_limits
from votes.models import Bookmark, Pick, ToolTally, Vote
from votes.visitors import VISITOR_COOKIE

HTMX = {"HX-Request": "true"}


@pytest.fixture
def tools(db):
    relay = ToolFactory(slug="relaykit", name="Relaykit")
    baton = ToolFactory(slug="batonette", name="Batonette")
    PanelReviewFactory(tool=relay, verdict="ship")
    return relay, baton


def tally(tool):
    row = ToolTally.objects.filter(tool=tool).first()
    return (row.ship_count, row.skip_count) if row else (0, 0)


def test_reading_a_vote_island_sets_no_visitor_cookie(client, tools):
    response = client.get("/votes/tools/relaykit/", headers=HTMX)
    assert response.status_code == 200
    assert VISITOR_COOKIE not in response.cookies
    assert "No community votes yet" in response.content.decode()


def test_a_vote_with_htmx_returns_the_updated_island(client, tools):
    response = client.post("/votes/tools/relaykit/", {"vote": "ship"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "100% ship · 1 vote" in html
    assert "early: fewer than 10 votes" in html
    assert 'value="ship" aria-pressed="true"' in html
    assert tally(tools[0]) == (1, 0)


def test_the_first_vote_gives_the_visitor_a_signed_private_cookie(client, tools):
    response = client.post("/votes/tools/relaykit/", {"vote": "ship"}, headers=HTMX)
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 60 * 60 * 24 * 365
    assert ":" in cookie.value  # signed


def test_islands_are_private_and_never_stored(client, tools):
    for path in ("/votes/tools/relaykit/", "/votes/compare/relaykit-vs-batonette/"):
        response = client.get(path, headers=HTMX)
        assert "private" in response.headers["Cache-Control"]
        assert "no-store" in response.headers["Cache-Control"]
        assert "HX-Request" in response.headers["Vary"]


def test_changing_and_withdrawing_a_vote(client, tools):
    client.post("/votes/tools/relaykit/", {"vote": "ship"}, headers=HTMX)
    client.post("/votes/tools/relaykit/", {"vote": "skip"}, headers=HTMX)
    assert tally(tools[0]) == (0, 1)
    response = client.post("/votes/tools/relaykit/", {"vote": "withdraw"}, headers=HTMX)
    assert "No community votes yet" in response.content.decode()
    assert tally(tools[0]) == (0, 0)
    assert not Vote.objects.exists()


def test_without_javascript_a_vote_redirects_to_the_vote_page_leading_back(client, tools):
    response = client.post(
        "/votes/tools/relaykit/", {"vote": "ship", "next": "/compare/relaykit-vs-batonette/"}
    )
    assert response.status_code == 302
    assert (
        response.headers["Location"]
        == "/votes/tools/relaykit/?next=/compare/relaykit-vs-batonette/"
    )
    assert tally(tools[0]) == (1, 0)


def test_a_redirect_never_leaves_the_site(client, tools):
    response = client.post(
        "/votes/tools/relaykit/", {"vote": "ship", "next": "https://elsewhere.example/"}
    )
    assert response.headers["Location"] == "/votes/tools/relaykit/?next=/tools/relaykit/"


def test_the_no_javascript_vote_page_holds_the_same_form(client, tools):
    html = client.get("/votes/tools/relaykit/?next=/compare/relaykit-vs-batonette/").content
    html = html.decode()
    assert "<html" in html
    assert '<form class="vote-form" method="post" action="/votes/tools/relaykit/"' in html
    assert 'name="vote" value="ship"' in html
    assert 'name="vote" value="skip"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.parametrize("value", ["", "maybe", "SHIP"])
def test_an_invalid_vote_is_a_400(client, tools, value):
    response = client.post("/votes/tools/relaykit/", {"vote": value}, headers=HTMX)
    assert response.status_code == 400
    assert "Choose ship or skip." in response.content.decode()
    assert not Vote.objects.exists()


def test_votes_on_unknown_or_unpublished_tools_are_404(client, tools):
    ToolFactory(slug="secret", is_published=False)
    assert client.post("/votes/tools/nothing/", {"vote": "ship"}).status_code == 404
    assert client.post("/votes/tools/secret/", {"vote": "ship"}).status_code == 404


def test_votes_need_a_csrf_token(tools):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/votes/tools/relaykit/", {"vote": "ship"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


@override_settings(RATE_LIMITS=vote_rate_limits(window=60, ip=100, visitor=3))
def test_a_visitor_over_the_limit_gets_a_429(client, tools):
    for value in ["ship", "skip", "ship"]:
        assert (
            client.post("/votes/tools/relaykit/", {"vote": value}, headers=HTMX).status_code == 200
        )
    response = client.post("/votes/tools/relaykit/", {"vote": "skip"}, headers=HTMX)
    assert response.status_code == 429
    assert "Too many votes" in response.content.decode()
    assert tally(tools[0]) == (1, 0)


@override_settings(RATE_LIMITS=vote_rate_limits(window=60, ip=2, visitor=100))
def test_an_address_over_the_limit_gets_a_429_whatever_the_visitor(tools):
    from django.test import Client

    statuses = [
        Client().post("/bookmarks/tools/relaykit/", {"bookmark": "on"}).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT=1)
def test_the_client_address_comes_from_the_trusted_proxy_hop():
    from django.test import RequestFactory

    from plumbing.ratelimit import client_ip

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_head_to_head_pick_is_one_per_visitor_whatever_the_order(client, tools):
    client.post("/votes/compare/relaykit-vs-batonette/", {"pick": "relaykit"}, headers=HTMX)
    response = client.post(
        "/votes/compare/batonette-vs-relaykit/", {"pick": "batonette"}, headers=HTMX
    )
    assert Pick.objects.count() == 1
    assert "100% pick Batonette · 1 pick" in response.content.decode()


def test_a_pick_can_be_taken_back(client, tools):
    picked = client.post(
        "/votes/compare/relaykit-vs-batonette/", {"pick": "relaykit"}, headers=HTMX
    ).content.decode()
    assert ">Take back my pick</button>" in picked
    back = client.post(
        "/votes/compare/relaykit-vs-batonette/", {"pick": "withdraw"}, headers=HTMX
    ).content.decode()
    assert Pick.objects.count() == 0
    assert "Take back my pick" not in back
    assert "You picked" not in back


def test_an_invalid_pick_is_a_400_and_an_unknown_pair_a_404(client, tools):
    other = ToolFactory(slug="other")
    response = client.post("/votes/compare/relaykit-vs-batonette/", {"pick": other.slug})
    assert response.status_code == 400
    assert client.get("/votes/compare/relaykit-vs-nothing/").status_code == 404
    assert client.get("/votes/compare/relaykit-vs-relaykit/").status_code == 404


def test_bookmark_toggle_updates_every_slot_and_the_panel(client, tools):
    response = client.post("/bookmarks/tools/relaykit/", {"bookmark": "on"}, headers=HTMX)
    html = response.content.decode()
    assert 'data-hx-swap-oob="outerHTML:.bookmark-slot--relaykit"' in html
    assert 'aria-pressed="true"' in html
    assert 'id="bookmarks-panel-body"' in html
    assert 'href="/tools/relaykit/"' in html
    client.post("/bookmarks/tools/relaykit/", {"bookmark": "off"}, headers=HTMX)
    assert not Bookmark.objects.exists()


def test_the_bookmarks_panel_lists_bookmarks_and_live_toggles(client, tools):
    empty = client.get("/bookmarks/panel/", {"tool": ["relaykit"]}, headers=HTMX).content.decode()
    assert "No bookmarks yet" in empty
    assert 'value="on" aria-pressed="false"' in empty
    client.post("/bookmarks/tools/relaykit/", {"bookmark": "on"})
    client.post("/bookmarks/tools/batonette/", {"bookmark": "on"})
    html = client.get("/bookmarks/panel/", {"tool": ["relaykit"]}, headers=HTMX).content.decode()
    assert html.index("Batonette") < html.index("Relaykit")  # newest first
    assert "Compare your bookmarks" in html


def test_the_bookmarks_page_offers_to_compare_two(client, tools):
    assert "No bookmarks yet" in client.get("/bookmarks/").content.decode()
    client.post("/bookmarks/tools/relaykit/", {"bookmark": "on"})
    client.post("/bookmarks/tools/batonette/", {"bookmark": "on"})
    html = client.get("/bookmarks/").content.decode()
    assert "Compare two of them" in html
    assert re.search(r'<select id="bookmark-a" name="a">', html)


def test_an_invalid_bookmark_value_is_a_400(client, tools):
    assert client.post("/bookmarks/tools/relaykit/", {"bookmark": "yes"}).status_code == 400


def test_a_tampered_visitor_cookie_is_a_new_visitor(client, tools):
    client.cookies[VISITOR_COOKIE] = "not-a-signed-value"
    response = client.post("/votes/tools/relaykit/", {"vote": "ship"}, headers=HTMX)
    assert response.status_code == 200
    assert VISITOR_COOKIE in response.cookies


def test_compare_page_is_identical_for_two_visitors_and_sets_no_cookie(client, tools):
    from django.test import Client

    voter = Client()
    voter.post("/votes/tools/relaykit/", {"vote": "ship"})
    voter.post("/bookmarks/tools/relaykit/", {"bookmark": "on"})
    first = voter.get("/compare/relaykit-vs-batonette/")
    second = Client().get("/compare/relaykit-vs-batonette/")
    assert first.content == second.content
    assert not first.cookies
    assert not second.cookies
    assert "Cookie" not in first.headers.get("Vary", "")
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_compare_page_shows_community_results_and_islands(client, tools):
    import uuid

    from votes.services import vote_cast

    for value in ["skip"] * 8 + ["ship"] * 2:
        vote_cast(visitor=uuid.uuid4(), tool=tools[0], value=value)
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert "20% ship · 10 votes" in html
    assert "Panel and community part ways on Relaykit" in html
    assert '<input type="hidden" name="vote" value="relaykit" data-island>' in html
    assert 'href="/votes/tools/relaykit/?next=' in html
    assert 'href="/votes/compare/relaykit-vs-batonette/?next=' in html
    assert '<p><a href="/bookmarks/">Your bookmarks</a></p>' in html  # without JavaScript


def test_tool_page_is_identical_for_two_visitors_and_sets_no_cookie(tools):
    from django.test import Client

    voter = Client()
    voter.post("/votes/tools/relaykit/", {"vote": "skip"})
    voter.post("/bookmarks/tools/relaykit/", {"bookmark": "on"})
    first = voter.get("/tools/relaykit/")
    second = Client().get("/tools/relaykit/")
    assert first.content == second.content
    assert not first.cookies
    assert "Cookie" not in first.headers.get("Vary", "")


def test_tool_page_vote_island_draws_the_95_percent_range(client, tools):
    import uuid

    from votes.services import vote_cast

    for value in ["ship"] * 8 + ["skip"] * 5:
        vote_cast(visitor=uuid.uuid4(), tool=tools[0], value=value)
    html = client.get("/votes/tools/relaykit/", headers=HTMX).content.decode()
    assert "62% ship · 13 votes" in html
    assert 'aria-label="95% range of the ship share: 35% to 83%"' in html
    assert '<rect class="range-band__range" x="35" y="1" width="48"' in html
    assert "early" not in html


def test_one_vote_is_marked_early_and_parts_no_ways(client, tools):
    import uuid

    from votes.services import vote_cast

    vote_cast(visitor=uuid.uuid4(), tool=tools[0], value="skip")
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    card = re.search(r'<span id="community-card-relaykit">(.*?)</span>\s*</', html, re.S).group(1)
    assert "0% ship · 1 vote" in card
    assert ">early</abbr>" in card
    assert "part ways" not in html
    tool_page = client.get("/tools/relaykit/").content.decode()
    assert 'title="early: fewer than 10 votes">early</abbr>' in tool_page


def test_the_vote_page_a_plain_vote_lands_on_says_the_vote_and_offers_change_and_withdraw(
    client, tools
):
    response = client.post(
        "/votes/tools/relaykit/",
        {"vote": "ship", "next": "/compare/relaykit-vs-batonette/"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain == [
        ("/votes/tools/relaykit/?next=/compare/relaykit-vs-batonette/", 302)
    ]
    assert "private" in response.headers["Cache-Control"]
    assert "You voted ship." in html
    assert 'name="vote" value="ship" aria-pressed="true"' in html
    assert 'name="vote" value="skip" aria-pressed="false"' in html
    assert 'name="vote" value="withdraw"' in html
    assert 'href="/compare/relaykit-vs-batonette/"' in html
    # A change or a withdrawal made from this page keeps leading back.
    assert 'name="next" value="/compare/relaykit-vs-batonette/"' in html

    response = client.post(
        "/votes/tools/relaykit/",
        {"vote": "withdraw", "next": "/compare/relaykit-vs-batonette/"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/votes/tools/relaykit/?next=")
    assert "You voted" not in html
    assert 'name="vote" value="withdraw"' not in html
    assert not Vote.objects.exists()


def test_a_plain_vote_keeps_a_next_with_a_query_whole(client, tools):
    listing = "/tools/?category=developer-tools&page=2"
    response = client.post("/votes/tools/relaykit/", {"vote": "skip", "next": listing})
    location = response.headers["Location"]
    assert location == (
        "/votes/tools/relaykit/?next=/tools/%3Fcategory%3Ddeveloper-tools%26page%3D2"
    )
    html = client.get(location).content.decode()
    assert 'href="/tools/?category=developer-tools&amp;page=2"' in html


def test_a_plain_pick_lands_on_the_pick_page_saying_the_pick(client, tools):
    response = client.post(
        "/votes/compare/relaykit-vs-batonette/",
        {"pick": "batonette", "next": "/compare/relaykit-vs-batonette/"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain == [
        ("/votes/compare/relaykit-vs-batonette/?next=/compare/relaykit-vs-batonette/", 302)
    ]
    assert "You picked Batonette." in html
    assert ">Take back my pick</button>" in html
    assert 'href="/compare/relaykit-vs-batonette/"' in html


def test_taking_back_a_vote_or_a_pick_says_so_in_the_status(client, tools):
    client.post("/votes/tools/relaykit/", {"vote": "ship"}, headers=HTMX)
    vote = client.post("/votes/tools/relaykit/", {"vote": "withdraw"}, headers=HTMX)
    assert 'role="status" tabindex="-1">You took back your vote.</p>' in vote.content.decode()
    pair = "/votes/compare/relaykit-vs-batonette/"
    client.post(pair, {"pick": "relaykit"}, headers=HTMX)
    pick = client.post(pair, {"pick": "withdraw"}, headers=HTMX)
    assert 'role="status" tabindex="-1">You took back your pick.</p>' in pick.content.decode()
    # Read again, nothing was just taken back.
    assert "You took back" not in client.get(pair, headers=HTMX).content.decode()


def oob_places(html: str) -> set[str]:
    return set(re.findall(r'id="(community-\w+-relaykit)" data-hx-swap-oob="true"', html))


@pytest.mark.parametrize(
    ("page", "data", "places"),
    [
        ("/tools/relaykit/", {}, {"community-header-relaykit"}),
        (
            "/compare/relaykit-vs-batonette/",
            {"on_compare": "1"},
            {"community-card-relaykit", "community-row-relaykit"},
        ),
        # The vote page itself: its `next` is the tool page, but it has no header numbers.
        ("/votes/tools/relaykit/?next=/tools/relaykit/", {}, set()),
    ],
)
def test_a_vote_answer_refreshes_the_numbers_only_where_its_page_shows_them(
    client, tools, page, data, places
):
    headers = {**HTMX, "HX-Current-URL": f"http://testserver{page}"}
    response = client.post(
        "/votes/tools/relaykit/",
        {"vote": "ship", "next": "/tools/relaykit/", **data},
        headers=headers,
    )
    html = response.content.decode()
    assert oob_places(html) == places
    for place in places:
        assert re.search(rf'id="{place}" data-hx-swap-oob="true">100% ship · 1 vote', html)


def test_the_tool_page_header_numbers_have_a_stable_id_the_islands_refresh(client, tools):
    html = client.get("/tools/relaykit/").content.decode()
    assert '<span id="community-header-relaykit">No community votes yet</span>' in html
    islands = client.get(
        "/islands/?vote=relaykit",
        headers={**HTMX, "HX-Current-URL": "http://testserver/tools/relaykit/"},
    ).content.decode()
    assert oob_places(islands) == {"community-header-relaykit"}
    elsewhere = client.get(
        "/islands/?vote=relaykit",
        headers={**HTMX, "HX-Current-URL": "http://testserver/votes/tools/relaykit/"},
    ).content.decode()
    assert oob_places(elsewhere) == set()


def test_a_bookmark_toggle_keeps_the_button_id_and_says_what_changed(client, tools):
    on = client.post("/bookmarks/tools/relaykit/", {"bookmark": "on"}, headers=HTMX)
    html = on.content.decode()
    assert 'id="bookmark-button-relaykit" type="submit" name="bookmark" value="off"' in html
    assert '<span class="visually-hidden" role="status">Relaykit is bookmarked.</span>' in html
    off = client.post("/bookmarks/tools/relaykit/", {"bookmark": "off"}, headers=HTMX)
    html = off.content.decode()
    assert 'id="bookmark-button-relaykit" type="submit" name="bookmark" value="on"' in html
    assert "Relaykit is no longer bookmarked." in html
    # Loading the islands announces nothing.
    panel = client.get("/bookmarks/panel/", {"tool": ["relaykit"]}, headers=HTMX)
    assert '<span class="visually-hidden" role="status"></span>' in panel.content.decode()
