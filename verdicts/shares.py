"""Shares of ship among ship and skip, and how they are rounded and worded."""

from fractions import Fraction
from math import floor


def round_half_up(value: Fraction) -> int:
    """Round to a whole number, halves up (12.5 → 13), for the non-negative values we use.

    Python's round() rounds halves to even (12.5 → 12); no number on the site uses it.
    """
    return floor(value + Fraction(1, 2))


def ship_share(*, ship: int, skip: int) -> Fraction | None:
    """The exact share of ship, for ordering; None without any."""
    total = ship + skip
    if total == 0:
        return None
    return Fraction(ship, total)


def ship_percent(*, ship: int, skip: int) -> int | None:
    """Ship as a whole percent of ship and skip, halves up; None without any."""
    share = ship_share(ship=ship, skip=skip)
    return None if share is None else round_half_up(100 * share)
