"""The compare page's cached fragments: rendered once per tool version, never stale.

Readers with the visitor cookie get pages rendered for them (the page cache
steps aside), so these tests read the page as such a reader: what they see
comes from the fragments.
"""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PanelReviewFactory, ToolFactory
from votes.services import vote_cast

pytestmark = pytest.mark.django_db(transaction=True)

COMPARE = "/compare/moorhen-vs-patchwright/"


@pytest.fixture
def reader(client):
    client.cookies["visitor"] = str(uuid.uuid4())
    return client


def html(reader, path=COMPARE):
    response = reader.get(path)
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]  # rendered, not a cached page
    return response.content.decode()


def test_a_rendered_page_with_its_fragments_cached_runs_one_query(reader, pair):
    first = html(reader)
    with CaptureQueriesContext(connection) as queries:
        again = html(reader)
    assert len(queries) == 1  # the two tools; their takes and related tools stay unread
    assert again == first


def renamed(left, right):
    left.name = "Patchwright Pro"
    left.save()
    return "Patchwright Pro"


def take_added(left, right):
    PanelReviewFactory(tool=right, persona="futurist", take="Moorhen's first take, just in.")
    return "Moorhen&#x27;s first take, just in."


def take_removed(left, right):
    take = left.panel_reviews.get()
    take.delete()
    return f"!{take.take}"


def category_renamed(left, right):
    left.category.name = "Review bots"
    left.category.save()
    return "Review bots"


def related_tool_renamed(left, right):
    other = ToolFactory(name="Quillfeather", slug="quillfeather", category=left.category)
    # The related list is keyed by the catalog version; a brand-new tool bumps it.
    other.name = "Quillfeather Two"
    other.save()
    return "Quillfeather Two"


def community_vote(left, right):
    vote_cast(visitor=uuid.uuid4(), tool=right, value="ship")
    return "100% ship · 1 vote"


@pytest.mark.parametrize(
    "change",
    [renamed, take_added, take_removed, category_renamed, related_tool_renamed, community_vote],
)
def test_every_change_shows_at_once_on_a_page_built_from_fragments(reader, pair, change):
    html(reader)  # fragments now cached
    expected = change(*pair)
    page = html(reader).split('<main id="main"', 1)[1]  # not the title, rendered afresh
    if expected.startswith("!"):
        assert expected[1:] not in page
    else:
        assert expected in page


def test_the_two_orders_of_a_pair_keep_their_own_fragments(reader, pair):
    forward = html(reader)
    backward = html(reader, "/compare/patchwright-vs-moorhen/")
    assert forward.index("Moorhen") < forward.index("Patchwright")
    hero = backward[backward.index("<h1>") :]
    assert hero.index("Patchwright") < hero.index("Moorhen")


# The directory shows only what editors change: its listing is kept per catalog version.

DIRECTORY_VIEWS = ["/tools/", "/tools/?q=patch", "/tools/?sort=name&entry=free", "/tools/?page=9"]


@pytest.mark.parametrize("path", DIRECTORY_VIEWS)
def test_a_directory_listing_rendered_once_runs_no_query_again(reader, pair, path):
    first = html(reader, path)
    with CaptureQueriesContext(connection) as queries:
        again = html(reader, path)
    assert len(queries) == 0
    assert again == first


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (renamed, "Patchwright Pro"),
        (take_added, "No takes yet"),  # Moorhen's card, before its first take
        (category_renamed, "Review bots"),
    ],
)
def test_every_editors_change_shows_at_once_in_the_directory(reader, pair, change, shown):
    before = html(reader, "/tools/")
    change(*pair)
    after = html(reader, "/tools/")
    if change is take_added:
        assert shown in before
        assert shown not in after
    else:
        assert shown not in before
        assert shown in after


def test_directory_views_keep_their_own_listings(reader, pair):
    everything = html(reader, "/tools/")
    assert "Moorhen" in everything
    assert "Patchwright" in everything
    found = html(reader, "/tools/?q=moorhen")
    cards = found.split('class="card-grid"', 1)[1]
    assert "Moorhen" in cards
    assert "Patchwright" not in cards
    fragment = reader.get("/tools/?q=moorhen", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "Moorhen" in fragment
    assert "<html" in html(reader, "/tools/?q=moorhen")
