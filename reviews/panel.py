"""
The panel's rules: one home for every number the site shows about a panel.

Pages, the digest and the catalog export all call these functions, so a
percentage or a verdict can never be worked out two different ways.
Everything here is plain Python over counts and scores; no database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fractions import Fraction
from math import floor

PANEL_SIZE = 5


class PanelVerdict(StrEnum):
    SHIP = "Ship"
    SKIP = "Skip"
    SPLIT = "Split"


def round_half_up(value: Fraction) -> int:
    """Round to a whole number, halves away from zero for the non-negative values we use."""
    return floor(value + Fraction(1, 2))


def ship_percent(*, ship: int, skip: int) -> int | None:
    """Ship takes as a whole percent of all takes; None when there are no takes."""
    takes = ship + skip
    if takes == 0:
        return None
    return round_half_up(Fraction(100 * ship, takes))


def verdict_counts_label(*, ship: int, skip: int) -> str:
    """“3 ship / 1 skip”."""
    return f"{ship} ship / {skip} skip"


def panel_verdict(*, ship: int, skip: int) -> PanelVerdict | None:
    """Ship above half the takes, Skip below, Split at exactly half; None without takes."""
    if ship + skip == 0:
        return None
    # Compare exact counts, not the rounded percent: 50.4% is a ship, not a split.
    if ship > skip:
        return PanelVerdict.SHIP
    if ship < skip:
        return PanelVerdict.SKIP
    return PanelVerdict.SPLIT


def average_score(scores: Iterable[int]) -> int | None:
    """The mean score of the takes, rounded to a whole number; None without takes."""
    scores = list(scores)
    if not scores:
        return None
    return round_half_up(Fraction(sum(scores), len(scores)))


@dataclass(frozen=True)
class PanelSummary:
    """A tool's panel in numbers, built from its reviews (anything with .verdict and .score)."""

    ship: int = 0
    skip: int = 0
    average: int | None = None
    # When a take last changed: how fresh the panel is.
    updated_at: datetime | None = None

    @classmethod
    def from_reviews(cls, reviews: Iterable) -> "PanelSummary":
        reviews = list(reviews)
        ship = sum(1 for review in reviews if review.verdict == "ship")
        return cls(
            ship=ship,
            skip=len(reviews) - ship,
            average=average_score(review.score for review in reviews),
            updated_at=max((review.updated_at for review in reviews), default=None),
        )

    @property
    def takes(self) -> int:
        return self.ship + self.skip

    @property
    def ship_percent(self) -> int | None:
        return ship_percent(ship=self.ship, skip=self.skip)

    @property
    def verdict(self) -> PanelVerdict | None:
        return panel_verdict(ship=self.ship, skip=self.skip)

    @property
    def verdict_label(self) -> str:
        """“Ship · 75%”, or “No takes yet”."""
        if self.verdict is None:
            return "No takes yet"
        return f"{self.verdict} · {self.ship_percent}%"

    @property
    def counts_label(self) -> str:
        return verdict_counts_label(ship=self.ship, skip=self.skip)

    @property
    def reviewers_label(self) -> str:
        """“4 of 5 reviewers”: how complete the panel is."""
        return f"{self.takes} of {PANEL_SIZE} reviewers"


def disagreeing_personas(left: dict[str, str], right: dict[str, str]) -> list[str]:
    """Personas whose verdicts differ between two tools, in the order given by `left`.

    Each argument maps persona → verdict for one tool; a persona without a take
    on both tools cannot disagree.
    """
    return [
        persona
        for persona, verdict in left.items()
        if persona in right and right[persona] != verdict
    ]
