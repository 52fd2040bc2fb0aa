"""The panel's pick in words: the compare page's opening, its title and description, the digest.

The rule is verdicts.pick's; this says it, from the two tools and their panel
numbers (takes loaded, or the stored columns: `Tool.panel_counts`).
"""

from dataclasses import dataclass

from reviews.models import Persona
from tools.models import Tool
from verdicts.lens import Lens, LensScore, lens_pick
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


def lens_name(lens: Lens) -> str:
    """“the Skeptic's lens”, or “your weights”."""
    if lens.persona is not None:
        return f"the {Persona(lens.persona).label}'s lens"
    return "your weights"


def missing_takes_note(tool: Tool, personas) -> str:
    """“No Skeptic take on Moorhen”, “No Founder or Creator take on Moorhen”."""
    names = [Persona(persona).label for persona in personas]
    return f"No {' or '.join(names)} take on {tool.name}"


def lens_order_note(lens: Lens) -> str:
    """How a lens orders the scorecard: “The Skeptic first”, “Heaviest weight first”."""
    if lens.persona is not None:
        return f"The {Persona(lens.persona).label} first"
    return "Heaviest weight first"


def lens_score_label(score: LensScore, *, lens: Lens) -> str:
    """One tool under a lens: “81/100 · ship” (a reviewer's own take), “78/100 · 75% ship”
    (weighted), with the weighed reviewers it lacks; or “No Skeptic take”."""
    missing = [Persona(persona).label for persona in score.missing]
    if score.score is None:
        return f"No {' or '.join(missing)} take"
    if lens.persona is not None:
        return f"{score.score}/100 · {'ship' if score.panel.ship else 'skip'}"
    label = f"{score.score}/100 · {score.ship_percent}% ship"
    return f"{label} · no {' or '.join(missing)} take" if missing else label


def lens_pick_summary(
    left: Tool, left_score: LensScore, right: Tool, right_score: LensScore, *, lens: Lens
) -> PickSummary:
    """The pick under a reader's lens in words (verdicts.lens): “Through the Skeptic's
    lens: Patchwright”, with the weighted numbers that settled it; or why there is none."""
    name = lens_name(lens)
    opening = f"Through {name}" if lens.persona else "Weighted your way"
    persona = Persona(lens.persona).label if lens.persona else None
    pick = lens_pick(left_score, right_score)
    if pick is None:
        gaps = [
            missing_takes_note(tool, score.missing)
            for tool, score in ((left, left_score), (right, right_score))
            if score.missing
        ]
        if persona:
            advice = f"so {name} cannot choose between them."
        else:
            gap = sum(len(score.missing) for score in (left_score, right_score))
            who = "that reviewer" if gap == 1 else "those reviewers"
            advice = f"so your weights cannot choose: weigh {who} 0 to leave them out."
        return PickSummary(
            headline=f"No pick {'through ' + name if persona else 'weighted your way'}",
            reason=f"{'; '.join(gaps)}, {advice}",
        )
    if pick.is_tie:
        if persona:
            verdict = "ships" if left_score.panel.ship else "skips"
            reason = f"The {persona} {verdict} both, at {left_score.score} each."
        else:
            reason = (
                f"Both at {left_score.ship_percent}% ship by your weights, with the same "
                f"weighted score of {left_score.score}."
            )
        return PickSummary(headline=f"{opening}: even", reason=reason, is_tie=True)
    if pick.outcome == PickOutcome.LEFT:
        winner, won, other, lost = left, left_score, right, right_score
    else:
        winner, won, other, lost = right, right_score, left, left_score
    won_score, lost_score = _average(won.panel, lost.panel), _average(lost.panel, won.panel)
    scores = f"{won_score} to {lost_score}"
    if persona and pick.decided_by == DecidedBy.SHIP_SHARE:
        reason = (
            f"The {persona} ships {winner.name} and skips {other.name} "
            f"(scores {won_score} and {lost_score})."
        )
    elif persona:
        verdict = "ships" if won.panel.ship else "skips"
        reason = f"The {persona} {verdict} both and scores {winner.name} {scores}."
    elif pick.decided_by == DecidedBy.SHIP_SHARE:
        reason = (
            f"{winner.name} has {won.ship_percent}% ship by your weights, against "
            f"{lost.ship_percent}% for {other.name}; weighted scores {scores}."
        )
    else:
        reason = (
            f"Both at {won.ship_percent}% ship by your weights; {winner.name} scores {scores}."
        )
    return PickSummary(headline=f"{opening}: {winner.name}", reason=reason, winner=winner)
