"""Reads for the community widgets; each runs a fixed number of queries."""

import uuid

from django.core.exceptions import ObjectDoesNotExist

from tools.models import Tool
from votes.community import CommunitySummary, PairSplit
from votes.models import Bookmark, PairTally, Pick, Vote
from votes.services import pair_order


def community_summary(tool: Tool) -> CommunitySummary:
    """The tool's community counters (load tools with select_related("tally") to avoid a query)."""
    try:
        tally = tool.tally
    except ObjectDoesNotExist:
        return CommunitySummary()
    return CommunitySummary(ship=tally.ship_count, skip=tally.skip_count)


def vote_of(*, visitor: uuid.UUID | None, tool: Tool) -> str | None:
    if visitor is None:
        return None
    return Vote.objects.filter(visitor=visitor, tool=tool).values_list("value", flat=True).first()


def pair_split(left: Tool, right: Tool) -> PairSplit:
    """Head-to-head picks for a pair, in the reader's order (one query)."""
    first, second = pair_order(left, right)
    tally = PairTally.objects.filter(first=first, second=second).first()
    if tally is None:
        return PairSplit(left.name, right.name)
    counts = {first.pk: tally.first_count, second.pk: tally.second_count}
    return PairSplit(left.name, right.name, left=counts[left.pk], right=counts[right.pk])


def pick_of(*, visitor: uuid.UUID | None, left: Tool, right: Tool) -> int | None:
    """The id of the tool this visitor picked from the pair, if any."""
    if visitor is None:
        return None
    first, second = pair_order(left, right)
    return (
        Pick.objects.filter(visitor=visitor, first=first, second=second)
        .values_list("chosen_id", flat=True)
        .first()
    )


def bookmarks_list(*, visitor: uuid.UUID | None) -> list[Tool]:
    """The visitor's bookmarked published tools, newest bookmark first (two queries)."""
    if visitor is None:
        return []
    return [
        bookmark.tool
        for bookmark in Bookmark.objects.filter(visitor=visitor, tool__is_published=True)
        .select_related("tool__category")
        .prefetch_related("tool__panel_reviews")
    ]


def bookmarked_slugs(*, visitor: uuid.UUID | None, slugs: list[str]) -> set[str]:
    if visitor is None or not slugs:
        return set()
    return set(
        Bookmark.objects.filter(visitor=visitor, tool__slug__in=slugs).values_list(
            "tool__slug", flat=True
        )
    )
