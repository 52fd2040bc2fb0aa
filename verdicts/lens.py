"""A reader's lens on the panel: one reviewer, or the five weighted, and the pick under it.

A lens gives each persona a weight from 0 to MAX_WEIGHT; a take then counts
as many times as its persona's weight. So a tool's numbers under a lens are
a panel summary (verdicts.panel) built from weighted takes: the ship share
is the ship weight over the weight of the takes there are, the score the
weighted mean of their scores, and the pick between two tools is the
panel's own rule (verdicts.pick) over those numbers. With every weight at 1
the lens is the panel itself.

A lens names no pick when a persona it weighs has no take on one of the
tools: the two scores would stand on different reviewers, and a pick would
be invented, not read.

Plain Python over persona keys ("skeptic"), scores and verdicts; no database.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from math import gcd

from verdicts.panel import PanelSummary
from verdicts.pick import PanelPick, panel_pick
from verdicts.vocabulary import Verdict

MAX_WEIGHT = 3


def weight_clamped(value: int) -> int:
    """A weight brought into 0..MAX_WEIGHT."""
    return max(0, min(MAX_WEIGHT, value))


@dataclass(frozen=True)
class Lens:
    """The personas a reader weighs, each with a weight above 0, in the panel's order.

    Built by `lens_normalised`, so one lens has one form: weights divided by
    their greatest common divisor (3 and 3 is 1 and 1), and a single persona
    weighed alone is that persona's lens.
    """

    weights: tuple[tuple[str, int], ...]

    @property
    def persona(self) -> str | None:
        """The one persona of a single reviewer's lens; None for weights."""
        return self.weights[0][0] if len(self.weights) == 1 else None

    def weight(self, persona: str) -> int:
        return dict(self.weights).get(persona, 0)

    @property
    def params(self) -> list[tuple[str, str]]:
        """The lens as a query: [("lens", "skeptic")], or [("builder", "3"), ("skeptic", "1")]."""
        if self.persona is not None:
            return [("lens", self.persona)]
        return [(persona, str(weight)) for persona, weight in self.weights]

    def ordered(self, personas: Iterable[str]) -> list[str]:
        """The personas heaviest first; equal weights (and the unweighed) keep their order."""
        return sorted(personas, key=lambda persona: -self.weight(persona))


def lens_normalised(weights: Mapping[str, int], personas: Sequence[str]) -> Lens | None:
    """The lens these weights make, over `personas` (the panel, in order).

    Weights are clamped to 0..MAX_WEIGHT and keys outside `personas` ignored.
    None when they weigh nobody, or weigh every persona alike: that is the
    panel's own view, not a lens.
    """
    clamped = [(persona, weight_clamped(weights.get(persona, 0))) for persona in personas]
    weighed = [(persona, weight) for persona, weight in clamped if weight]
    if not weighed:
        return None
    if len(weighed) == len(personas) and len({weight for _, weight in weighed}) == 1:
        return None
    divisor = reduce(gcd, (weight for _, weight in weighed))
    return Lens(tuple((persona, weight // divisor) for persona, weight in weighed))


@dataclass(frozen=True)
class LensScore:
    """One tool under a lens: its weighted panel, and the weighed personas with no take on it."""

    panel: PanelSummary
    missing: tuple[str, ...] = ()

    @property
    def score(self) -> int | None:
        """The weighted mean score, rounded half up; None without a weighed take."""
        return self.panel.average

    @property
    def ship_percent(self) -> int | None:
        """The weighted ship share as a whole percent, halves up."""
        return self.panel.ship_percent


def lens_score(takes: Mapping[str, tuple[int, str]], lens: Lens) -> LensScore:
    """A tool's numbers under `lens`, from its takes: persona → (score, verdict).

    Weights count over the personas that have a take on the tool; those the
    lens weighs without one are listed in `missing`.
    """
    ship = skip = 0
    total = 0
    for persona, weight in lens.weights:
        if persona not in takes:
            continue
        score, verdict = takes[persona]
        if verdict == Verdict.SHIP:
            ship += weight
        else:
            skip += weight
        total += weight * score
    weight = ship + skip
    panel = PanelSummary(
        ship=ship, skip=skip, exact_average=Fraction(total, weight) if weight else None
    )
    missing = tuple(persona for persona, _ in lens.weights if persona not in takes)
    return LensScore(panel=panel, missing=missing)


def lens_pick(left: LensScore, right: LensScore) -> PanelPick | None:
    """The pick under the lens, by the panel's rule (higher ship share, then higher
    unrounded score, else a tie); None when a weighed persona lacks a take on one of them."""
    if left.missing or right.missing:
        return None
    return panel_pick(left.panel, right.panel)
