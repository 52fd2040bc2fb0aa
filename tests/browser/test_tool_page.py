import json
import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory

HEADING_LEVELS = """
[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .map((heading) => Number(heading.tagName[1]))
"""


@pytest.fixture
def catalog(transactional_db):
    writing = CategoryFactory(slug="writing", name="Writing")
    coding = CategoryFactory(slug="coding", name="Coding")
    for name, category in [("Inkwell", writing), ("Quillpad", writing), ("Bytecraft", coding)]:
        tool = ToolFactory(name=name, slug=name.lower(), category=category)
        PanelReviewFactory(tool=tool, persona="builder", verdict="ship", score=81)
        PanelReviewFactory(tool=tool, persona="skeptic", verdict="skip", score=40)


@pytest.mark.parametrize(("width", "color_scheme"), [(1280, "light"), (320, "dark")])
def test_tool_page_renders_the_panel_and_its_freshness(new_page, catalog, width, color_scheme):
    page = new_page(width=width, color_scheme=color_scheme)
    page.goto("/tools/inkwell/")
    expect(page.get_by_role("heading", name="Inkwell", level=1)).to_be_visible()
    expect(page.locator(".facts").get_by_text("Split · 50%")).to_be_visible()
    expect(page.locator(".tool__freshness")).to_contain_text("2 of 5 reviewers · panel updated")
    expect(page.locator(".tool__freshness time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\dT")
    )
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@graph"][0]["@type"] == "SoftwareApplication"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))


def test_tool_page_links_to_a_comparison_same_category_first(new_page, catalog):
    page = new_page(width=390)
    page.goto("/tools/inkwell/")
    links = page.locator(".related__pair").all_inner_texts()
    assert links == ["Inkwell vs Quillpad", "Inkwell vs Bytecraft"]
    page.get_by_role("link", name="Inkwell vs Quillpad").click()
    expect(page).to_have_url(re.compile(r"/compare/inkwell-vs-quillpad/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inkwell vs Quillpad")


@pytest.mark.parametrize("javascript", [True, False])
def test_tool_page_picker_compares_with_any_tool(new_page, catalog, javascript):
    page = new_page(javascript=javascript)
    page.goto("/tools/inkwell/")
    expect(page.get_by_label("First tool")).to_have_value("Inkwell")
    page.get_by_label("Second tool").fill("Bytecraft")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"/compare/inkwell-vs-bytecraft/$"))


def test_breadcrumb_leads_to_the_category_then_the_directory(new_page, catalog):
    page = new_page(javascript=False)
    page.goto("/tools/quillpad/")
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    crumbs.get_by_role("link", name="Writing").click()
    expect(page.get_by_role("heading", name="Writing", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Tools").click()
    expect(page.get_by_role("heading", name="All AI tools", level=1)).to_be_visible()
