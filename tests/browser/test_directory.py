import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create

HEADING_LEVELS = """
[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((heading) => heading.offsetParent !== null || heading.closest(".visually-hidden"))
  .map((heading) => Number(heading.tagName[1]))
"""


@pytest.fixture
def catalog(transactional_db):
    writing = CategoryFactory(slug="writing", name="Writing")
    coding = CategoryFactory(slug="coding", name="Coding")
    for name, category, entry in [
        ("Inkwell", writing, "free"),
        ("Quillpad", writing, "paid"),
        ("Bytecraft", coding, "open-source"),
    ]:
        tool = ToolFactory(name=name, slug=name.lower(), category=category, entry=entry)
        PanelReviewFactory(tool=tool, persona="builder", verdict="ship")


def card_names(page):
    return page.locator(".tool-card__name").all_inner_texts()


def assert_headings_never_skip_a_level(page):
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))


def test_filters_update_results_in_place_and_the_url_follows(new_page, catalog):
    page = new_page()
    page.goto("/tools/")
    expect(page.locator(".tool-card")).to_have_count(3)
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Category").select_option("writing")
    expect(page.locator(".tool-card")).to_have_count(2)
    # Only the fields in use reach the address bar.
    expect(page).to_have_url(re.compile(r"/tools/\?category=writing$"))
    expect(page).to_have_title(re.compile(r"^AI tools \(Writing\)"))
    expect(page.locator("#results-status")).to_have_text("2 tools")

    page.get_by_label("Search", exact=True).press_sequentially("quil")
    expect(page.locator(".tool-card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/tools/\?q=quil&category=writing$"))
    assert card_names(page) == ["Quillpad"]
    expect(page.locator("#results-status")).to_have_text("1 tool matching “quil”")
    # Typing never lost focus, and the page was never reloaded.
    expect(page.get_by_label("Search", exact=True)).to_be_focused()
    assert page.evaluate("window.notReloaded") is True

    page.get_by_label("Sort by").select_option("name")
    expect(page).to_have_url(re.compile(r"sort=name"))

    # The URL is shareable: opening it gives the same results and form.
    page.goto(page.url)
    assert card_names(page) == ["Quillpad"]
    expect(page.get_by_label("Category")).to_have_value("writing")
    expect(page.get_by_label("Search", exact=True)).to_have_value("quil")


def test_back_button_returns_to_the_previous_results(new_page, catalog):
    page = new_page()
    page.goto("/tools/")
    page.get_by_label("Entry tier").select_option("paid")
    expect(page.locator(".tool-card")).to_have_count(1)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/tools/$"))
    expect(page.locator(".tool-card")).to_have_count(3)


def test_no_match_shows_a_way_back(new_page, catalog):
    page = new_page()
    page.goto("/tools/")
    page.get_by_label("Search", exact=True).fill("zzzz")
    expect(page.get_by_role("heading", name="No tools match “zzzz”")).to_be_visible()
    page.get_by_role("link", name="Show all tools").click()
    expect(page).to_have_url(re.compile(r"/tools/$"))
    expect(page.locator(".tool-card")).to_have_count(3)


def test_pages_turn_in_place(new_page, transactional_db):
    catalog_create(tools=30)
    page = new_page()
    page.goto("/tools/?sort=name")
    expect(page.locator(".tool-card")).to_have_count(24)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Next").click()
    expect(page.locator(".tool-card")).to_have_count(6)
    expect(page).to_have_url(re.compile(r"/tools/\?sort=name&page=2$"))
    assert card_names(page)[0] == "Bulk Tool 0024"
    assert page.evaluate("window.notReloaded") is True


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_filters_work_without_javascript(new_page, catalog, color_scheme):
    page = new_page(javascript=False, width=320, color_scheme=color_scheme)
    page.goto("/tools/")
    page.get_by_label("Category").select_option("coding")
    page.get_by_role("button", name="Show tools").click()
    expect(page).to_have_url(re.compile(r"category=coding"))
    assert card_names(page) == ["Bytecraft"]
    page.get_by_label("Search", exact=True).fill("nothing at all")
    page.get_by_label("Search", exact=True).press("Enter")
    expect(page.get_by_text("No tools match")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_directory_is_keyboard_friendly_and_well_structured(new_page, catalog):
    page = new_page()
    page.goto("/tools/")
    assert_headings_never_skip_a_level(page)
    page.get_by_label("Search", exact=True).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_category"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


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


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_category_leaderboard_fits_a_phone_and_leads_to_the_tool(new_page, catalog, color_scheme):
    page = new_page(width=320, color_scheme=color_scheme)
    page.goto("/categories/writing/")
    expect(page.get_by_role("heading", name="Writing", level=1)).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_headings_never_skip_a_level(page)
    page.get_by_role("link", name="Inkwell", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tools/inkwell/$"))
