"""The panel's pick between two tools: one rule for the compare page, its title and description.

The higher panel ship share wins; at equal shares, the higher (unrounded)
average score; equal on both is a tie. A tool without takes gives no pick.
"""

from dataclasses import dataclass
from enum import StrEnum

from verdicts.panel import PanelSummary


class PickOutcome(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    TIE = "tie"


class DecidedBy(StrEnum):
    SHIP_SHARE = "ship share"
    AVERAGE_SCORE = "average score"


@dataclass(frozen=True)
class PanelPick:
    outcome: PickOutcome
    # What settled it; None for a tie.
    decided_by: DecidedBy | None = None

    @property
    def is_tie(self) -> bool:
        return self.outcome == PickOutcome.TIE


def panel_pick(left: PanelSummary, right: PanelSummary) -> PanelPick | None:
    """Which of two panels the rule picks; None when either tool has no takes."""
    if not left.takes or not right.takes:
        return None
    for decided_by, ours, theirs in (
        (DecidedBy.SHIP_SHARE, left.ship_share, right.ship_share),
        (DecidedBy.AVERAGE_SCORE, left.exact_average, right.exact_average),
    ):
        if ours != theirs:
            winner = PickOutcome.LEFT if ours > theirs else PickOutcome.RIGHT
            return PanelPick(winner, decided_by)
    return PanelPick(PickOutcome.TIE)


def better_side(left, right) -> PickOutcome | None:
    """Which of two values is higher, LEFT or RIGHT; None if equal or either is missing."""
    if left is None or right is None or left == right:
        return None
    return PickOutcome.LEFT if left > right else PickOutcome.RIGHT
