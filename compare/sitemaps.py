"""Sitemaps: the fixed pages, tools, categories and, per tool, its comparisons within its category.

Comparisons are bounded: each tool is paired with at most PAIRS_PER_TOOL
neighbours in its category (by name), each pair listed once under its
canonical, alphabetical URL, so the section grows with the catalog, never
with its square. Django's sitemap index splits any section past 50,000 URLs.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from plumbing.pairs import canonical_comparison_path
from reviews.models import Persona
from tools.models import Category, Tool

PAIRS_PER_TOOL = 5


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


def bounded_pairs(slugs_by_category: dict[int, list[str]], per_tool: int) -> list[tuple[str, str]]:
    """Each tool with its next `per_tool` neighbours in its category: pairs in canonical order."""
    pairs = set()
    for slugs in slugs_by_category.values():
        ordered = sorted(slugs)
        for index, slug in enumerate(ordered):
            for other in ordered[index + 1 : index + 1 + per_tool]:
                pairs.add((slug, other))
    return sorted(pairs)


class ComparisonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        slugs_by_category = {}
        rows = Tool.objects.published().values_list("category_id", "slug")
        for category_id, slug in rows.iterator():
            slugs_by_category.setdefault(category_id, []).append(slug)
        return bounded_pairs(slugs_by_category, PAIRS_PER_TOOL)

    def location(self, pair):
        return canonical_comparison_path(*pair)


SITEMAPS = {
    "pages": PagesSitemap,
    "tools": ToolSitemap,
    "categories": CategorySitemap,
    "comparisons": ComparisonSitemap,
}
