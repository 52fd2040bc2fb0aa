"""Reads for the panel pages and the feed; each runs a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet

from plumbing.drafts import published
from reviews.history import ADDED, REMOVED, TakeEvent, TakeRecord, take_event
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


@dataclass(frozen=True)
class PanelChange:
    """A dated change to a take on a tool, as readers see it (reviews.history words it)."""

    id: int
    at: datetime
    tool_name: str
    tool_slug: str
    event: TakeEvent

    @property
    def anchor(self) -> str:
        """The change's id on its tool's history page."""
        return f"change-{self.id}"


_CHANGE_FIELDS = (
    "history_id",
    "history_date",
    "history_type",
    "persona",
    "score",
    "verdict",
    "source",
    "tool__name",
    "tool__slug",
)


def take_changes(
    *,
    tool_id: int | None = None,
    include_drafts: bool = False,
    changed_between: tuple[datetime, datetime] | None = None,
) -> QuerySet:
    """Records of take changes worth telling, newest first, as rows for `panel_changes`.

    A lazy QuerySet, one query however it is sliced or counted. Each record
    carries the take's score and verdict before it (stored when it was written),
    so only additions, removals, flips and score moves are kept and a slice is a
    slice of events, read newest first from the history_date index.
    Unpublished tools' changes are left out unless asked for; `changed_between`
    keeps the changes made in that span.
    """
    records = PanelReview.history.model.objects.all()
    if not include_drafts:
        records = records.filter(published("tool"))
    if tool_id is not None:
        records = records.filter(tool_id=tool_id)
    if changed_between:
        start, end = changed_between
        records = records.filter(history_date__gte=start, history_date__lt=end)
    moved = ~Q(verdict=F("before_verdict")) | ~Q(score=F("before_score"))
    return (
        records.filter(
            Q(history_type__in=[ADDED, REMOVED]) | (Q(before_score__isnull=False) & moved)
        )
        .order_by("-history_date", "-history_id")
        .values(*_CHANGE_FIELDS, "before_score", "before_verdict")
    )


def panel_changes(rows: Iterable[dict]) -> list[PanelChange]:
    """`take_changes` rows as PanelChanges, in their order."""
    changes = []
    for row in rows:
        after = TakeRecord(
            type=row["history_type"],
            persona=row["persona"],
            score=row["score"],
            verdict=row["verdict"],
            source=row["source"],
        )
        before = None
        if row["before_score"] is not None:
            before = TakeRecord(
                type="",
                persona=row["persona"],
                score=row["before_score"],
                verdict=row["before_verdict"],
            )
        event = take_event(before, after)
        if event is not None:
            changes.append(
                PanelChange(
                    id=row["history_id"],
                    at=row["history_date"],
                    tool_name=row["tool__name"],
                    tool_slug=row["tool__slug"],
                    event=event,
                )
            )
    return changes


def panel_changes_list(
    *, tool_id: int | None = None, include_drafts: bool = False, limit: int
) -> list[PanelChange]:
    """The newest `limit` changes to takes, on one tool or across published tools (one query)."""
    rows = take_changes(tool_id=tool_id, include_drafts=include_drafts)
    return panel_changes(rows[:limit])
