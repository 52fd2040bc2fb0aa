"""The panel's pick: ship share first, then the average score; a tie; no pick without takes."""

from fractions import Fraction

import pytest

from verdicts.panel import PanelSummary
from verdicts.pick import DecidedBy, PanelPick, PickOutcome, panel_pick


def panel(ship, skip, average=None):
    return PanelSummary(ship=ship, skip=skip, exact_average=Fraction(average or 50))


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (panel(4, 1, 60), panel(2, 2, 90), PanelPick(PickOutcome.LEFT, DecidedBy.SHIP_SHARE)),
        (panel(0, 3, 40), panel(1, 4, 20), PanelPick(PickOutcome.RIGHT, DecidedBy.SHIP_SHARE)),
        # 2 of 4 and 1 of 2 are the same share: the average settles it.
        (panel(2, 2, 70), panel(1, 1, 71), PanelPick(PickOutcome.RIGHT, DecidedBy.AVERAGE_SCORE)),
        # Averages that round alike still differ unrounded.
        (
            panel(3, 0, Fraction(217, 3)),
            panel(3, 0, 72),
            PanelPick(PickOutcome.LEFT, DecidedBy.AVERAGE_SCORE),
        ),
        (panel(3, 1, 75), panel(3, 1, 75), PanelPick(PickOutcome.TIE)),
    ],
    ids=["share", "share-low", "average", "unrounded-average", "tie"],
)
def test_the_higher_ship_share_wins_then_the_higher_average(left, right, expected):
    assert panel_pick(left, right) == expected


def test_a_tool_without_takes_gives_no_pick():
    assert panel_pick(panel(3, 1), PanelSummary()) is None
    assert panel_pick(PanelSummary(), panel(0, 4)) is None


def test_the_pick_is_the_same_whichever_side_a_tool_is_on():
    strong, weak = panel(4, 1, 80), panel(2, 3, 85)
    assert panel_pick(strong, weak).outcome == PickOutcome.LEFT
    assert panel_pick(weak, strong).outcome == PickOutcome.RIGHT
    assert panel_pick(weak, strong).is_tie is False
    assert panel_pick(strong, strong).is_tie
