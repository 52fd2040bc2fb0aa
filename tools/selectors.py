"""Reads for the directory, category and tool pages.

Each selector runs a fixed number of queries whatever the size of the catalog:
sorting by the panel happens in the database (Count/Avg annotations), and the
reviews behind each tool's PanelSummary come in one prefetch.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Lower

from compare.pairs import comparison_path
from tools.models import Category, Tool

PAGE_SIZE = 24
LEADERBOARD_PAGE_SIZE = 50
COMPARE_LINKS = 6
# Stemming for English text on both sides of the match, so “drafts” finds “draft”.
SEARCH_CONFIG = "english"


class DirectorySort:
    """How the directory can be ordered. "" means: best search match, else panel ship %."""

    BEST = ""
    SHIP = "ship"
    SCORE = "score"
    NEWEST = "newest"
    NAME = "name"

    CHOICES = [
        (BEST, "Best match"),
        (SHIP, "Panel ship %"),
        (SCORE, "Average score"),
        (NEWEST, "Newest"),
        (NAME, "Name"),
    ]


@dataclass(frozen=True)
class DirectoryFilters:
    """What the reader asked the directory for; every value already checked."""

    query: str = ""
    category: str = ""
    entry: str = ""
    sort: str = DirectorySort.BEST

    @property
    def active(self) -> bool:
        return any((self.query, self.category, self.entry, self.sort))

    def as_params(self) -> dict[str, str]:
        """The non-empty filters as query-string parameters, in the form's order."""
        params = {
            "q": self.query,
            "category": self.category,
            "entry": self.entry,
            "sort": self.sort,
        }
        return {name: value for name, value in params.items() if value}


@dataclass(frozen=True)
class CompareLink:
    """Another tool to compare with, and the compare page for the pair."""

    other: Tool
    path: str
    same_category: bool


def with_panel_numbers(tools: QuerySet) -> QuerySet:
    """Annotate take_count, ship_count, average_score and ship_share (None without takes)."""
    return tools.annotate(
        take_count=Count("panel_reviews"),
        ship_count=Count("panel_reviews", filter=Q(panel_reviews__verdict="ship")),
        average_score=Avg("panel_reviews__score"),
    ).annotate(
        ship_share=Case(
            When(take_count=0, then=Value(None)),
            default=Cast(F("ship_count"), FloatField()) / F("take_count"),
            output_field=FloatField(),
        )
    )


def panel_ranking() -> list:
    """Best panel first: ship share, then average score, more takes, name; no takes last."""
    return [
        F("ship_share").desc(nulls_last=True),
        F("average_score").desc(nulls_last=True),
        F("take_count").desc(),
        Lower("name"),
        "pk",
    ]


def _search(tools: QuerySet, text: str) -> QuerySet:
    """Tools matching the reader's words, annotated with a `rank` (higher is better)."""
    name_bonus = Case(
        When(name__icontains=text, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("tagline", weight="B", config=SEARCH_CONFIG)
            + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        )
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        # Full-text search matches whole words; a name typed halfway (“quill”
        # while searching as you type) should still find the tool.
        return (
            tools.alias(search=vector)
            .filter(Q(search=query) | Q(name__icontains=text))
            .annotate(rank=SearchRank(vector, query) + name_bonus)
        )
    # SQLite has no full-text search: every word must appear in one of the fields.
    matches = Q()
    for word in text.split():
        matches &= (
            Q(name__icontains=word) | Q(tagline__icontains=word) | Q(description__icontains=word)
        )
    return tools.filter(matches).annotate(rank=name_bonus)


def tool_directory_list(*, filters: DirectoryFilters) -> QuerySet:
    """Published tools filtered, searched and sorted for the directory (a lazy QuerySet).

    Evaluated, it runs two queries: the tools (with category and panel numbers)
    and their reviews.
    """
    tools = with_panel_numbers(
        Tool.objects.published().select_related("category").prefetch_related("panel_reviews")
    )
    if filters.category:
        tools = tools.filter(category__slug=filters.category)
    if filters.entry:
        tools = tools.filter(entry=filters.entry)
    if filters.query:
        tools = _search(tools, filters.query)
    orderings = {
        DirectorySort.SHIP: panel_ranking(),
        DirectorySort.SCORE: [
            F("average_score").desc(nulls_last=True),
            F("ship_share").desc(nulls_last=True),
            Lower("name"),
        ],
        DirectorySort.NEWEST: [F("created_at").desc(), Lower("name")],
        DirectorySort.NAME: [Lower("name")],
    }
    if filters.sort == DirectorySort.BEST and filters.query:
        return tools.order_by(F("rank").desc(), *panel_ranking())
    return tools.order_by(*orderings.get(filters.sort, panel_ranking()))


def tool_directory_page(*, filters: DirectoryFilters, page_number: str | None) -> Page:
    """One page of the directory (three queries: the count, the tools, their reviews).

    A page number that is not a number gives the first page; one past the end
    gives the last page.
    """
    page = Paginator(tool_directory_list(filters=filters), PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def directory_categories_list() -> list[Category]:
    """Categories that have published tools, by name, for the directory's filter (one query)."""
    return list(Category.objects.with_tool_counts().order_by("name"))


def category_leaderboard_list(*, category: Category) -> QuerySet:
    """The category's published tools, best panel first, tools without takes last.

    A lazy QuerySet: a page of it runs the page query and one for its reviews.
    """
    return with_panel_numbers(
        Tool.objects.published().filter(category=category).prefetch_related("panel_reviews")
    ).order_by(*panel_ranking())


def compare_links_list(*, tool: Tool, limit: int = COMPARE_LINKS) -> list[CompareLink]:
    """Published tools to compare this one with, same category first, then by name (one query)."""
    others = (
        Tool.objects.published()
        .exclude(pk=tool.pk)
        .select_related("category")
        .annotate(
            other_category=Case(
                When(category_id=tool.category_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("other_category", Lower("name"))[:limit]
    )
    return [
        CompareLink(
            other=other,
            path=comparison_path(tool.slug, other.slug),
            same_category=other.category_id == tool.category_id,
        )
        for other in others
    ]
