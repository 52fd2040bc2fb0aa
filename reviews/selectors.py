"""Reads for the panel pages and the feed; each runs a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from plumbing.drafts import published
from reviews.models import PanelReview, Persona
from verdicts.shares import ship_percent
from verdicts.vocabulary import Verdict

TAKES_LIMIT = 50
TAKES_PER_PAGE = 20


@dataclass(frozen=True)
class VerdictCount:
    """How a persona judged the tools of one category (or of all of them)."""

    label: str
    tools: int
    shipped: int
    # The category's slug, for a link; empty for a total.
    slug: str = ""

    @property
    def skipped(self) -> int:
        return self.tools - self.shipped

    @property
    def ship_percent(self) -> int | None:
        return ship_percent(ship=self.shipped, skip=self.skipped)

    @property
    def sentence(self) -> str:
        """“12 tools, 9 shipped”."""
        noun = "tool" if self.tools == 1 else "tools"
        return f"{self.tools} {noun}, {self.shipped} shipped"


def verdict_count_total(counts: Iterable[VerdictCount], *, label: str) -> VerdictCount:
    """The sum of several counts (a persona's categories), under a new label."""
    counts = list(counts)
    return VerdictCount(
        label,
        tools=sum(count.tools for count in counts),
        shipped=sum(count.shipped for count in counts),
    )


def published_takes():
    return PanelReview.objects.filter(published("tool"))


def persona_category_counts_list(*, persona: str) -> list[VerdictCount]:
    """The persona's takes on published tools, counted per category by name (one grouped query)."""
    rows = (
        published_takes()
        .filter(persona=persona)
        .values("tool__category__name", "tool__category__slug")
        .annotate(tools=Count("pk"), shipped=Count("pk", filter=Q(verdict=Verdict.SHIP)))
        .order_by("tool__category__name", "tool__category__slug")
    )
    return [
        VerdictCount(
            row["tool__category__name"],
            tools=row["tools"],
            shipped=row["shipped"],
            slug=row["tool__category__slug"],
        )
        for row in rows
    ]


def panel_counts_get() -> dict[str, VerdictCount]:
    """Every persona's takes on published tools in all, zero for a persona without any.

    One grouped query.
    """
    rows = (
        published_takes()
        .values("persona")
        .annotate(tools=Count("pk"), shipped=Count("pk", filter=Q(verdict=Verdict.SHIP)))
        .order_by()
    )
    found = {row["persona"]: row for row in rows}
    return {
        persona: VerdictCount(
            "All categories",
            tools=found.get(persona, {}).get("tools", 0),
            shipped=found.get(persona, {}).get("shipped", 0),
        )
        for persona in Persona.values
    }


def latest_takes_list(
    *, persona: str = "", limit: int = TAKES_LIMIT, offset: int = 0
) -> list[PanelReview]:
    """The newest takes on published tools, with their tools and categories (one query).

    Newest means most recently changed: a revised take comes back to the top.
    """
    takes = published_takes().select_related("tool__category").order_by("-updated_at", "-pk")
    if persona:
        takes = takes.filter(persona=persona)
    return list(takes[offset : offset + limit])


def persona_takes_page(*, persona: str, takes: int, page_number: str | None) -> Page:
    """One page of the persona's takes on published tools, newest first (one query).

    `takes` is how many there are in all, already counted with the verdict
    counts, so paging needs no COUNT query of its own. A page number that is
    not a number gives the first page; one past the end gives the last page.
    """
    page = Paginator(range(takes), TAKES_PER_PAGE).get_page(page_number)
    page.object_list = latest_takes_list(
        persona=persona, limit=TAKES_PER_PAGE, offset=(page.number - 1) * TAKES_PER_PAGE
    )
    return page
