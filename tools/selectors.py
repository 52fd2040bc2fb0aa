"""Reads for the directory, category and tool pages.

Each selector runs a fixed number of queries whatever the size of the catalog:
sorting by the panel happens in the database (ToolQuerySet.ranked(), the
query form of verdicts.ranking), and the reviews behind each tool's
PanelSummary come in one prefetch.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Lower

from plumbing.pairs import comparison_path
from reviews.personas import PersonaProfile, persona_profiles
from reviews.selectors import PanelChange, panel_changes, panel_changes_list, take_changes
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
    VOTES = "votes"
    NEWEST = "newest"
    NAME = "name"

    CHOICES = [
        (BEST, "Best match"),
        (SHIP, "Panel ship %"),
        (SCORE, "Average score"),
        (VOTES, "Reader votes"),
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


# The order of the tool_by_score index (tools migration 0005), and its reverse.
SCORE_ORDER = [
    F("average_score").desc(nulls_last=True),
    F("ship_share").desc(nulls_last=True),
    Lower("name"),
]
SCORE_ORDER_UPWARDS = [
    F("average_score").asc(nulls_first=True),
    F("ship_share").asc(nulls_first=True),
    Lower("name").desc(),
]


def tool_search_list(text: str, *, limit: int) -> list[Tool]:
    """Published tools matching the reader's words as the directory's search finds them
    (name, tagline, category, description), best match first, then the one ranking
    order; with their categories (one query). The picker asks it."""
    text = text.strip()
    if not text:
        return []
    tools = Tool.objects.published().select_related("category")
    return list(_search(tools, text).order_by(F("rank").desc(), *PANEL_RANKING)[:limit])


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
    if filters.sort == DirectorySort.VOTES:
        # The counters votes/ keeps in each tool's `tally` row; a tool nobody voted on has none.
        tools = tools.with_community().annotate(
            community_votes=Coalesce(F("tally__ship_count") + F("tally__skip_count"), 0)
        )
    orderings = {
        DirectorySort.SHIP: PANEL_RANKING,
        # Most votes first; ties in the one ranking order.
        DirectorySort.VOTES: [F("community_votes").desc(), *PANEL_RANKING],
        DirectorySort.SCORE: SCORE_ORDER,
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


def compare_candidates_list(*, tools: list[Tool], limit: int) -> dict[int, list[Tool]]:
    """For each of `tools`, up to `limit` other published tools to compare it with.

    Same category first, then the nearest panel average score, then by name;
    tools without takes after those with a score. One query; the tool page's
    "compare with", the compare page's related comparisons and the
    alternatives pages ask it. Around each tool's score the few nearest above
    and below are read apart, inside its category and out (each reads an
    index and stops), so the cost does not grow with the catalog; then the
    few are ranked in Python.
    """
    others = Tool.objects.published().exclude(pk__in=[tool.pk for tool in tools])
    by_name = (Lower("name"), "pk")
    picks = []
    for tool in tools:
        for nearby in (
            others.filter(category_id=tool.category_id),
            others.exclude(category_id=tool.category_id),
        ):
            score = tool.average_score
            if score is None:
                picks.append(nearby.order_by(*by_name)[:limit])
                continue
            # In tool_by_score's order (and its reverse), so that each read walks
            # that index from the score and stops after `limit` rows.
            above = nearby.filter(average_score__gte=score).order_by(*SCORE_ORDER_UPWARDS)
            below = nearby.filter(average_score__lt=score).order_by(*SCORE_ORDER)
            unscored = nearby.filter(average_score=None).order_by(*SCORE_ORDER)
            picks += [above[:limit], below[:limit], unscored[:limit]]
    if not picks:
        return {}
    subsets = [pick.values("pk") for pick in picks]
    if connection.features.supports_slicing_ordering_in_compound:
        # One UNION of the small index reads: the tools are then fetched by key.
        picked = Q(pk__in=subsets[0].union(*subsets[1:]))
    else:  # SQLite allows no LIMIT inside a UNION; its catalog is the demo's
        picked = reduce(operator.or_, (Q(pk__in=subset) for subset in subsets))
    candidates = list(Tool.objects.filter(picked).select_related("category"))
    return {
        tool.pk: sorted(candidates, key=lambda other, tool=tool: _closeness(tool, other))[:limit]
        for tool in tools
    }


def _closeness(tool: Tool, other: Tool) -> tuple:
    """How good a comparison `other` makes for `tool`: smaller is better."""
    if tool.average_score is None:
        distance = 0.0  # nothing to be near: by name
    elif other.average_score is None:
        distance = float("inf")
    else:
        distance = abs(other.average_score - tool.average_score)
    return (other.category_id != tool.category_id, distance, other.name.lower(), other.pk)


def compare_links_list(*, tool: Tool, limit: int = COMPARE_LINKS) -> list[CompareLink]:
    """Published tools to compare this one with: same category, then nearest score (one query)."""
    return compare_links(tool, compare_candidates_list(tools=[tool], limit=limit).get(tool.pk, []))


def compare_links(tool: Tool, others) -> list[CompareLink]:
    """Each of `others` as a link to its compare page with `tool`."""
    return [
        CompareLink(
            other=other,
            path=comparison_path(tool.slug, other.slug),
            same_category=other.category_id == tool.category_id,
        )
        for other in others
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


def tool_get(*, slug: str, include_drafts: bool = False) -> Tool | None:
    """A tool by slug with its category and community counters (one query); None unless
    it exists (and is published). Enough to key the tool page's cached fragment."""
    tools = Tool.objects.select_related("category").with_community()
    if not include_drafts:
        tools = tools.published()
    return tools.filter(slug=slug).first()


