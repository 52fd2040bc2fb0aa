"""Concurrent votes through real HTTP must never double-count or lose a vote.

On PostgreSQL (CI) requests really interleave and the row locks are what
keeps the counts right; SQLite serialises its writers, so there it checks the
same rules with less contention.
"""

import random
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.http import HttpResponse
from django.test import override_settings

from tests.factories import ToolFactory, vote_rate_limits
from tests.votes.http import island_post
from votes.models import Pick, ToolTally, Vote
from votes.services import tallies_recount
from votes.visitors import VISITOR_COOKIE, visitor_remember

VISITORS = 50
REQUESTS = 240


def visitor_cookie(visitor: uuid.UUID) -> str:
    """The cookie value the site itself would give this visitor."""
    response = HttpResponse()
    visitor_remember(response, visitor)
    return response.cookies[VISITOR_COOKIE].value


def post(url: str, data: dict, visitor: uuid.UUID) -> int:
    return island_post(url, data, cookie=f"{VISITOR_COOKIE}={visitor_cookie(visitor)}")


@override_settings(RATE_LIMITS=vote_rate_limits(window=60, ip=100_000, visitor=100_000))
def test_concurrent_votes_from_many_visitors_keep_exact_counts(live_server, transactional_db):
    tools = [ToolFactory(slug=f"busy-tool-{index}") for index in range(3)]
    visitors = [uuid.uuid4() for _ in range(VISITORS)]
    rng = random.Random(20261125)
    jobs = []
    for index in range(REQUESTS):
        # Every visitor votes at least once; then new votes, changes, repeats
        # and withdrawals in a random mix, many for the same visitor and tool.
        visitor = visitors[index % VISITORS] if index < VISITORS else rng.choice(visitors)
        tool = rng.choice(tools)
        choice = rng.choice(["ship", "ship", "skip", "skip", "withdraw"])
        jobs.append((f"{live_server.url}/votes/tools/{tool.slug}/", {"vote": choice}, visitor))
    pair = f"{live_server.url}/votes/compare/{tools[0].slug}-vs-{tools[1].slug}/"
    for visitor in visitors[:20]:
        for _ in range(2):
            jobs.append((pair, {"pick": rng.choice([tools[0].slug, tools[1].slug])}, visitor))
    rng.shuffle(jobs)

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(lambda job: post(*job), jobs))

    assert Counter(statuses) == Counter({200: len(jobs)})
    assert tallies_recount(fix=False) == []
    # Every request was recognised as one of the 50 visitors.
    assert set(Vote.objects.values_list("visitor", flat=True)) <= set(visitors)
    per_visitor_and_tool = Counter(Vote.objects.values_list("visitor", "tool"))
    assert max(per_visitor_and_tool.values()) == 1
    assert Pick.objects.count() == 20
    for tool in tools:
        tally = ToolTally.objects.filter(tool=tool).first()
        ship = Vote.objects.filter(tool=tool, value="ship").count()
        skip = Vote.objects.filter(tool=tool, value="skip").count()
        assert (tally.ship_count, tally.skip_count) == (ship, skip)
