"""/tools/<slug>.json and /tools.json: the tool page's facts for programs, versioned."""

import datetime
import re
import uuid
from html import unescape

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools import selectors
from tools.models import Tool
from tools.services import pricing_verified_mark
from votes.services import vote_cast


@pytest.fixture
def tool(db):
    tool = ToolFactory(name="Draftwell", slug="draftwell", pricing="Free / $9 per month")
    PanelReviewFactory(tool=tool, persona="builder", score=82, verdict="ship", take="Tidy API.")
    PanelReviewFactory(tool=tool, persona="skeptic", score=45, verdict="skip", take="Thin moat.")
    PanelReviewFactory(tool=tool, persona="creator", score=71, verdict="ship", take="Calm UI.")
    return tool


def votes(tool, *, ship=0, skip=0):
    for value, count in (("ship", ship), ("skip", skip)):
        for _ in range(count):
            vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)


def get_json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def page_text(client, path):
    html = client.get(path).content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_tools_json_names_its_format_and_its_page(client, tool):
    data = get_json(client, "/tools/draftwell.json")
    assert data["format"] == "tool-verdicts/1"
    assert data["url"] == "http://testserver/tools/draftwell/"
    assert data["json_url"] == "http://testserver/tools/draftwell.json"
    assert list(data) == ["format", "url", "json_url", "tool", "panel", "takes", "community"]
    assert data["tool"]["slug"] == "draftwell"
    assert data["tool"]["category"]["url"].startswith("http://testserver/categories/")
    assert data["tool"]["entry"] == {"code": "free", "label": "Free"}
    assert data["tool"]["pricing"] == "Free / $9 per month"


def test_the_json_has_the_numbers_the_page_shows(client, tool):
    votes(tool, ship=8, skip=5)
    data = get_json(client, "/tools/draftwell.json")
    text = page_text(client, "/tools/draftwell/")
    panel = data["panel"]
    assert (panel["verdict"], panel["ship"], panel["skip"], panel["takes"]) == ("ship", 2, 1, 3)
    assert panel["ship_percent"] == 67  # 66.67 rounds to 67
    assert panel["label"] == "Ship · 67%"
    assert f"Ship · {panel['ship_percent']}%" in text
    assert f"{panel['ship']} ship / {panel['skip']} skip" in text
    assert panel["average_score"] == 66  # (82 + 45 + 71) / 3 = 66.0
    assert f"{panel['average_score']}/100" in text
    assert panel["average_score_unrounded"] == pytest.approx(66.0)
    community = data["community"]
    assert (community["ship_votes"], community["skip_votes"], community["votes"]) == (8, 5, 13)
    assert community["ship_percent"] == 62  # 61.5 rounds half up
    assert community["label"] == "62% ship · 13 votes"
    assert community["label"] in text
    assert community["early"] is False
    for take in data["takes"]:
        assert f"{take['score']}/100 · {take['verdict']}" in text
        assert take["take"] in text


def test_takes_come_in_panel_order_with_their_persona_and_dates(client, tool):
    takes = get_json(client, "/tools/draftwell.json")["takes"]
    assert [take["persona"] for take in takes] == ["builder", "skeptic", "creator"]
    assert takes[1] == {
        "persona": "skeptic",
        "persona_name": "Skeptic",
        "persona_url": "http://testserver/panel/skeptic/",
        "score": 45,
        "verdict": "skip",
        "take": "Thin moat.",
        "created_at": takes[1]["created_at"],
        "updated_at": takes[1]["updated_at"],
    }
    assert takes[1]["updated_at"].endswith("+00:00")


def test_the_panel_change_and_the_tools_own_change_are_dated(client, tool):
    tool.refresh_from_db()
    data = get_json(client, "/tools/draftwell.json")
    assert data["panel"]["changed_at"] == tool.panel_changed_at.isoformat()
    assert data["tool"]["updated_at"] == tool.updated_at.isoformat()


def test_a_tool_without_takes_says_so_with_nulls(client, db):
    ToolFactory(slug="blank")
    data = get_json(client, "/tools/blank.json")
    assert data["takes"] == []
    assert data["panel"] == {
        "verdict": None,
        "label": "No takes yet",
        "ship_percent": None,
        "ship": 0,
        "skip": 0,
        "takes": 0,
        "panel_size": 5,
        "average_score": None,
        "average_score_unrounded": None,
        "changed_at": None,
    }
    assert data["community"]["label"] == "No community votes yet"
    assert data["community"]["ship_percent"] is None
    assert "No takes yet" in page_text(client, "/tools/blank/")


