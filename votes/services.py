"""Writes for votes, picks and bookmarks.

Each write and the counter it moves happen in one transaction. The visitor's
own row is locked first (SELECT … FOR UPDATE, or the UPDATE that changes it)
and the counter is changed with an F() expression, so concurrent requests
queue on the row instead of double-counting; a concurrent first vote that
loses the race on the unique constraint is retried as a change.
"""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from tools.models import Tool
from verdicts.vocabulary import Verdict
from votes.models import Bookmark, PairTally, Pick, ToolTally, Vote, pair_order

RETRIES = 3


def _tally_adjust(tool_id: int, *, ship: int = 0, skip: int = 0) -> None:
    def adjust() -> int:
        return ToolTally.objects.filter(tool_id=tool_id).update(
            ship_count=F("ship_count") + ship, skip_count=F("skip_count") + skip
        )

    # A tool's first vote makes its counter; two first votes at once make one.
    if not adjust():
        ToolTally.objects.bulk_create([ToolTally(tool_id=tool_id)], ignore_conflicts=True)
        adjust()


def _delta(value: str, sign: int) -> dict:
    return {"ship": sign} if value == Verdict.SHIP else {"skip": sign}


def _retrying(write):
    """Run `write` in a transaction; a lost race on a unique constraint runs it again."""
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                return write()
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise
    return None  # pragma: no cover - the loop returns or raises


def vote_cast(*, visitor: uuid.UUID, tool: Tool, value: str) -> str | None:
    """Set the visitor's vote on a tool; returns the previous value (None if new)."""
    if value not in Verdict.values:
        raise ValueError(f"unknown vote {value!r}")

    def write():
        votes = Vote.objects.filter(visitor=visitor, tool=tool)
        # A change is one UPDATE, which locks the row: of two changes at once the
        # second finds the value already set and changes nothing. With two
        # verdicts, a vote that changed was the other one.
        if votes.exclude(value=value).update(value=value, updated_at=timezone.now()):
            (previous,) = set(Verdict.values) - {value}
            _tally_adjust(tool.pk, **_delta(previous, -1), **_delta(value, +1))
            return previous
        if votes.exists():
            return value
        with transaction.atomic():
            Vote.objects.create(visitor=visitor, tool=tool, value=value)
        _tally_adjust(tool.pk, **_delta(value, +1))
        return None

    return _retrying(write)


def vote_withdraw(*, visitor: uuid.UUID, tool: Tool) -> str | None:
    """Take the visitor's vote back; returns the withdrawn value (None if there was none)."""
    with transaction.atomic():
        vote = Vote.objects.select_for_update().filter(visitor=visitor, tool=tool).first()
        if vote is None:
            return None
        vote.delete()
        _tally_adjust(tool.pk, **_delta(vote.value, -1))
        return vote.value


def _pair_tally_adjust(first: Tool, second: Tool, chosen_id: int, sign: int) -> None:
    PairTally.objects.bulk_create([PairTally(first=first, second=second)], ignore_conflicts=True)
    field = "first_count" if chosen_id == first.pk else "second_count"
    PairTally.objects.filter(first=first, second=second).update(**{field: F(field) + sign})


def pick_cast(*, visitor: uuid.UUID, left: Tool, right: Tool, chosen: Tool) -> int | None:
    """Set the visitor's head-to-head pick for a pair; returns the previously chosen id."""
    if chosen.pk not in (left.pk, right.pk) or left.pk == right.pk:
        raise ValueError("the chosen tool must be one of two different tools")
    first, second = pair_order(left, right)

    def write():
        pick = (
            Pick.objects.select_for_update()
            .filter(visitor=visitor, first=first, second=second)
            .first()
        )
        if pick is None:
            with transaction.atomic():
                Pick.objects.create(visitor=visitor, first=first, second=second, chosen=chosen)
            _pair_tally_adjust(first, second, chosen.pk, +1)
            return None
        previous = pick.chosen_id
        if previous != chosen.pk:
            pick.chosen = chosen
            pick.save(update_fields=["chosen", "updated_at"])
            _pair_tally_adjust(first, second, previous, -1)
            _pair_tally_adjust(first, second, chosen.pk, +1)
        return previous

    return _retrying(write)


