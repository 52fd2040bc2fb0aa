"""Reads for the directory, category and tool pages.

Each selector runs a fixed number of queries whatever the size of the catalog:
sorting by the panel happens in the database (ToolQuerySet.ranked(), the
query form of verdicts.ranking), and the reviews behind each tool's
PanelSummary come in one prefetch.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from plumbing.pairs import comparison_path
from reviews.personas import PersonaProfile, persona_profiles
from tools.models import PANEL_RANKING, SEARCH_CONFIG, Category, Tool
from verdicts.community import CommunitySummary
from verdicts.panel import PanelSummary

PAGE_SIZE = 24
LEADERBOARD_PAGE_SIZE = 50
COMPARE_LINKS = 6


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


def _search(tools: QuerySet, text: str) -> QuerySet:
    """Tools matching the reader's words, annotated with a `rank` (higher is better)."""
    name_bonus = Case(
        When(name__icontains=text, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        # Full-text search matches whole words; a name typed halfway (“quill”
        # while searching as you type) should still find the tool.
        return tools.filter(Q(search_document=query) | Q(name__icontains=text)).annotate(
            rank=SearchRank(F("search_document"), query) + name_bonus
        )
    # SQLite has no full-text search: every word must appear in one of the fields.
    matches = Q()
    for word in text.split():
        matches &= (
            Q(name__icontains=word)
            | Q(tagline__icontains=word)
            | Q(category__name__icontains=word)
            | Q(description__icontains=word)
        )
    return tools.filter(matches).annotate(rank=name_bonus)


def tool_directory_list(*, filters: DirectoryFilters) -> QuerySet:
    """Published tools filtered, searched and sorted for the directory (a lazy QuerySet).

    Evaluated, it runs two queries: the tools (with category and panel numbers)
    and their reviews.
    """
    tools = Tool.objects.published().with_panel().with_panel_numbers()
    if filters.category:
        tools = tools.filter(category__slug=filters.category)
    if filters.entry:
        tools = tools.filter(entry=filters.entry)
    if filters.query:
        tools = _search(tools, filters.query)
    orderings = {
        DirectorySort.SHIP: PANEL_RANKING,
        DirectorySort.SCORE: [
            F("average_score").desc(nulls_last=True),
            F("ship_share").desc(nulls_last=True),
            Lower("name"),
        ],
        DirectorySort.NEWEST: [F("created_at").desc(), Lower("name")],
        DirectorySort.NAME: [Lower("name")],
    }
    if filters.sort == DirectorySort.BEST and filters.query:
        return tools.order_by(F("rank").desc(), *PANEL_RANKING)
    return tools.order_by(*orderings.get(filters.sort, PANEL_RANKING))


def tool_directory_page(*, filters: DirectoryFilters, page_number: str | None) -> Page:
    """One page of the directory (three queries: the count, the tools, their reviews).

    A page number that is not a number gives the first page; one past the end
    gives the last page.
    """
    paginator = Paginator(tool_directory_list(filters=filters), PAGE_SIZE)
    if not (filters.query or filters.entry):
        # Only a category narrows it: the stored counts say how many, so no
        # COUNT walks the catalog.
        categories = Category.objects.all()
        if filters.category:
            categories = categories.filter(slug=filters.category)
        paginator.count = categories.aggregate(tools=Coalesce(Sum("published_tool_count"), 0))[
            "tools"
        ]
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def directory_categories_list() -> list[Category]:
    """Categories that have published tools, by name, for the directory's filter (one query)."""
    return list(Category.objects.with_tool_counts().order_by("name"))


def category_leaderboard_list(*, category: Category) -> QuerySet:
    """The category's published tools, best panel first, tools without takes last.

    A lazy QuerySet: a page of it runs the page query and one for its reviews.
    """
    return (
        Tool.objects.published().filter(category=category).prefetch_related("panel_reviews")
    ).ranked()


def compare_candidates_list(*, tools: list[Tool], limit: int) -> list[Tool]:
    """Other published tools to compare these with: same category first, then by name.

    One query; the tool page's "compare with" and the compare page's related
    comparisons both ask it. The first `limit` by name inside the categories
    and the first `limit` outside are picked apart (each reads an index and
    stops), so the cost does not grow with the catalog; then the few are ordered.
    """
    categories = {tool.category_id for tool in tools}
    others = Tool.objects.published().exclude(pk__in=[tool.pk for tool in tools])
    by_name = (Lower("name"), "pk")
    inside = others.filter(category_id__in=categories).order_by(*by_name).values("pk")
    outside = others.exclude(category_id__in=categories).order_by(*by_name).values("pk")
    if connection.features.supports_slicing_ordering_in_compound:
        picked = Q(pk__in=inside[:limit].union(outside[:limit]))
    else:  # SQLite allows no LIMIT inside a UNION; its catalog is the demo's
        picked = Q(pk__in=inside[:limit]) | Q(pk__in=outside[:limit])
    return list(
        Tool.objects.filter(picked)
        .select_related("category")
        .annotate(
            other_category=Case(
                When(category_id__in=categories, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("other_category", *by_name)[:limit]
    )


def compare_links_list(*, tool: Tool, limit: int = COMPARE_LINKS) -> list[CompareLink]:
    """Published tools to compare this one with, same category first, then by name (one query)."""
    return [
        CompareLink(
            other=other,
            path=comparison_path(tool.slug, other.slug),
            same_category=other.category_id == tool.category_id,
        )
        for other in compare_candidates_list(tools=[tool], limit=limit)
    ]


@dataclass(frozen=True)
class ToolPage:
    """Everything the tool page shows, as plain data."""

    tool: Tool
    panel: PanelSummary
    community: CommunitySummary
    # Each persona in panel order with its take, or None ("No panel take").
    scorecard: list[tuple[PersonaProfile, object | None]]
    compare_links: list[CompareLink]


def tool_page_get(*, slug: str, include_drafts: bool = False) -> ToolPage | None:
    """The tool page's data; None unless the tool exists (and is published).

    Three queries: the tool with its category and community counters, its
    reviews, and the tools to compare it with.
    """
    tools = Tool.objects.with_panel().with_community()
    if not include_drafts:
        tools = tools.published()
    tool = tools.filter(slug=slug).first()
    if tool is None:
        return None
    reviews = {review.persona: review for review in tool.panel_reviews.all()}
    return ToolPage(
        tool=tool,
        panel=tool.panel,
        community=tool.community,
        scorecard=[(profile, reviews.get(profile.persona)) for profile in persona_profiles()],
        compare_links=compare_links_list(tool=tool),
    )
