import re

import pytest

from compare import sitemaps
from tests.factories import CategoryFactory, ToolFactory, catalog_create


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_index_lists_every_section(client, db):
    ToolFactory()
    sections = locations(client, "/sitemap.xml")
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-tools.xml",
        "http://testserver/sitemap-categories.xml",
        "http://testserver/sitemap-comparisons.xml",
        "http://testserver/sitemap-alternatives.xml",
    ]


def test_sections_list_published_tools_categories_and_comparisons(client, db):
    writing = CategoryFactory(slug="writing")
    ToolFactory(slug="inkwell", category=writing)
    ToolFactory(slug="quillpad", category=writing)
    ToolFactory(slug="bytecraft", category=CategoryFactory(slug="coding"))
    ToolFactory(slug="secret", category=writing, is_published=False)

    tools = locations(client, "/sitemap-tools.xml")
    assert tools == [
        f"http://testserver/tools/{slug}/" for slug in ["bytecraft", "inkwell", "quillpad"]
    ]
    assert "http://testserver/categories/writing/" in locations(client, "/sitemap-categories.xml")
    assert locations(client, "/sitemap-comparisons.xml") == [
        "http://testserver/compare/inkwell-vs-quillpad/"
    ]
    assert "http://testserver/panel/skeptic/" in locations(client, "/sitemap-pages.xml")


def bounded_pairs(slugs_by_category, per_tool):
    """The rule, plainly: each tool with its next `per_tool` neighbours in its category."""
    pairs = set()
    for slugs in slugs_by_category.values():
        ordered = sorted(slugs)
        for index, slug in enumerate(ordered):
            for other in ordered[index + 1 : index + 1 + per_tool]:
                pairs.add((slug, other))
    return pairs


def test_pairs_are_bounded_listed_once_and_in_canonical_order():
    pairs = bounded_pairs({1: [f"t{index:03d}" for index in range(100)]}, per_tool=5)
    assert len(pairs) == 5 * 100 - 15  # the last five tools have fewer neighbours left
    assert all(left < right for left, right in pairs)


def test_the_paged_section_lists_exactly_the_rule_s_pairs_once(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps.ComparisonSitemap, "limit", 7)
    tools = catalog_create(tools=23, categories=3)
    slugs_by_category = {}
    for tool in tools:
        slugs_by_category.setdefault(tool.category_id, []).append(tool.slug)
    expected = {
        f"http://testserver/compare/{left}-vs-{right}/"
        for left, right in bounded_pairs(slugs_by_category, sitemaps.PAIRS_PER_TOOL)
    }
    pages = [url for url in locations(client, "/sitemap.xml") if "sitemap-comparisons" in url]
    assert len(pages) == -(-len(expected) // 7)
    found = []
    for page in pages:
        listed = locations(client, page.replace("http://testserver", ""))
        assert 0 < len(listed) <= 7
        found += listed
    assert len(found) == len(set(found))
    assert set(found) == expected


@pytest.mark.parametrize("tool_count", [5, 500])
def test_comparison_section_grows_linearly_in_constant_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count, categories=2)
    # The count, and the page: two queries at any size.
    with django_assert_num_queries(2):
        found = locations(client, "/sitemap-comparisons.xml")
    assert len(found) <= tool_count * sitemaps.PAIRS_PER_TOOL
    assert len(found) == len(set(found))


def test_sections_split_into_pages_past_the_limit(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps.ToolSitemap, "limit", 2)
    for index in range(5):
        ToolFactory(slug=f"tool-{index}")
    sections = locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-tools.xml?p=3" in sections
    assert len(locations(client, "/sitemap-tools.xml?p=3")) == 1


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.parametrize("tool_count", [5, 500])
def test_the_index_costs_the_same_queries_at_any_size(
    client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count, categories=2)
    # The newest change (an index's end), the stored tool counts three times, the categories.
    with django_assert_num_queries(5):
        sections = locations(client, "/sitemap.xml")
    assert len(sections) == 5 + (tool_count * sitemaps.PAIRS_PER_TOOL) // sitemaps.URLS_PER_PAGE
