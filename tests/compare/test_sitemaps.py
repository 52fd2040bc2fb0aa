import re

import pytest

from compare import sitemaps
from compare.sitemaps import bounded_pairs
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


def test_pairs_are_bounded_listed_once_and_in_canonical_order():
    pairs = bounded_pairs({1: [f"t{index:03d}" for index in range(100)]}, per_tool=5)
    assert len(pairs) == 5 * 100 - 15  # the last five tools have fewer neighbours left
    assert len(set(pairs)) == len(pairs)
    assert all(left < right for left, right in pairs)


@pytest.mark.parametrize("tool_count", [5, 500])
def test_comparison_section_grows_linearly_in_constant_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count, categories=2)
    with django_assert_num_queries(1):
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
