"""Shares of ship among ship and skip, and how they are rounded."""

from dataclasses import dataclass
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


@dataclass(frozen=True)
class ShipSkip:
    """Ship and skip counts: a panel's takes or the community's votes."""

    ship: int = 0
    skip: int = 0

    @property
    def total(self) -> int:
        return self.ship + self.skip

    @property
    def ship_share(self) -> Fraction | None:
        return ship_share(ship=self.ship, skip=self.skip)

    @property
    def ship_percent(self) -> int | None:
        return ship_percent(ship=self.ship, skip=self.skip)
