"""Reads for the panel pages and the feed; each runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q

from reviews.models import PanelReview, Verdict

TAKES_LIMIT = 50


@dataclass(frozen=True)
class VerdictCount:
    """How a persona judged the tools of one category (or of all of them)."""

    label: str
    tools: int
    shipped: int

    @property
    def sentence(self) -> str:
        """“12 tools, 9 shipped”."""
        noun = "tool" if self.tools == 1 else "tools"
        return f"{self.tools} {noun}, {self.shipped} shipped"


def published_takes():
    return PanelReview.objects.filter(tool__is_published=True)


def persona_category_counts(persona: str) -> list[VerdictCount]:
    """The persona's takes on published tools, counted per category (one grouped query)."""
    rows = (
        published_takes()
        .filter(persona=persona)
        .values("tool__category__name")
        .annotate(tools=Count("pk"), shipped=Count("pk", filter=Q(verdict=Verdict.SHIP)))
        .order_by("tool__category__name")
    )
    return [
        VerdictCount(row["tool__category__name"], row["tools"], row["shipped"]) for row in rows
    ]


def panel_counts() -> dict[str, VerdictCount]:
    """Every persona's takes on published tools in all (one grouped query)."""
    rows = (
        published_takes()
        .values("persona")
        .annotate(tools=Count("pk"), shipped=Count("pk", filter=Q(verdict=Verdict.SHIP)))
        .order_by()
    )
    return {row["persona"]: VerdictCount("All", row["tools"], row["shipped"]) for row in rows}


def latest_takes_list(*, persona: str = "", limit: int = TAKES_LIMIT) -> list[PanelReview]:
    """The newest takes on published tools, with their tools and categories (one query)."""
    takes = published_takes().select_related("tool__category").order_by("-updated_at", "-pk")
    if persona:
        takes = takes.filter(persona=persona)
    return list(takes[:limit])
