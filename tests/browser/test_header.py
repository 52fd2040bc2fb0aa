"""The header in a browser: the search field works without JavaScript, fits a phone, and the
current section is marked so that a reader sees it, in light and dark."""

import pytest
from playwright.sync_api import expect

from tests.factories import PanelReviewFactory, ToolFactory


@pytest.fixture
def shelf(transactional_db):
    patchwright = ToolFactory(name="Patchwright", slug="patchwright")
    PanelReviewFactory(tool=patchwright)
    ToolFactory(name="Moorhen", slug="moorhen", category=patchwright.category)
    return patchwright


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_searching_from_the_header_opens_the_directory_results(new_page, shelf, javascript):
    page = new_page(javascript=javascript)
    page.goto("/panel/")
    page.get_by_role("searchbox", name="Search tools").fill("patchwright")
    page.get_by_role("searchbox", name="Search tools").press("Enter")
    page.wait_for_url("**/tools/?q=patchwright")
    expect(page.locator(".tool-card__name")).to_have_text(["Patchwright"])
    expect(page.get_by_role("link", name="Tools", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_the_search_button_submits_too(new_page, shelf):
    page = new_page(width=390, height=844, javascript=False)
    page.goto("/")
    page.get_by_role("searchbox", name="Search tools").fill("moorhen")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/tools/?q=moorhen")
    expect(page.locator(".tool-card__name")).to_have_text(["Moorhen"])


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_fits_and_shows_where_the_reader_is(new_page, shelf, width, color_scheme):
    page = new_page(width=width, height=844, color_scheme=color_scheme)
    for path, current in [
        ("/tools/patchwright/", "Tools"),
        ("/compare/", "Compare"),
        ("/panel/how-we-review/", "Panel"),
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        header = page.locator(".site-header").bounding_box()
        # A phone gets two rows (the brand; the sections and the field), a desktop one.
        assert header["height"] <= (100 if width < 640 else 64), (path, header)
        field = page.get_by_role("searchbox", name="Search tools").bounding_box()
        button = page.get_by_role("button", name="Search", exact=True).bounding_box()
        assert field["width"] >= 100
        assert button["x"] + button["width"] <= width
        assert abs(field["y"] - button["y"]) < 1  # one control, side by side
        nav = page.get_by_role("navigation", name="Main")
        marked = nav.locator("a[aria-current]")
        expect(marked).to_have_text([current])
        others = nav.locator("a:not([aria-current])")
        expect(others).to_have_count(2)
        # Seen, not only announced: its own colour and an underline the others lack.
        style = "el => [getComputedStyle(el).color, getComputedStyle(el).textDecorationLine]"
        marked_color, marked_line = marked.evaluate(style)
        other_color, other_line = others.first.evaluate(style)
        assert marked_line == "underline"
        assert other_line == "none"
        assert marked_color != other_color
