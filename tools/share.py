"""A tool, or a pair of tools, as other sites show it: its live badge and its share image's card.

Plain data from the stored panel numbers (`Tool.panel_counts`) and the time
the panel last changed (`Tool.panel_changed_at`): no takes are loaded, so a
badge or an image costs the one query that finds its tools. Words and
figures are verdicts/'s, as on the pages: the verdict label (“Ship · 75%”)
and the pick (tools.pick).
"""

from django.conf import settings
from django.utils import dateformat, timezone

from plumbing.badges import Badge, BadgePart, badge_layout
from plumbing.share_image import CardSide, ShareCard
from tools.models import Tool
from tools.pick import pick_summary
from verdicts.panel import PanelSummary

NO_VERDICT = "No panel verdict yet"


def verdict_words(panel: PanelSummary) -> str:
    """“Ship · 75%”, “Skip · 20% ship”, or NO_VERDICT."""
    return panel.verdict_label if panel.verdict else NO_VERDICT


def verdict_tone(panel: PanelSummary) -> str:
    """The colour the site gives the verdict: ship, skip, split, or none without takes."""
    return panel.verdict.lower() if panel.verdict else "none"


def _day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j M Y")


def _source(changed_at) -> BadgePart:
    """Whose verdict it is and as of when: the site's name and the panel's last change."""
    text = settings.SITE_NAME
    if changed_at is not None:
        text = f"{text} · {_day(changed_at)}"
    return BadgePart(text)


def _as_of(changed_at) -> str:
    return f" Panel as of {_day(changed_at)}." if changed_at is not None else ""


def tool_badge(tool: Tool, *, href: str) -> Badge:
    """“Patchwright | Ship · 75% | AI Tool Verdicts · 3 Sep 2026”, linking to `href`."""
    panel = tool.panel_counts
    words = verdict_words(panel)
    return badge_layout(
        [
            BadgePart(tool.name, "label"),
            BadgePart(words, verdict_tone(panel), bold=True),
            _source(tool.panel_changed_at),
        ],
        label=f"{settings.SITE_NAME}: {tool.name}, {words}.{_as_of(tool.panel_changed_at)}",
        href=href,
    )


def _later(*moments):
    known = [moment for moment in moments if moment is not None]
    return max(known, default=None)


def _pick(left: Tool, right: Tool):
    """The pick's words and the colour of its winner's verdict (split for a tie, none without)."""
    pick = pick_summary(left, left.panel_counts, right, right.panel_counts)
    if pick.winner is not None:
        return pick, verdict_tone(pick.winner.panel_counts)
    return pick, "split" if pick.is_tie else "none"


def pair_badge(left: Tool, right: Tool, *, href: str) -> Badge:
    """“A vs B | The panel's pick: A | 80% vs 40% ship | AI Tool Verdicts · 3 Sep 2026”;
    without a pick it says so, and the shares are left out until both tools have takes."""
    pick, tone = _pick(left, right)
    panels = (left.panel_counts, right.panel_counts)
    changed_at = _later(left.panel_changed_at, right.panel_changed_at)
    parts = [
        BadgePart(f"{left.name} vs {right.name}", "label"),
        BadgePart(pick.headline, tone, bold=True),
    ]
    if all(panel.takes for panel in panels):
        shares = f"{panels[0].ship_percent}% vs {panels[1].ship_percent}% ship"
        parts.append(BadgePart(shares, "figure"))
    parts.append(_source(changed_at))
    verdicts = ", ".join(
        f"{tool.name} {verdict_words(panel)}"
        for tool, panel in zip((left, right), panels, strict=True)
    )
    return badge_layout(
        parts,
        label=f"{settings.SITE_NAME}: {left.name} vs {right.name}. {pick.headline}. "
        f"{verdicts}.{_as_of(changed_at)}",
        href=href,
    )


def _side(tool: Tool) -> CardSide:
    panel = tool.panel_counts
    return CardSide(
        name=tool.name,
        verdict=verdict_words(panel),
        tone=verdict_tone(panel),
        details=(
            f"Average score {panel.average}/100" if panel.average is not None else "No score yet",
            panel.reviewers_label,
        ),
    )


def tool_share_card(tool: Tool) -> ShareCard:
    """The tool page's share image: its name, category, verdict, score and panel size.

    Load the tool with its category.
    """
    return ShareCard(
        site_name=settings.SITE_NAME, eyebrow=tool.category.name, sides=(_side(tool),)
    )


def pair_share_card(left: Tool, right: Tool) -> ShareCard:
    """The compare page's share image: both tools side by side and the panel's pick.

    Load the tools with their categories.
    """
    eyebrow = "Head to head"
    if left.category_id == right.category_id:
        eyebrow = f"{eyebrow} · {left.category.name}"
    pick, tone = _pick(left, right)
    return ShareCard(
        site_name=settings.SITE_NAME,
        eyebrow=eyebrow,
        sides=(_side(left), _side(right)),
        conclusion=pick.headline,
        conclusion_tone=tone,
    )
