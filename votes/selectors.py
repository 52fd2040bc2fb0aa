"""Reads for the community islands; each runs a fixed number of queries."""

import uuid

from plumbing.drafts import published
from tools.models import Tool
from verdicts.community import PickSplit
from votes.models import Bookmark, PairTally, Pick, ToolTally, Vote, pair_order


def published_tool_get(*, slug: str) -> Tool | None:
    """A published tool with its community counters, or None (one query)."""
    return Tool.objects.published().with_community().filter(slug=slug).order_by().first()


def tally_get(*, tool: Tool) -> ToolTally:
    """The tool's community counters as they stand (one query); zeros before any vote."""
    return ToolTally.objects.filter(tool=tool).first() or ToolTally(tool=tool)


def published_tools_get(*, slugs: list[str]) -> list[Tool]:
    """The published tools among these slugs, in order, with community counters (one query)."""
    found = {
        tool.slug: tool
        for tool in Tool.objects.published().with_community().filter(slug__in=slugs)
    }
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def published_pair_get(*, slugs: tuple[str, str]) -> tuple[Tool, Tool] | None:
    """Two different published tools in the given order, or None (one query)."""
    if slugs[0] == slugs[1]:
        return None
    tools = {tool.slug: tool for tool in Tool.objects.published().filter(slug__in=slugs)}
    if len(tools) != 2:
        return None
    return tools[slugs[0]], tools[slugs[1]]


def vote_of(*, visitor: uuid.UUID | None, tool: Tool) -> str | None:
    if visitor is None:
        return None
    return Vote.objects.filter(visitor=visitor, tool=tool).values_list("value", flat=True).first()


def votes_of(*, visitor: uuid.UUID | None, tools: list[Tool]) -> dict[int, str]:
    """This visitor's vote on each of these tools that has one, by tool id (one query)."""
    if visitor is None or not tools:
        return {}
    return dict(
        Vote.objects.filter(visitor=visitor, tool__in=tools).values_list("tool_id", "value")
    )


def pick_split_get(*, left: Tool, right: Tool) -> PickSplit:
    """Head-to-head picks for a pair, in the reader's order (one query)."""
    first, second = pair_order(left, right)
    tally = PairTally.objects.filter(first=first, second=second).first()
    if tally is None:
        return PickSplit(left.name, right.name)
    counts = {first.pk: tally.first_count, second.pk: tally.second_count}
    return PickSplit(left.name, right.name, left=counts[left.pk], right=counts[right.pk])


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
        for bookmark in Bookmark.objects.filter(published("tool"), visitor=visitor)
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
