"""
The panel's rules: one home for every number the site shows about a panel.

Pages, the admin, the feed, the digest and the catalog export all call these
functions, so a percentage or a verdict can never be worked out two different
ways. Everything here is plain Python over counts and scores; no database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from verdicts.shares import ShipSkip, round_half_up
from verdicts.vocabulary import Verdict

PANEL_SIZE = 5


class PanelVerdict(StrEnum):
    SHIP = "Ship"
    SKIP = "Skip"
    SPLIT = "Split"


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


# A ship scored below this, or a skip at or above SKIP_SCORE_HIGH, reads as a slip.
SHIP_SCORE_LOW = 50
SKIP_SCORE_HIGH = 70


def score_contradicts_verdict(score: int, verdict: str) -> bool:
    """True for a ship with a low score or a skip with a high one: worth a second look."""
    if verdict == Verdict.SHIP:
        return score < SHIP_SCORE_LOW
    return verdict == Verdict.SKIP and score >= SKIP_SCORE_HIGH


def exact_average(scores: Iterable[int]) -> Fraction | None:
    """The mean score of the takes, unrounded (for ordering); None without takes."""
    scores = list(scores)
    if not scores:
        return None
    return Fraction(sum(scores), len(scores))


def average_score(scores: Iterable[int]) -> int | None:
    """The mean score of the takes, rounded half up to a whole number; None without takes."""
    average = exact_average(scores)
    return None if average is None else round_half_up(average)


@dataclass(frozen=True)
class PanelSummary(ShipSkip):
    """A tool's panel in numbers, built from its reviews (anything with .verdict and .score)."""

    # The unrounded mean score: ranking compares it, pages show it rounded.
    exact_average: Fraction | None = None
    # When a take last changed: how fresh the panel is.
    updated_at: datetime | None = None

    @classmethod
    def from_reviews(cls, reviews: Iterable) -> "PanelSummary":
        reviews = list(reviews)
        ship = sum(1 for review in reviews if review.verdict == Verdict.SHIP)
        return cls(
            ship=ship,
            skip=len(reviews) - ship,
            exact_average=exact_average(review.score for review in reviews),
            updated_at=max((review.updated_at for review in reviews), default=None),
        )

    @property
    def average(self) -> int | None:
        """The mean score rounded half up, as pages show it."""
        return None if self.exact_average is None else round_half_up(self.exact_average)

    @property
    def takes(self) -> int:
        return self.total

    @property
    def verdict(self) -> PanelVerdict | None:
        return panel_verdict(ship=self.ship, skip=self.skip)

    @property
    def verdict_label(self) -> str:
        """“Ship · 75%”, “Skip · 20% ship”, or “No takes yet”."""
        if self.verdict is None:
            return "No takes yet"
        return f"{self.verdict} · {self.share_label}"

    @property
    def share_label(self) -> str:
        """“75%”, or “20% ship” beside a skip or split, so the share never reads as skips."""
        suffix = "" if self.verdict == PanelVerdict.SHIP else " ship"
        return f"{self.ship_percent}%{suffix}"

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
