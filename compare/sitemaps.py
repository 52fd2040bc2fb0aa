"""Sitemaps: the fixed pages, tools, categories and, per tool, its comparisons within its category.

Comparisons are bounded: each tool is paired with at most PAIRS_PER_TOOL
neighbours in its category (by name), each pair listed once under its
canonical, alphabetical URL, so the section grows with the catalog, never
with its square. It is split into pages of URLS_PER_PAGE, and a page is
computed alone from the categories' stored tool counts and the tools whose
pairs fall on it (two queries, whatever the page), so no request reads the
whole catalog.
"""

import operator
from functools import reduce

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from plumbing.pairs import canonical_comparison_path
from reviews.models import Persona
from tools.models import Category, Tool
from tools.selectors import INDEXABLE_ALTERNATIVES

PAIRS_PER_TOOL = 5
# Pages of a thousand addresses: each renders in tens of milliseconds, whatever
# the catalog's size (the protocol allows 50,000).
URLS_PER_PAGE = 1_000


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        pages = [
            "home",
            "tools:directory",
            "compare:picker",
            "reviews:panel",
            "reviews:how_we_review",
        ]
        return pages + [("reviews:persona", persona) for persona in Persona.values]

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(item[0], args=[item[1]])
        return reverse(item)


class ToolSitemap(Sitemap):
    changefreq = "weekly"
    limit = URLS_PER_PAGE

    def items(self):
        return Tool.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, tool):
        return tool.updated_at

    @property
    def paginator(self):
        paginator = super().paginator
        # The categories' stored counts say how many, so no COUNT walks the catalog.
        paginator.count = Category.objects.aggregate(
            tools=Coalesce(Sum("published_tool_count"), 0)
        )["tools"]
        return paginator

    def get_latest_lastmod(self):
        # The index asks for the newest change; Django's default reads every tool for it.
        return Tool.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class AlternativesSitemap(Sitemap):
    """The alternatives pages search engines may index: tools with enough alternatives."""

    changefreq = "weekly"
    limit = URLS_PER_PAGE
    # A category of this many published tools gives each enough alternatives.
    min_category_size = INDEXABLE_ALTERNATIVES + 1

    def items(self):
        return (
            Tool.objects.published()
            .filter(category__published_tool_count__gte=self.min_category_size)
            .order_by("slug")
            .only("slug")
        )

    def location(self, tool):
        return reverse("tools:alternatives", args=[tool.slug])

    @property
    def paginator(self):
        paginator = super().paginator
        # From the stored counts, as the tools section counts.
        paginator.count = Category.objects.filter(
            published_tool_count__gte=self.min_category_size
        ).aggregate(tools=Coalesce(Sum("published_tool_count"), 0))["tools"]
        return paginator


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.with_tool_counts().order_by("slug").only("slug")

    def location(self, category):
        return reverse("tools:category", args=[category.slug])


def pairs_for(tools: int) -> int:
    """How many pairs a category of `tools` published tools lists.

    A tool with j tools after it pairs with min(j, PAIRS_PER_TOOL) of them.
    """
    if tools <= PAIRS_PER_TOOL + 1:
        return tools * (tools - 1) // 2
    return PAIRS_PER_TOOL * tools - PAIRS_PER_TOOL * (PAIRS_PER_TOOL + 1) // 2


def pairs_before(tool_index: int, tools: int) -> int:
    """How many of its category's pairs come before the tool at `tool_index` (by slug)."""
    return pairs_for(tools) - pairs_for(tools - tool_index)


class NeighbourPairs:
    """The section's pairs as a sequence Django's paginator counts and slices lazily.

    Pairs run category by category (by id), tool by tool (by slug). The
    categories' stored tool counts say where each category's pairs begin, so
    a page reads only the tools whose pairs fall on it: one query for the
    counts, one for those tools (a slice of each category by the
    (category, slug) index), whatever the page and the catalog's size.
    """

    def __init__(self):
        self._sizes = None

    def sizes(self) -> list[tuple[int, int]]:
        """(category id, published tools) for every category with any, in pair order."""
        if self._sizes is None:
            self._sizes = list(
                Category.objects.filter(published_tool_count__gt=0)
                .order_by("pk")
                .values_list("pk", "published_tool_count")
            )
        return self._sizes

    def count(self) -> int:
        return sum(pairs_for(size) for _, size in self.sizes())

    def __getitem__(self, window: slice) -> list[tuple[str, str]]:
        start, stop = window.start or 0, window.stop
        slices, first_pair = [], 0  # (category, first tool index, tools to read, its first pair)
        for category_id, size in self.sizes():
            pairs = pairs_for(size)
            if first_pair + pairs > start and first_pair < stop:
                # The first and last tools with a pair on the page, and their neighbours.
                low = next(
                    i for i in range(size) if first_pair + pairs_before(i + 1, size) > start
                )
                high = max(
                    i for i in range(low, size) if first_pair + pairs_before(i, size) < stop
                )
                slices.append((category_id, low, high - low + 1 + PAIRS_PER_TOOL, first_pair))
            first_pair += pairs
        if not slices:
            return []
        # Each category's slice, cut by the (category, slug) index; read in one query.
        cuts = [
            Q(
                pk__in=Tool.objects.published()
                .filter(category_id=category_id)
                .order_by("slug")
                .values("pk")[low : low + length]
            )
            for category_id, low, length, _ in slices
        ]
        rows = (
            Tool.objects.filter(reduce(operator.or_, cuts))
            .order_by("category_id", "slug")
            .values_list("category_id", "slug")
        )
        slugs = {}
        for category_id, slug in rows:
            slugs.setdefault(category_id, []).append(slug)
        sizes = dict(self.sizes())
        pairs = []
        for category_id, low, _, first in slices:
            ordered, size = slugs.get(category_id, []), sizes[category_id]
            for offset, slug in enumerate(ordered):
                position = first + pairs_before(low + offset, size)
                for other in ordered[offset + 1 : offset + 1 + PAIRS_PER_TOOL]:
                    if start <= position < stop:
                        pairs.append((slug, other))
                    position += 1
        return pairs


class ComparisonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = URLS_PER_PAGE

    def items(self):
        return NeighbourPairs()

    def location(self, pair):
        return canonical_comparison_path(*pair)


SITEMAPS = {
    "pages": PagesSitemap,
    "tools": ToolSitemap,
    "categories": CategorySitemap,
    "comparisons": ComparisonSitemap,
    "alternatives": AlternativesSitemap,
}
