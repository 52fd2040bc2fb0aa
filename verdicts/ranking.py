"""The one order of “most shipped”: every ranked list on the site, page, email or export.

Higher panel ship share first, then the higher (unrounded) average score, then
more takes, then the name without regard to case; tools without takes come
last. `ToolQuerySet.ranked()` is this rule as a query, and a test holds the
two to the same order.
"""

from fractions import Fraction

from verdicts.panel import PanelSummary


def panel_rank_key(panel: PanelSummary, name: str, pk: int = 0) -> tuple:
    """A sort key: sorted(tools, key=...) puts the best panel first."""
    if not panel.takes:
        return (1, Fraction(0), Fraction(0), 0, name.casefold(), pk)
    average = panel.exact_average or Fraction(0)
    return (0, -panel.ship_share, -average, -panel.takes, name.casefold(), pk)
