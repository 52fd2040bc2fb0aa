"""A tool's verdicts as plain JSON data: the tool's JSON and each side of a pair's.

The same facts the tool page shows, from the same selector (tool_page_get)
and the same numbers (verdicts/: PanelSummary, CommunitySummary), so the page
and the JSON cannot disagree. docs/machine-readable.md describes every field;
a change that removes or changes the meaning of one bumps the format's version.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.urls import reverse

from tools.freshness import Freshness
from tools.models import Tool
from verdicts.community import EARLY_VOTES, CommunitySummary
from verdicts.panel import PANEL_SIZE, PanelSummary

TOOL_FORMAT = "tool-verdicts/1"
INDEX_FORMAT = "tool-index/1"

# Turns a path into an absolute URL (request.build_absolute_uri).
Absolute = Callable[[str], str]


def date_or_none(value: date | None) -> str | None:
    """An ISO 8601 day, or None."""
    return None if value is None else value.isoformat()


def timestamp(value: datetime | None) -> str | None:
    """An ISO 8601 time with its offset (UTC), or None."""
    return None if value is None else value.isoformat()


def _verdict(panel: PanelSummary) -> str | None:
    """ "ship", "skip" or "split"; None without takes."""
    return None if panel.verdict is None else panel.verdict.value.lower()


def panel_payload(panel: PanelSummary, *, changed_at: datetime | None) -> dict:
    """The panel's numbers as the pages show them (rounded half up, by verdicts/)."""
    return {
        "verdict": _verdict(panel),
        "label": panel.verdict_label,
        "ship_percent": panel.ship_percent,
        "ship": panel.ship,
        "skip": panel.skip,
        "takes": panel.takes,
        "panel_size": PANEL_SIZE,
        "average_score": panel.average,
        # Unrounded, for ordering: ranking compares it, pages show average_score.
        "average_score_unrounded": (
            None if panel.exact_average is None else float(panel.exact_average)
        ),
        "changed_at": timestamp(changed_at),
    }


def take_payload(profile, review, *, absolute: Absolute) -> dict:
    """One persona's take: who, the score and verdict, the whole text, when."""
    return {
        "persona": profile.persona.value,
        "persona_name": profile.name,
        "persona_url": absolute(reverse("reviews:persona", args=[profile.persona.value])),
        "score": review.score,
        "verdict": review.verdict,
        "take": review.take,
        "created_at": timestamp(review.created_at),
        "updated_at": timestamp(review.updated_at),
    }


def community_payload(community: CommunitySummary) -> dict:
    """Readers' ship and skip votes, their share and whether it is still early."""
    interval = community.interval_percent
    return {
        "label": community.label,
        "ship_percent": community.ship_percent,
        "ship_votes": community.ship,
        "skip_votes": community.skip,
        "votes": community.votes,
        "early": community.is_early,
        "early_below": EARLY_VOTES,
        "interval_95_percent": None if interval is None else list(interval),
    }


def tool_facts(tool: Tool, *, absolute: Absolute) -> dict:
    """What the tool is, as its page's header says it."""
    return {
        "slug": tool.slug,
        "name": tool.name,
        "category": {
            "slug": tool.category.slug,
            "name": tool.category.name,
            "url": absolute(reverse("tools:category", args=[tool.category.slug])),
        },
        "best_for": tool.tagline,
        "description": tool.description,
        "pricing": tool.pricing,
        "entry": {"code": tool.entry, "label": tool.get_entry_display()},
        "website": tool.website or None,
        "pricing_verified_on": date_or_none(tool.pricing_verified_on),
        "freshness": freshness_payload(tool.freshness),
        "updated_at": timestamp(tool.updated_at),
    }


def freshness_payload(freshness: Freshness) -> dict:
    """Which parts of the listing may be out of date, by the pages' rule (tools.freshness)."""
    return {
        "possibly_out_of_date": freshness.possibly_out_of_date,
        "pricing_old": freshness.pricing_old,
        "panel_old": freshness.panel_old,
        "after_days": freshness.days,
    }


def tool_verdicts(page, *, absolute: Absolute) -> dict:
    """A tool with its panel, takes and community numbers.

    `page` has tool, panel, community and scorecard as tools.selectors.ToolPage
    has them; the scorecard's personas without a take are left out.
    """
    tool = page.tool
    return {
        "url": absolute(tool.get_absolute_url()),
        "json_url": absolute(reverse("tools:json", args=[tool.slug])),
        "tool": tool_facts(tool, absolute=absolute),
        "panel": panel_payload(page.panel, changed_at=tool.panel_changed_at),
        "takes": [
            take_payload(profile, review, absolute=absolute)
            for profile, review in page.scorecard
            if review is not None
        ],
        "community": community_payload(page.community),
    }


def tool_document(page, *, absolute: Absolute) -> dict:
    """/tools/<slug>.json: the format's name and version first, then the tool's verdicts."""
    return {"format": TOOL_FORMAT, **tool_verdicts(page, absolute=absolute)}


def tool_index_document(page, *, absolute: Absolute, path: str) -> dict:
    """/tools.json: one page of every published tool, by slug, each with its JSON's URL.

    `page` is a Django Page of tools (tools.selectors.tool_index_page); the
    panel numbers are the stored ones (Tool.panel_counts), as the directory shows.
    """

    def page_url(number):
        return absolute(f"{path}?page={number}") if number > 1 else absolute(path)

    return {
        "format": INDEX_FORMAT,
        "url": absolute(reverse("tools:directory")),
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "tools": [index_entry(tool, absolute=absolute) for tool in page.object_list],
    }


def index_entry(tool: Tool, *, absolute: Absolute) -> dict:
    """One tool in /tools.json: its addresses and its panel in brief."""
    panel = tool.panel_counts
    return {
        "slug": tool.slug,
        "name": tool.name,
        "category": tool.category.name,
        "url": absolute(tool.get_absolute_url()),
        "json_url": absolute(reverse("tools:json", args=[tool.slug])),
        "panel": {
            "verdict": _verdict(panel),
            "label": panel.verdict_label,
            "ship_percent": panel.ship_percent,
            "takes": panel.takes,
            "average_score": panel.average,
        },
        "updated_at": timestamp(tool.updated_at),
    }
