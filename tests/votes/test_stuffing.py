"""Dropping the visitor cookie cannot stuff a tool's votes, nor can racing first votes."""

from concurrent.futures import ThreadPoolExecutor

from django.test import Client, override_settings

from tests.factories import ToolFactory, vote_rate_limits
from tests.votes.http import island_post
from votes.models import ToolTally, Vote
from votes.visitors import VISITOR_COOKIE

LIMITS = vote_rate_limits(window=600, ip=10_000, visitor=10_000, new_visitor_votes=20)


def cookieless_vote(slug, *, browser):
    return Client(HTTP_USER_AGENT=browser).post(f"/votes/tools/{slug}/", {"vote": "ship"})


@override_settings(RATE_LIMITS=LIMITS)
def test_new_visitors_from_one_address_add_at_most_the_daily_cap_to_one_tool(db):
    tool, other = ToolFactory(slug="stuffed"), ToolFactory(slug="untouched")
    answers = [cookieless_vote("stuffed", browser=f"bot {n}").status_code for n in range(25)]
    assert answers == [302] * 20 + [429] * 5
    assert ToolTally.objects.get(tool=tool).ship_count == 20
    assert Vote.objects.filter(tool=tool).count() == 20
    # The cap is per tool: the same address may still vote on another one.
    assert cookieless_vote("untouched", browser="bot 99").status_code == 302
    assert ToolTally.objects.get(tool=other).ship_count == 1


@override_settings(RATE_LIMITS=LIMITS)
def test_a_visitor_with_a_cookie_is_not_held_to_the_new_visitor_cap(db):
    ToolFactory(slug="loved")
    first = cookieless_vote("loved", browser="a")
    client = Client(HTTP_USER_AGENT="a")
    client.cookies[VISITOR_COOKIE] = first.cookies[VISITOR_COOKIE].value
    for value in ["skip", "ship"] * 15:
        assert client.post("/votes/tools/loved/", {"vote": value}).status_code == 302


def test_two_first_votes_from_one_browser_count_once_and_share_one_visitor(db):
    tool = ToolFactory(slug="twice")
    one, two = (cookieless_vote("twice", browser="same") for _ in range(2))
    assert (
        one.cookies[VISITOR_COOKIE].value.split(":")[0]
        == (two.cookies[VISITOR_COOKIE].value.split(":")[0])
    )
    assert ToolTally.objects.get(tool=tool).ship_count == 1
    assert Vote.objects.filter(tool=tool).count() == 1


def raw_cookieless_vote(url):
    return island_post(url, {"vote": "ship"}, user_agent="one browser, many tabs")


def test_racing_first_votes_through_real_http_count_once(live_server, transactional_db):
    tool = ToolFactory(slug="raced")
    url = f"{live_server.url}/votes/tools/raced/"
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(raw_cookieless_vote, [url] * 8))
    assert statuses == [200] * 8
    assert Vote.objects.filter(tool=tool).count() == 1
    assert ToolTally.objects.get(tool=tool).ship_count == 1