def test_a_single_vote_is_marked_early(client, tool):
    votes(tool, skip=1)
    community = get_json(client, "/tools/draftwell.json")["community"]
    assert community["votes"] == 1
    assert community["ship_percent"] == 0
    assert community["early"] is True
    assert community["early_below"] == 10
    assert "early" in page_text(client, "/tools/draftwell/")


def test_a_draft_or_an_unknown_tool_is_a_json_404(client, db):
    ToolFactory(slug="secret", is_published=False)
    for slug in ("secret", "nothing-here"):
        data = get_json(client, f"/tools/{slug}.json", status=404)
        assert data["error"]["status"] == 404


def test_a_draft_stays_hidden_from_staff_too(admin_client, db):
    ToolFactory(slug="secret", is_published=False)
    assert admin_client.get("/tools/secret.json").status_code == 404


def test_head_works_post_is_refused_and_options_answers_a_preflight(client, tool):
    head = client.head("/tools/draftwell.json")
    assert head.status_code == 200
    assert head.content == b""
    post = client.post("/tools/draftwell.json")
    assert post.status_code == 405
    assert post["Allow"] == "GET, HEAD, OPTIONS"
    assert post.json()["error"]["status"] == 405
    preflight = client.options("/tools/draftwell.json", headers={"Origin": "https://x.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_cross_origin_post_gets_the_405_in_json_not_a_csrf_page(tool):
    # The test client skips CSRF checks unless told; browsers and scripts do not.
    strict = Client(enforce_csrf_checks=True)
    for path in ("/tools/draftwell.json", "/tools.json", "/llms.txt"):
        post = strict.post(path, headers={"Origin": "https://elsewhere.example"})
        assert post.status_code == 405, path
        assert post["Access-Control-Allow-Origin"] == "*"
        assert post.json()["error"]["status"] == 405


def test_the_json_is_open_to_every_origin_and_the_page_is_not(client, tool):
    with_origin = client.get("/tools/draftwell.json", headers={"Origin": "https://x.example"})
    without = client.get("/tools/draftwell.json")  # from the page cache
    for response in (with_origin, without):
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Origin" not in without.get("Vary", "")
    page = client.get("/tools/draftwell/", headers={"Origin": "https://x.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_the_json_is_cached_with_an_etag_and_answers_a_conditional_get_with_304(client, tool):
    with CaptureQueriesContext(connection) as first:
        fresh = client.get("/tools/draftwell.json")
    with CaptureQueriesContext(connection) as again:
        cached = client.get("/tools/draftwell.json")
    assert len(first) > 0
    assert len(again) == 0
    assert cached.content == fresh.content
    assert cached["Content-Type"] == "application/json"
    assert "public" in cached["Cache-Control"]
    not_modified = client.get("/tools/draftwell.json", headers={"If-None-Match": fresh["ETag"]})
    assert not_modified.status_code == 304
    # Compressed for a client that accepts it, and kept so as well.
    gzip = {"Accept-Encoding": "gzip"}
    compressed = client.get("/tools/draftwell.json", headers=gzip)
    assert compressed["Content-Encoding"] == "gzip"
    with CaptureQueriesContext(connection) as hit:
        assert client.get("/tools/draftwell.json", headers=gzip).content == compressed.content
    assert len(hit) == 0


@override_settings(RATE_LIMITS={"machine-read": {"window": 60, "ip": 2}})
def test_past_the_limit_an_address_gets_a_429_in_json_with_retry_after(client, tool):
    ToolFactory(slug="second")
    # Three different addresses: a cached one would be answered before the limit.
    answers = [client.get(path) for path in ("/tools/draftwell.json", "/tools/second.json")]
    over = client.get("/tools/third.json")
    assert [answer.status_code for answer in answers] == [200, 200]
    assert over.status_code == 429
    assert over["Retry-After"] == "60"
    assert over["Cache-Control"] == "private, no-store"
    assert over["Access-Control-Allow-Origin"] == "*"
    assert over.json()["error"]["status"] == 429
    # Another address still gets its answer.
    other = client.get("/tools/draftwell.json", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


@pytest.mark.parametrize("takes", [0, 5])
def test_a_tools_json_costs_two_queries_whatever_its_panel_or_the_catalog(
    client, db, django_assert_num_queries, takes
):
    catalog_create(tools=40 if takes else 2)
    tool = ToolFactory(slug="measured")
    for persona in ["builder", "skeptic", "founder", "futurist", "creator"][:takes]:
        PanelReviewFactory(tool=tool, persona=persona)
    votes(tool, ship=2)
    with django_assert_num_queries(2):  # the tool with its tally, its takes
        data = client.get("/tools/measured.json").json()
    assert len(data["takes"]) == takes


# The index


def test_the_index_lists_every_published_tool_by_slug_with_its_json(client, tool):
    ToolFactory(slug="another", name="Another")
    ToolFactory(slug="secret", is_published=False)
    data = get_json(client, "/tools.json")
    assert data["format"] == "tool-index/1"
    assert data["url"] == "http://testserver/tools/"
    assert (data["count"], data["page"], data["pages"]) == (2, 1, 1)
    assert data["next"] is None
    assert [entry["slug"] for entry in data["tools"]] == ["another", "draftwell"]
    entry = data["tools"][1]
    assert entry["json_url"] == "http://testserver/tools/draftwell.json"
    assert entry["url"] == "http://testserver/tools/draftwell/"
    assert entry["panel"] == {
        "verdict": "ship",
        "label": "Ship · 67%",
        "ship_percent": 67,
        "takes": 3,
        "average_score": 66,
    }
    # The same brief numbers as the tool's own JSON.
    full = get_json(client, entry["json_url"].removeprefix("http://testserver"))["panel"]
    assert {key: full[key] for key in entry["panel"]} == entry["panel"]


def test_the_index_pages_through_a_large_catalog(client, db, monkeypatch):
    monkeypatch.setattr(selectors, "INDEX_PAGE_SIZE", 3)
    catalog_create(tools=7)
    first = get_json(client, "/tools.json")
    assert (first["count"], first["pages"], len(first["tools"])) == (7, 3, 3)
    assert first["next"] == "http://testserver/tools.json?page=2"
    last = get_json(client, "/tools.json?page=3")
    assert len(last["tools"]) == 1
    assert last["previous"] == "http://testserver/tools.json?page=2"
    assert last["next"] is None
    seen = [entry["slug"] for page in (1, 2, 3) for entry in pages(client, page)]
    assert seen == sorted(Tool.objects.values_list("slug", flat=True))
    assert get_json(client, "/tools.json?page=4", status=404)["error"]["status"] == 404
    assert client.get("/tools.json?page=two").status_code == 400


def pages(client, number):
    return get_json(client, f"/tools.json?page={number}")["tools"]


@pytest.mark.parametrize("size", [3, 60])
def test_the_index_costs_two_queries_at_any_size(client, db, django_assert_num_queries, size):
    catalog_create(tools=size)
    with django_assert_num_queries(2):  # the stored counts, the page
        data = client.get("/tools.json").json()
    assert data["count"] == size


def test_the_json_says_when_pricing_was_verified_and_which_part_is_old(
    client, tool, django_capture_on_commit_callbacks
):
    # Never verified, on a tool listed 200 days ago: its pricing was last looked at then.
    listed = timezone.now() - datetime.timedelta(days=200)
    Tool.objects.filter(pk=tool.pk).update(created_at=listed)
    data = get_json(client, "/tools/draftwell.json")
    assert data["tool"]["pricing_verified_on"] is None
    assert data["tool"]["freshness"] == {
        "possibly_out_of_date": True,
        "pricing_old": True,
        "panel_old": False,
        "after_days": 180,
    }
    assert "Possibly out of date" in page_text(client, "/tools/draftwell/")

    with django_capture_on_commit_callbacks(execute=True):
        pricing_verified_mark(tools=Tool.objects.filter(pk=tool.pk), on=timezone.localdate())
    data = get_json(client, "/tools/draftwell.json")
    assert data["tool"]["pricing_verified_on"] == timezone.localdate().isoformat()
    assert data["tool"]["freshness"]["possibly_out_of_date"] is False