def pick_withdraw(*, visitor: uuid.UUID, left: Tool, right: Tool) -> int | None:
    """Take the visitor's pick on a pair back; returns the id it had chosen (None if none)."""
    first, second = pair_order(left, right)
    with transaction.atomic():
        pick = (
            Pick.objects.select_for_update()
            .filter(visitor=visitor, first=first, second=second)
            .first()
        )
        if pick is None:
            return None
        pick.delete()
        _pair_tally_adjust(first, second, pick.chosen_id, -1)
        return pick.chosen_id


def bookmark_set(*, visitor: uuid.UUID, tool: Tool, bookmarked: bool) -> None:
    """Bookmark or unbookmark a tool. Idempotent, so a double click or a retry is harmless."""
    if bookmarked:
        Bookmark.objects.bulk_create([Bookmark(visitor=visitor, tool=tool)], ignore_conflicts=True)
    else:
        Bookmark.objects.filter(visitor=visitor, tool=tool).delete()


def visitor_votes_remove(*, visitor: uuid.UUID) -> int:
    """Remove every vote and pick of one visitor (abuse clean-up); counters follow."""
    removed = 0
    with transaction.atomic():
        for vote in Vote.objects.select_for_update().filter(visitor=visitor).order_by("pk"):
            vote.delete()
            _tally_adjust(vote.tool_id, **_delta(vote.value, -1))
            removed += 1
        for pick in Pick.objects.select_for_update().filter(visitor=visitor).order_by("pk"):
            pick.delete()
            _pair_tally_adjust(pick.first, pick.second, pick.chosen_id, -1)
            removed += 1
    return removed


@dataclass(frozen=True)
class Drift:
    what: str
    stored: tuple[int, int]
    counted: tuple[int, int]


def tallies_recount(*, fix: bool = True) -> list[Drift]:
    """Recompute every counter from the rows; returns the drift found (and fixes it)."""
    drift = []
    with transaction.atomic():
        counted = {
            row["tool"]: (row["ship"], row["skip"])
            for row in Vote.objects.values("tool").annotate(
                ship=Count("pk", filter=Q(value=Verdict.SHIP)),
                skip=Count("pk", filter=Q(value=Verdict.SKIP)),
            )
        }
        stored = {tally.tool_id: tally for tally in ToolTally.objects.select_for_update()}
        for tool_id in counted.keys() | stored.keys():
            actual = counted.get(tool_id, (0, 0))
            tally = stored.get(tool_id)
            have = (tally.ship_count, tally.skip_count) if tally else (0, 0)
            if have != actual:
                drift.append(Drift(f"tool {tool_id}", have, actual))
                if fix:
                    ToolTally.objects.update_or_create(
                        tool_id=tool_id,
                        defaults={"ship_count": actual[0], "skip_count": actual[1]},
                    )

        counted_pairs = {
            (row["first"], row["second"]): (row["first_picks"], row["second_picks"])
            for row in Pick.objects.values("first", "second").annotate(
                first_picks=Count("pk", filter=Q(chosen=F("first"))),
                second_picks=Count("pk", filter=Q(chosen=F("second"))),
            )
        }
        stored_pairs = {
            (tally.first_id, tally.second_id): tally
            for tally in PairTally.objects.select_for_update()
        }
        for key in counted_pairs.keys() | stored_pairs.keys():
            actual = counted_pairs.get(key, (0, 0))
            tally = stored_pairs.get(key)
            have = (tally.first_count, tally.second_count) if tally else (0, 0)
            if have != actual:
                drift.append(Drift(f"pair {key[0]}/{key[1]}", have, actual))
                if fix:
                    PairTally.objects.update_or_create(
                        first_id=key[0],
                        second_id=key[1],
                        defaults={"first_count": actual[0], "second_count": actual[1]},
                    )
    return drift
