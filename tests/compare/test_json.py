"""/compare/<a>-vs-<b>.json: the compare page's pick, panels, takes and community numbers."""

import re
import uuid
from html import unescape

import pytest
from django.test import Client, override_settings

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from votes.services import vote_cast


def panel(tool, *takes):
    for persona, score, verdict in takes:
        PanelReviewFactory(
            tool=tool, persona=persona, score=score, verdict=verdict, take=f"{persona} on {tool}"
        )


@pytest.fixture
def pair(db):
    tools = CategoryFactory(slug="developer-tools", name="Developer Tools")
    relay = ToolFactory(slug="relaykit", name="Relaykit", category=tools, pricing="$49 once")
    baton = ToolFactory(slug="batonette", name="Batonette", category=tools, entry="paid")
    panel(relay, ("builder", 82, "ship"), ("skeptic", 74, "ship"), ("founder", 78, "ship"))
    panel(relay, ("futurist", 80, "ship"))
    panel(baton, ("builder", 80, "ship"), ("skeptic", 45, "skip"), ("futurist", 80, "ship"))
    panel(baton, ("creator", 80, "ship"))
    return relay, baton


def votes(tool, *, ship=0, skip=0):
    for value, count in (("ship", ship), ("skip", skip)):
        for _ in range(count):
            vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)


def get_json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_pairs_json_names_its_format_its_page_and_its_canonical_page(client, pair):
    data = get_json(client, "/compare/relaykit-vs-batonette.json")
    assert data["format"] == "comparison-verdicts/1"
    assert data["url"] == "http://testserver/compare/relaykit-vs-batonette/"
    assert data["canonical_url"] == "http://testserver/compare/batonette-vs-relaykit/"
    assert data["json_url"] == "http://testserver/compare/relaykit-vs-batonette.json"
    assert data["pair"] == "relaykit-vs-batonette"
    assert list(data) == [
        "format",
        "url",
        "canonical_url",
        "json_url",
        "pair",
        "pick",
        "better",
        "left",
        "right",
    ]
    assert data["left"]["tool"]["slug"] == "relaykit"
    assert data["right"]["json_url"] == "http://testserver/tools/batonette.json"
    assert list(data["left"]) == ["url", "json_url", "tool", "panel", "takes", "community"]


def test_the_json_has_the_numbers_and_the_pick_the_page_shows(client, pair):
    relay, baton = pair
    votes(relay, ship=9, skip=3)
    votes(baton, ship=1)
    data = get_json(client, "/compare/relaykit-vs-batonette.json")
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    text = text_of(html)
    pick = data["pick"]
    assert pick["outcome"] == "left"
    assert pick["winner"] == "relaykit"
    assert pick["decided_by"] == "ship share"
    headline = re.search(r'<h2 id="pick-heading"[^>]*>(.*?)</h2>', html).group(1)
    assert unescape(headline) == pick["headline"] == "The panel's pick: Relaykit"
    assert pick["reason"] in text
    for side, label, counts, average in (
        ("left", "Ship · 100%", "4 ship / 0 skip", 79),  # 78.5 rounds up
        ("right", "Ship · 75%", "3 ship / 1 skip", 71),  # 71.25
    ):
        numbers = data[side]["panel"]
        assert numbers["label"] == label
        assert label in text
        assert f"{numbers['ship']} ship / {numbers['skip']} skip" == counts
        assert counts in text
        assert numbers["average_score"] == average
        assert f"{average}/100" in text
        for take in data[side]["takes"]:
            assert f"{take['score']}/100 · {take['verdict']}" in text
            assert take["take"] in text
    left, right = data["left"]["community"], data["right"]["community"]
    assert (left["ship_percent"], left["votes"], left["early"]) == (75, 12, False)
    assert (right["ship_percent"], right["votes"], right["early"]) == (100, 1, True)
    assert left["label"] in text
    assert right["label"] in text
    # Community shares compare only once both sides have enough votes.
    assert data["better"] == {"panel": "left", "average": "left", "community": None}


