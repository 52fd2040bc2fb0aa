"""Reads for the tool pages: each runs a fixed number of queries whatever the catalog size."""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Avg, Case, Count, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast

from tools.models import Category, EntryTier, Tool

PAGE_SIZE = 24
COMPARE_CANDIDATES = 6


class DirectorySort:
    SHIP = "ship"
    SCORE = "score"
    NEWEST = "newest"
    NAME = "name"
    RELEVANCE = "relevance"

    CHOICES = [
        (SHIP, "Panel ship %"),
        (SCORE, "Average score"),
        (NEWEST, "Newest"),
        (NAME, "Name"),
    ]


class DirectoryForm(forms.Form):
    """The directory's filters, read from the query string. Unknown values are form errors."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    category = forms.ChoiceField(label="Category", required=False)
    entry = forms.ChoiceField(
        label="Entry tier", required=False, choices=[("", "Any tier"), *EntryTier.choices]
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Best match"), *DirectorySort.CHOICES],
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", "All categories"),
            *((category.slug, category.name) for category in categories),
        ]

    def value(self, name: str) -> str:
        """The field's clean value, or "" when it was missing or invalid."""
        if not self.is_valid() and name in self.errors:
            return ""
        return self.cleaned_data.get(name) or ""


def with_panel_numbers(tools):
    """Annotate take_count, ship_count, ship_share (None without takes) and average_score."""
    return tools.annotate(
        take_count=Count("panel_reviews", distinct=True),
        ship_count=Count("panel_reviews", filter=Q(panel_reviews__verdict="ship"), distinct=True),
        average_score=Avg("panel_reviews__score"),
    ).annotate(
        ship_share=Case(
            When(take_count=0, then=Value(None)),
            default=Cast(F("ship_count"), FloatField()) / F("take_count"),
            output_field=FloatField(),
        )
    )


def _search(tools, text: str):
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("name", weight="A")
            + SearchVector("tagline", weight="B")
            + SearchVector("description", weight="C")
        )
        query = SearchQuery(text, search_type="websearch")
        return tools.annotate(search=vector, rank=SearchRank(vector, query)).filter(search=query)
    # SQLite has no full-text search here: a plain substring match, no ranking.
    matches = Q(name__icontains=text) | Q(tagline__icontains=text) | Q(description__icontains=text)
    return tools.filter(matches).annotate(
        rank=Case(When(name__icontains=text, then=Value(1.0)), default=Value(0.5))
    )


def tool_directory_list(*, query: str = "", category: str = "", entry: str = "", sort: str = ""):
    """Published tools filtered, searched and sorted for the directory (a lazy QuerySet).

    Paginated, it runs three queries: the count, the page (with categories) and
    the page's reviews.
    """
    tools = with_panel_numbers(
        Tool.objects.published().select_related("category").prefetch_related("panel_reviews")
    )
    if category:
        tools = tools.filter(category__slug=category)
    if entry:
        tools = tools.filter(entry=entry)
    if query:
        tools = _search(tools, query)
    ship_first = [
        F("ship_share").desc(nulls_last=True),
        F("take_count").desc(),
        F("average_score").desc(nulls_last=True),
        "name",
    ]
    orderings = {
        DirectorySort.SHIP: ship_first,
        DirectorySort.SCORE: [F("average_score").desc(nulls_last=True), "name"],
        DirectorySort.NEWEST: ["-created_at", "name"],
        DirectorySort.NAME: ["name"],
    }
    if not sort and query:
        return tools.order_by("-rank", "name")
    return tools.order_by(*orderings.get(sort, ship_first))


def category_leaderboard(category: Category) -> list[Tool]:
    """The category's published tools, best panel verdict first (two queries)."""
    return list(
        with_panel_numbers(
            Tool.objects.published().filter(category=category).prefetch_related("panel_reviews")
        ).order_by(
            F("ship_share").desc(nulls_last=True),
            F("average_score").desc(nulls_last=True),
            F("take_count").desc(),
            "name",
        )
    )


def compare_candidates_list(tool: Tool, *, limit: int = COMPARE_CANDIDATES) -> list[Tool]:
    """Other published tools to compare this one with: same category first, then by name."""
    return list(
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
        .order_by("other_category", "name")[:limit]
    )
