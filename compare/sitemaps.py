"""Sitemaps: the fixed pages, tools, categories and, per tool, its comparisons within its category.

Comparisons are bounded: each tool is paired with at most PAIRS_PER_TOOL
neighbours in its category (by name), each pair listed once under its
canonical, alphabetical URL, so the section grows with the catalog, never
with its square. It is split into pages of PAIRS_PER_PAGE, and a page is
computed alone: the database numbers the pairs tool by tool and returns only
the tools whose pairs fall on that page (two queries, whatever the page), so no
request builds the whole list in Python.
"""

from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from plumbing.pairs import canonical_comparison_path
from reviews.models import Persona
from tools.models import Category, Tool

PAIRS_PER_TOOL = 5
PAIRS_PER_PAGE = 5_000


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        pages = ["home", "tools:directory", "compare:picker", "reviews:panel"]
        return pages + [("reviews:persona", persona) for persona in Persona.values]

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(item[0], args=[item[1]])
        return reverse(item)


class ToolSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Tool.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, tool):
        return tool.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.with_tool_counts().order_by("slug").only("slug")

    def location(self, category):
        return reverse("tools:category", args=[category.slug])


def _page_sql() -> str:
    following = ", ".join(
        f"LEAD(slug, {offset}) OVER in_category AS next_{offset}"
        for offset in range(1, PAIRS_PER_TOOL + 1)
    )
    return f"""
        WITH ranked AS (
            SELECT slug, category_id, {following},
                   COUNT(*) OVER (PARTITION BY category_id)
                       - ROW_NUMBER() OVER in_category AS later
            FROM {Tool._meta.db_table}
            WHERE is_published
            WINDOW in_category AS (PARTITION BY category_id ORDER BY slug)
        ),
        counted AS (
            SELECT *, CASE WHEN later < {PAIRS_PER_TOOL} THEN later
                           ELSE {PAIRS_PER_TOOL} END AS pair_count
            FROM ranked
        ),
        numbered AS (
            SELECT *, SUM(pair_count) OVER (
                ORDER BY category_id, slug ROWS UNBOUNDED PRECEDING
            ) AS pairs_through
            FROM counted
        )
        SELECT slug, pair_count, pairs_through - pair_count,
               {", ".join(f"next_{offset}" for offset in range(1, PAIRS_PER_TOOL + 1))}
        FROM numbered
        WHERE pairs_through > %s AND pairs_through - pair_count < %s
        ORDER BY category_id, slug
    """


class NeighbourPairs:
    """The section's pairs as a sequence Django's paginator counts and slices lazily."""

    def count(self) -> int:
        # A category of n tools holds min(j, PAIRS_PER_TOOL) pairs for each j < n.
        sizes = Tool.objects.published().values("category_id").annotate(size=Count("pk"))
        return sum(sum(min(j, PAIRS_PER_TOOL) for j in range(row["size"])) for row in sizes)

    def __getitem__(self, window: slice) -> list[tuple[str, str]]:
        start, stop = window.start or 0, window.stop
        with connection.cursor() as cursor:
            cursor.execute(_page_sql(), [start, stop])
            rows = cursor.fetchall()
        pairs = []
        for slug, pair_count, first, *following in rows:
            for offset, other in enumerate(following[:pair_count]):
                if start <= first + offset < stop:
                    pairs.append((slug, other))
        return pairs


class ComparisonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = PAIRS_PER_PAGE

    def items(self):
        return NeighbourPairs()

    def location(self, pair):
        return canonical_comparison_path(*pair)


SITEMAPS = {
    "pages": PagesSitemap,
    "tools": ToolSitemap,
    "categories": CategorySitemap,
    "comparisons": ComparisonSitemap,
}
