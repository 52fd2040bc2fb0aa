"""JSON-LD by the search engines' rules: the panel's takes are an Organization's Reviews,
and an AggregateRating comes only from enough readers' votes, never from the panel."""

import json
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import PanelReviewFactory, ToolFactory
from tests.structured_data import json_ld_keys
from tools.structured_data import community_rating
from verdicts.community import EARLY_VOTES, CommunitySummary
from votes.services import vote_cast


def json_ld(client, path) -> dict:
    html = client.get(path).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def types_in(data) -> list[str]:
    """Every @type anywhere in the document."""
    if isinstance(data, dict):
        found = [data["@type"]] if "@type" in data else []
        return found + [kind for value in data.values() for kind in types_in(value)]
    if isinstance(data, list):
        return [kind for item in data for kind in types_in(item)]
    return []


def votes(tool, *, ship=0, skip=0):
    for value, count in (("ship", ship), ("skip", skip)):
        for _ in range(count):
            vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)


@pytest.fixture
def tools(db):
    left = ToolFactory(slug="inkwell", name="Inkwell")
    right = ToolFactory(slug="slatebox", name="Slatebox")
    for persona, score, verdict in (("builder", 81, "ship"), ("skeptic", 38, "skip")):
        PanelReviewFactory(tool=left, persona=persona, score=score, verdict=verdict)
    PanelReviewFactory(tool=right, persona="founder", score=66, verdict="ship")
    return left, right


# The rule, without a database


def test_no_rating_without_votes_or_below_the_early_threshold():
    assert community_rating(CommunitySummary()) is None
    assert community_rating(CommunitySummary(ship=1)) is None
    assert community_rating(CommunitySummary(ship=EARLY_VOTES - 1)) is None


def test_the_rating_is_the_community_ship_percent_out_of_100_with_its_vote_count():
    assert community_rating(CommunitySummary(ship=5, skip=3)) is None
    assert community_rating(CommunitySummary(ship=7, skip=4)) == {
        "@type": "AggregateRating",
        "ratingValue": 64,  # 63.6 rounds half up, as the page shows it
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": 11,
    }


# The pages


@pytest.mark.parametrize("path", ["/tools/inkwell/", "/compare/inkwell-vs-slatebox/"])
def test_takes_are_reviews_by_the_editorial_panel_never_by_a_person(client, tools, path):
    data = json_ld(client, path)
    assert "Person" not in types_in(data)
    app = data["@graph"][0]
    assert len(app["review"]) == 2
    for review in app["review"]:
        assert review["@type"] == "Review"
        assert review["author"] == {
            "@type": "Organization",
            "name": f"{settings.SITE_NAME} editorial panel",
        }
        assert review["reviewRating"]["bestRating"] == 100


@pytest.mark.parametrize("path", ["/tools/inkwell/", "/compare/inkwell-vs-slatebox/"])
def test_no_aggregate_rating_from_the_panel_or_from_too_few_votes(client, tools, path):
    assert "aggregateRating" not in json_ld_keys(json_ld(client, path))
    votes(tools[0], ship=EARLY_VOTES - 1)
    cache.clear()
    assert "aggregateRating" not in json_ld_keys(json_ld(client, path))


def test_the_tool_page_rates_from_enough_readers_votes(client, tools):
    votes(tools[0], ship=9, skip=3)
    app = json_ld(client, "/tools/inkwell/")["@graph"][0]
    assert app["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 75,
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": 12,
    }
    # The page shows the same numbers the rating carries.
    assert "75% ship · 12 votes" in client.get("/tools/inkwell/").content.decode()


def test_the_compare_pages_cached_json_ld_follows_new_votes(client, tools):
    left, _right = tools
    votes(left, ship=10)
    first = json_ld(client, "/compare/inkwell-vs-slatebox/")["@graph"]
    assert first[0]["aggregateRating"]["ratingCount"] == 10
    assert "aggregateRating" not in first[1]
    # A reader with the visitor cookie skips the page cache but not the fragment cache:
    # the fragment is keyed by the counters, so a vote is in the JSON-LD at once.
    votes(left, skip=2)
    client.cookies["visitor"] = str(uuid.uuid4())
    again = json_ld(client, "/compare/inkwell-vs-slatebox/")["@graph"]
    assert again[0]["aggregateRating"]["ratingCount"] == 12
    assert again[0]["aggregateRating"]["ratingValue"] == 83  # 10 of 12, 83.3


def test_a_tool_without_takes_has_no_reviews_and_valid_json_ld(client, db):
    ToolFactory(slug="blank", name="Blank")
    app = json_ld(client, "/tools/blank/")["@graph"][0]
    assert app["review"] == []
    assert app["@type"] == "SoftwareApplication"
    assert "aggregateRating" not in app
