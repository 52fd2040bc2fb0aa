import re

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory


@pytest.fixture
def catalog(transactional_db):
    category = CategoryFactory(name="Developer Tools")
    for name, slug in [
        ("Patchwright", "patchwright"),
        ("Moorhen", "moorhen"),
        ("Pagerwisp", "pagerwisp"),
    ]:
        tool = ToolFactory(name=name, slug=slug, category=category)
        PanelReviewFactory(tool=tool, persona="builder", score=80, verdict="ship")


def test_picker_suggests_tools_as_the_reader_types(new_page, catalog):
    page = new_page()
    page.goto("/compare/")
    first = page.get_by_label("First tool")
    first.press_sequentially("pat")
    # htmx fills the field's datalist with the matching tools.
    expect(page.locator("#picker-a-options option")).to_have_count(1)
    expect(page.locator("#picker-a-options option")).to_have_attribute("value", "Patchwright")

    page.get_by_label("Second tool").press_sequentially("moo")
    expect(page.locator("#picker-b-options option")).to_have_attribute("value", "Moorhen")
    first.fill("Patchwright")
    page.get_by_label("Second tool").fill("Moorhen")
    page.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(re.compile(r"/compare/patchwright-vs-moorhen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Patchwright vs Moorhen")


@pytest.mark.parametrize("javascript", [True, False])
def test_picker_explains_a_misspelt_name(new_page, catalog, javascript):
    page = new_page(javascript=javascript)
    page.goto("/compare/")
    page.get_by_label("First tool").fill("Patchwright")
    page.get_by_label("Second tool").fill("Moorhan")
    page.get_by_role("button", name="Compare").click()

    error = page.locator("#picker-b-error")
    expect(error).to_contain_text("No tool called “Moorhan” is listed. Did you mean: Moorhen?")
    # The correction is a link, straight to the pair the reader meant.
    error.get_by_role("link", name="Moorhen").click()
    expect(page).to_have_url(re.compile(r"/compare/patchwright-vs-moorhen/$"))


@pytest.mark.parametrize("javascript", [True, False])
def test_a_unique_partial_name_goes_straight_through(new_page, catalog, javascript):
    page = new_page(javascript=javascript)
    page.goto("/compare/")
    page.get_by_label("First tool").fill("patch")
    page.get_by_label("Second tool").fill("moor")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"/compare/patchwright-vs-moorhen/$"))


def test_picker_works_without_javascript(new_page, catalog):
    page = new_page(javascript=False, width=320)
    page.goto("/")
    page.get_by_label("First tool").fill("pagerwisp")
    page.get_by_label("Second tool").fill("PATCHWRIGHT")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"/compare/pagerwisp-vs-patchwright/$"))
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_compare_page_links_to_related_comparisons(new_page, catalog):
    page = new_page(width=390)
    page.goto("/compare/patchwright-vs-moorhen/")
    page.get_by_role("link", name=re.compile("vs Pagerwisp")).first.click()
    expect(page).to_have_url(re.compile(r"/compare/\w+-vs-pagerwisp/$"))