def tool_page_build(tool: Tool, *, with_compare_links: bool = True) -> ToolPage:
    """The tool page's data for a tool tool_get loaded.

    Two queries: its reviews and the tools to compare it with (one without
    them: the tool's JSON, which has no links to other tools).
    """
    prefetch_related_objects([tool], "panel_reviews")
    reviews = {review.persona: review for review in tool.panel_reviews.all()}
    return ToolPage(
        tool=tool,
        panel=tool.panel,
        community=tool.community,
        scorecard=[(profile, reviews.get(profile.persona)) for profile in persona_profiles()],
        compare_links=compare_links_list(tool=tool) if with_compare_links else [],
    )


def tool_page_get(
    *, slug: str, include_drafts: bool = False, with_compare_links: bool = True
) -> ToolPage | None:
    """The tool page's data; None unless the tool exists (and is published).

    Three queries (tool_get, then tool_page_build); two without the links.
    """
    tool = tool_get(slug=slug, include_drafts=include_drafts)
    if tool is None:
        return None
    return tool_page_build(tool, with_compare_links=with_compare_links)


# The tool page shows this many changes to its takes; its history page, the rest.
HISTORY_SHOWN = 6
HISTORY_PER_PAGE = 50


@dataclass(frozen=True)
class ToolHistory:
    """The newest changes to a tool's takes, and whether older ones exist."""

    changes: list[PanelChange]
    more: bool


def tool_history_get(*, tool: Tool, limit: int = HISTORY_SHOWN) -> ToolHistory:
    """The newest `limit` changes to the tool's takes, for its page (one query).

    The caller has loaded the tool, and so decided whether it may be shown.
    """
    changes = panel_changes_list(tool_id=tool.pk, include_drafts=True, limit=limit + 1)
    return ToolHistory(changes=changes[:limit], more=len(changes) > limit)


def tool_history_page(
    *, slug: str, page_number: str | None, include_drafts: bool = False
) -> tuple[Tool, Page] | None:
    """A tool and one page of the changes to its takes, newest first; None unless it
    exists (and is published). Three queries: the tool, the count, the page.

    A page number that is not a number gives the first page; one past the end, the last.
    """
    tools = Tool.objects.select_related("category")
    if not include_drafts:
        tools = tools.published()
    tool = tools.filter(slug=slug).first()
    if tool is None:
        return None
    changes = take_changes(tool_id=tool.pk, include_drafts=True)
    page = Paginator(changes, HISTORY_PER_PAGE).get_page(page_number)
    page.object_list = panel_changes(page.object_list)
    return tool, page


# An alternatives page is worth a search engine's index from this many alternatives.
INDEXABLE_ALTERNATIVES = 3
ALTERNATIVES_LIMIT = 30
ELSEWHERE_LIMIT = 6


@dataclass(frozen=True)
class AlternativesPage:
    """A tool's alternatives: its category's other tools by the one ranking order,
    then the best-ranked tools of other categories; each links the pair's page."""

    tool: Tool
    alternatives: list[CompareLink]
    elsewhere: list[CompareLink]
    count: int  # the category's other published tools, however many are listed

    @property
    def indexable(self) -> bool:
        return self.count >= INDEXABLE_ALTERNATIVES


def alternatives_page_get(*, slug: str) -> AlternativesPage | None:
    """The alternatives page of a published tool, or None (three queries)."""
    tool = Tool.objects.published().select_related("category").filter(slug=slug).first()
    if tool is None:
        return None
    others = Tool.objects.published().exclude(pk=tool.pk).select_related("category")
    inside = others.filter(category_id=tool.category_id).ranked()[:ALTERNATIVES_LIMIT]
    outside = others.exclude(category_id=tool.category_id).filter(take_count__gt=0).ranked()
    return AlternativesPage(
        tool=tool,
        alternatives=compare_links(tool, inside),
        elsewhere=compare_links(tool, outside[:ELSEWHERE_LIMIT]),
        count=tool.category.published_tool_count - 1,
    )


def shared_tool_get(*, slug: str) -> Tool | None:
    """A published tool with its category, for its badge and share image (tools.share); one query.

    What they show is stored on the row (panel numbers, when the panel last
    changed): no takes are loaded.
    """
    return Tool.objects.published().select_related("category").filter(slug=slug).first()


INDEX_PAGE_SIZE = 200


def tool_index_page(*, page_number) -> Page:
    """One page of every published tool by slug, with its category, for /tools.json.

    Two queries: the stored counts (no COUNT walks the catalog) and the page.
    Raises Paginator's InvalidPage for a page that is not a number or past the end.
    """
    paginator = Paginator(
        Tool.objects.published()
        .select_related("category")
        .only(
            "slug",
            "name",
            "updated_at",
            "take_count",
            "ship_count",
            "average_score",
            "category__name",
        )
        .order_by("slug"),
        INDEX_PAGE_SIZE,
    )
    paginator.count = Category.objects.aggregate(tools=Coalesce(Sum("published_tool_count"), 0))[
        "tools"
    ]
    page = paginator.page(page_number)
    page.object_list = list(page.object_list)
    return page