def test_the_reverse_order_is_served_in_the_readers_order_like_the_page(client, pair):
    data = get_json(client, "/compare/batonette-vs-relaykit.json")
    assert data["left"]["tool"]["slug"] == "batonette"
    assert data["pick"]["outcome"] == "right"
    assert data["pick"]["winner"] == "relaykit"
    assert data["canonical_url"] == "http://testserver/compare/batonette-vs-relaykit/"


def test_capitals_redirect_to_the_lowercase_json_and_one_tool_twice_to_its_own(client, pair):
    capitals = client.get("/compare/Relaykit-vs-Batonette.json")
    assert (capitals.status_code, capitals["Location"]) == (
        301,
        "/compare/relaykit-vs-batonette.json",
    )
    same = client.get("/compare/relaykit-vs-relaykit.json")
    assert (same.status_code, same["Location"]) == (301, "/tools/relaykit.json")


def test_no_pick_when_a_tool_has_no_takes(client, pair):
    ToolFactory(slug="newcomer", name="Newcomer")
    data = get_json(client, "/compare/relaykit-vs-newcomer.json")
    assert data["pick"] == {
        "outcome": None,
        "winner": None,
        "decided_by": None,
        "headline": "No pick yet",
        "reason": "The panel has not reviewed Newcomer yet, so it cannot choose between them.",
        "other_note": None,
    }
    assert data["right"]["takes"] == []
    assert data["right"]["panel"]["verdict"] is None
    assert "No pick yet" in text_of(client.get("/compare/relaykit-vs-newcomer/").content.decode())


def test_an_even_pair_is_a_tie_without_a_winner(client, db):
    left, right = ToolFactory(slug="left"), ToolFactory(slug="right")
    panel(left, ("builder", 70, "ship"))
    panel(right, ("skeptic", 70, "ship"))
    pick = get_json(client, "/compare/left-vs-right.json")["pick"]
    assert (pick["outcome"], pick["winner"], pick["decided_by"]) == ("tie", None, None)
    assert pick["headline"] == "The panel calls it even"


def test_a_pair_with_an_unpublished_or_unknown_tool_is_a_json_404(client, pair):
    ToolFactory(slug="secret", is_published=False)
    draft = get_json(client, "/compare/relaykit-vs-secret.json", status=404)
    assert draft["error"]["unknown"] == ["secret"]  # a draft reads as unknown
    both = get_json(client, "/compare/nothing-vs-nowhere.json", status=404)
    assert both["error"]["unknown"] == ["nothing", "nowhere"]
    malformed = get_json(client, "/compare/relaykit.json", status=404)
    assert malformed["error"]["status"] == 404


def test_head_works_post_is_refused_and_every_origin_may_read(client, pair):
    path = "/compare/relaykit-vs-batonette.json"
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
    response = client.get(path, headers={"Origin": "https://x.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    page = client.get("/compare/relaykit-vs-batonette/", headers={"Origin": "https://x.example"})
    assert "Access-Control-Allow-Origin" not in page


@override_settings(RATE_LIMITS={"machine-read": {"window": 30, "ip": 1}})
def test_a_pairs_json_is_rate_limited_per_address(client, pair):
    assert client.get("/compare/relaykit-vs-batonette.json").status_code == 200
    over = client.get("/compare/batonette-vs-relaykit.json")
    assert over.status_code == 429
    assert over["Retry-After"] == "30"
    # The cached answer is served without counting: it costs no query.
    assert client.get("/compare/relaykit-vs-batonette.json").status_code == 200


@pytest.mark.parametrize("size", [2, 60])
def test_a_pairs_json_costs_two_queries_at_any_size(client, db, django_assert_num_queries, size):
    tools = catalog_create(tools=size)
    left, right = tools[0], tools[-1]
    votes(left, ship=1)
    with django_assert_num_queries(2):  # the two tools with their tallies, their takes
        data = client.get(f"/compare/{left.slug}-vs-{right.slug}.json").json()
    assert data["left"]["community"]["votes"] == 1


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/compare/x!-vs-y!.json", 404),
        ("/compare/-vs-.json", 404),
        ("/compare/a%00-vs-b.json", 400),
        ("/tools.json?page=-1", 404),
        ("/tools.json?page=99999999999999999999", 404),
        ("/tools.json?page=%00", 400),
    ],
)
def test_bad_input_gets_a_clear_4xx_never_a_500(db, path, status):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == status
