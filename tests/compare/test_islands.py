"""The one request a page makes for all of its per-visitor parts (compare.views.islands)."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from votes.visitors import VISITOR_COOKIE

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/compare/relaykit-vs-batonette/"}
COMPARE_ISLANDS = (
    "/islands/?vote=relaykit&on_compare=1&vote=batonette&on_compare=1"
    "&pick=relaykit-vs-batonette&bookmarks=1&tool=relaykit&tool=batonette&newsletter=1"
)


@pytest.fixture
def pair(db):
    category = CategoryFactory(slug="developer-tools", name="Developer Tools")
    relay = ToolFactory(slug="relaykit", name="Relaykit", category=category)
    baton = ToolFactory(slug="batonette", name="Batonette", category=category)
    PanelReviewFactory(tool=relay, verdict="ship")
    return relay, baton


def island_names(html: str) -> list[tuple[str, str]]:
    """The (name, value) pairs a page's [data-island] inputs send with its island request."""
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)" data-island>', html)


def test_a_compare_page_names_every_island_it_holds_and_loads_them_in_one_request(client, pair):
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    names = island_names(html)
    assert ("vote", "relaykit") in names
    assert ("vote", "batonette") in names
    assert ("pick", "relaykit-vs-batonette") in names
    assert ("tool", "relaykit") in names
    assert ("tool", "batonette") in names
    assert ("newsletter", "1") in names
    assert ("bookmarks", "1") in names
    # One loader and no island of its own: a page view is the page and one request.
    assert html.count('data-hx-trigger="load"') == 1
    assert 'data-hx-get="/islands/" data-hx-trigger="load" data-hx-include="[data-island]"' in html


def test_the_answer_swaps_each_part_into_its_place(client, pair):
    response = client.get(COMPARE_ISLANDS, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="vote-relaykit" data-hx-swap-oob="true"' in html
    assert 'id="vote-batonette" data-hx-swap-oob="true"' in html
    assert 'id="community-card-relaykit" data-hx-swap-oob="true"' in html
    assert 'id="community-row-batonette" data-hx-swap-oob="true"' in html
    assert 'id="pick-island" data-hx-swap-oob="true"' in html
    assert 'id="bookmarks-panel-body" class="bookmarks-panel__body" data-hx-swap-oob' in html
    assert 'data-hx-swap-oob="outerHTML:.bookmark-slot--relaykit"' in html
    assert 'data-hx-swap-oob="outerHTML:.bookmark-slot--batonette"' in html
    assert '<div id="newsletter-island" data-hx-swap-oob="innerHTML">' in html
    assert 'name="email"' in html
    # Plain-form fallbacks lead back to the page the islands sit on.
    assert 'name="next" value="/compare/relaykit-vs-batonette/"' in html
    # Nested inside the vote widget, the cells would be swapped twice.
    widget = html[html.index('id="vote-relaykit"') : html.index('id="community-card-relaykit"')]
    assert "community-row-relaykit" not in widget


def test_the_answer_is_private_carries_one_token_and_makes_no_visitor(client, pair):
    response = client.get(COMPARE_ISLANDS, headers=HTMX)
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert VISITOR_COOKIE not in response.cookies
    html = response.content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1  # one token for every form in the answer


def test_the_answer_shows_what_this_visitor_did(client, pair):
    client.post("/votes/tools/relaykit/", {"vote": "skip"}, headers=HTMX)
    client.post("/votes/compare/relaykit-vs-batonette/", {"pick": "batonette"}, headers=HTMX)
    client.post("/bookmarks/tools/batonette/", {"bookmark": "on"}, headers=HTMX)
    html = client.get(COMPARE_ISLANDS, headers=HTMX).content.decode()
    relay = html[html.index('id="vote-relaykit"') : html.index('id="vote-batonette"')]
    assert 'value="skip" aria-pressed="true"' in relay
    assert "You voted skip." in relay
    assert "You picked Batonette." in html
    assert 'value="off" aria-pressed="true"' in html  # Batonette's toggle: bookmarked
    assert '<a href="/tools/batonette/">Batonette</a>' in html  # in the panel's list


def test_the_tool_page_asks_for_its_vote_without_the_compare_cells(client, pair):
    html = client.get("/tools/relaykit/").content.decode()
    assert ("vote", "relaykit") in island_names(html)
    assert ("on_compare", "1") not in island_names(html)
    answer = client.get("/islands/?vote=relaykit", headers=HTMX).content.decode()
    assert 'id="vote-relaykit" data-hx-swap-oob="true"' in answer
    assert "community-card-relaykit" not in answer
    assert "newsletter-island" not in answer  # not asked for


def test_the_answer_costs_the_same_queries_however_many_islands_a_page_holds(client, db):
    category = CategoryFactory()
    tools = [ToolFactory(category=category) for _ in range(12)]
    client.post(f"/votes/tools/{tools[0].slug}/", {"vote": "ship"}, headers=HTMX)

    def queries(count):
        query = "bookmarks=1&" + "&".join(
            f"vote={tool.slug}&tool={tool.slug}" for tool in tools[:count]
        )
        with CaptureQueriesContext(connection) as captured:
            pick = f"{tools[0].slug}-vs-{tools[1].slug}"
            assert client.get(f"/islands/?{query}&pick={pick}").status_code == 200
        return len(captured)

    assert queries(2) == queries(10)


@pytest.mark.parametrize(
    "query",
    [
        "vote=nope&pick=nope-vs-relaykit&bookmarks=1&tool=nope",
        "vote=%3Cscript%3E&pick=relaykit-vs-relaykit&bookmarks=1&tool=..%2F",
        "pick=relaykit&bookmarks=1",
        "bookmarks=1",
    ],
)
def test_unknown_or_malformed_islands_are_left_out_not_an_error(client, pair, query):
    response = client.get(f"/islands/?{query}", headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "vote-island" not in html
    assert "pick-island" not in html
    assert "bookmarks-panel-body" in html  # the panel is on every page
