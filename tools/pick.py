"""The panel's pick in words: the compare page's opening, its title and description, the digest.

The rule is verdicts.pick's; this says it, from the two tools and their panel
numbers (takes loaded, or the stored columns: `Tool.panel_counts`).
"""

from dataclasses import dataclass

from tools.models import Tool
from verdicts.panel import PanelSummary
from verdicts.pick import DecidedBy, PickOutcome, panel_pick


@dataclass(frozen=True)
class PickSummary:
    headline: str  # “The panel's pick: Patchwright”
    reason: str  # “4 of 5 reviewers ship it, against 2 of 4 for Moorhen.”
    # Who should choose the other tool, from its best-for line; empty without a winner.
    other_note: str = ""
    winner: Tool | None = None
    is_tie: bool = False

    @property
    def short(self) -> str:
        """For a title: “the panel picks Patchwright”, “the panel calls it even”; or nothing."""
        if self.winner is not None:
            return f"the panel picks {self.winner.name}"
        return "the panel calls it even" if self.is_tie else ""

    @property
    def sentence(self) -> str:
        """Headline and reason as one line (a description, the digest); empty without a pick."""
        return f"{self.headline}. {self.reason}" if self.short else ""


def _shipping(panel: PanelSummary) -> str:
    return f"{panel.ship} of {panel.takes}"


def _average(panel: PanelSummary, other: PanelSummary) -> str:
    # Averages that round alike are told apart by a decimal.
    if panel.average == other.average and panel.exact_average != other.exact_average:
        return f"{float(panel.exact_average):.1f}"
    return str(panel.average)


def pick_summary(
    left: Tool, left_panel: PanelSummary, right: Tool, right_panel: PanelSummary
) -> PickSummary:
    pick = panel_pick(left_panel, right_panel)
    if pick is None:
        unreviewed = [
            tool.name
            for tool, panel in ((left, left_panel), (right, right_panel))
            if not panel.takes
        ]
        return PickSummary(
            headline="No pick yet",
            reason=f"The panel has not reviewed {' or '.join(unreviewed)} yet, "
            "so it cannot choose between them.",
        )
    if pick.is_tie:
        return PickSummary(
            headline="The panel calls it even",
            reason=f"{_shipping(left_panel)} reviewers ship each, with the same average "
            f"score of {left_panel.average}.",
            is_tie=True,
        )
    if pick.outcome == PickOutcome.LEFT:
        winner, won, other, lost = left, left_panel, right, right_panel
    else:
        winner, won, other, lost = right, right_panel, left, left_panel
    if pick.decided_by == DecidedBy.SHIP_SHARE:
        reason = f"{_shipping(won)} reviewers ship it, against {_shipping(lost)} for {other.name}."
    else:
        reason = (
            f"Both at {won.ship_percent}% ship; {winner.name} averages {_average(won, lost)} "
            f"against {_average(lost, won)} for {other.name}."
        )
    return PickSummary(
        headline=f"The panel's pick: {winner.name}",
        reason=reason,
        other_note=f"Choose {other.name} instead for {other.best_for}." if other.best_for else "",
        winner=winner,
    )


def comparison_title_and_description(left: Tool, right: Tool) -> tuple[str, str]:
    """The compare page's title and meta description, naming the pick as its opening does.

    From the stored panel numbers (Tool.panel_counts): no takes are loaded.
    """
    pick = pick_summary(left, left.panel_counts, right, right.panel_counts)
    title = f"{left.name} vs {right.name}: {pick.short or 'panel verdicts, scores and pricing'}"
    if pick.sentence:
        lead = pick.sentence
    else:
        lead = (
            f"{left.name} ({left.panel_counts.verdict_label}) or {right.name} "
            f"({right.panel_counts.verdict_label})?"
        )
    return title, f"{lead} Five reviewers' scores, ship/skip verdicts and pricing, side by side."
