"""A comparison as plain JSON data: /compare/<a>-vs-<b>.json.

Built from the compare page's own Comparison (compare.selectors.comparison_get),
so the pick, the panels and the community numbers are the page's.
docs/machine-readable.md describes every field.
"""

from django.urls import reverse

from plumbing.pairs import canonical_comparison_path, comparison_path, pair_name
from tools.payloads import Absolute, tool_verdicts
from tools.selectors import ToolPage
from verdicts.pick import panel_pick

COMPARISON_FORMAT = "comparison-verdicts/1"


def comparison_json_path(left_slug: str, right_slug: str) -> str:
    """The JSON of a pair, in the reader's order, beside its page."""
    return reverse("compare:json", args=[pair_name(left_slug, right_slug)])


def pick_payload(comparison) -> dict:
    """The panel's pick (verdicts.pick's rule) and the page's words for it.

    `outcome` and `winner` are None when either tool has no takes: then there is no pick.
    """
    rule = panel_pick(comparison.left_panel, comparison.right_panel)
    words = comparison.pick
    return {
        "outcome": None if rule is None else rule.outcome.value,
        "winner": None if words.winner is None else words.winner.slug,
        "decided_by": None if rule is None or rule.decided_by is None else rule.decided_by.value,
        "headline": words.headline,
        "reason": words.reason,
        "other_note": words.other_note or None,
    }


def _side(comparison, side: str) -> ToolPage:
    """One side of the comparison in the shape the tool's JSON is built from."""
    return ToolPage(
        tool=getattr(comparison, side),
        panel=getattr(comparison, f"{side}_panel"),
        community=getattr(comparison, f"{side}_community"),
        scorecard=[(row.profile, getattr(row, side)) for row in comparison.scorecard],
        compare_links=[],
    )


def comparison_document(comparison, *, absolute: Absolute) -> dict:
    left, right = comparison.left, comparison.right
    return {
        "format": COMPARISON_FORMAT,
        "url": absolute(comparison_path(left.slug, right.slug)),
        "canonical_url": absolute(canonical_comparison_path(left.slug, right.slug)),
        "json_url": absolute(comparison_json_path(left.slug, right.slug)),
        "pair": comparison.pair,
        "pick": pick_payload(comparison),
        # Which side each row of the page's decision table marks as better.
        "better": {
            row: None if side is None else side.value for row, side in comparison.better.items()
        },
        "left": tool_verdicts(_side(comparison, "left"), absolute=absolute),
        "right": tool_verdicts(_side(comparison, "right"), absolute=absolute),
    }
