import re

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory


@pytest.fixture
def catalog(transactional_db):
    writing = CategoryFactory(slug="writing", name="Writing")
    coding = CategoryFactory(slug="coding", name="Coding")
    for name, category in [("Inkwell", writing), ("Quillpad", writing), ("Bytecraft", coding)]:
        tool = ToolFactory(name=name, slug=name.lower(), category=category)
        PanelReviewFactory(tool=tool, persona="builder", verdict="ship")


def card_names(page):
    return page.locator(".tool-card__name").all_inner_texts()


def test_filters_update_results_in_place_and_the_url_follows(new_page, catalog):
    page = new_page()
    page.goto("/tools/")
    expect(page.locator(".tool-card")).to_have_count(3)
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Category").select_option("writing")
    expect(page.locator(".tool-card")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"category=writing"))

    page.get_by_label("Search").fill("quill")
    expect(page.locator(".tool-card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=quill"))
    assert card_names(page) == ["Quillpad"]
    assert page.evaluate("window.notReloaded") is True

    # The URL is shareable: opening it gives the same results.
    page.goto(page.url)
    assert card_names(page) == ["Quillpad"]


def test_filters_work_without_javascript(new_page, catalog):
    page = new_page(javascript=False, width=320)
    page.goto("/tools/")
    page.get_by_label("Category").select_option("coding")
    page.get_by_role("button", name="Show tools").click()
    expect(page).to_have_url(re.compile(r"category=coding"))
    assert card_names(page) == ["Bytecraft"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_bookmark_from_the_directory_shows_in_the_panel(new_page, catalog):
    page = new_page()
    page.goto("/tools/?category=writing")
    page.locator(".bookmark-slot--inkwell").get_by_role("button", name="Bookmark").click()
    expect(
        page.locator("#bookmarks-panel-body").get_by_role("link", name="Inkwell")
    ).to_be_visible()
    # New results arrive with live bookmark buttons too.
    page.get_by_label("Category").select_option("")
    expect(page.locator(".tool-card")).to_have_count(3)
    expect(
        page.locator(".bookmark-slot--inkwell").get_by_role("button", name="Bookmarked")
    ).to_be_visible()


def test_tool_page_links_to_a_comparison(new_page, catalog):
    page = new_page(width=390)
    page.goto("/tools/inkwell/")
    page.get_by_role("link", name="Inkwell vs Quillpad").click()
    expect(page).to_have_url(re.compile(r"/compare/inkwell-vs-quillpad/$"))
