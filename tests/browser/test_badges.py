"""The live badge as other sites show it, and the tool page's embed snippet, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.factories import PanelReviewFactory, ToolFactory


@pytest.fixture
def shipped(transactional_db):
    tool = ToolFactory(name="A&B <Patchwright>", slug="patchwright")
    PanelReviewFactory(tool=tool, persona="builder", verdict="ship", score=81)
    PanelReviewFactory(tool=tool, persona="skeptic", verdict="skip", score=40)
    PanelReviewFactory(tool=tool, persona="founder", verdict="ship", score=77)
    return tool


@pytest.mark.parametrize(("width", "color_scheme"), [(390, "light"), (1280, "dark")])
def test_the_embed_snippet_shows_the_badge_and_passes_axe(new_page, shipped, width, color_scheme):
    page = new_page(width=width, color_scheme=color_scheme)
    page.goto("/tools/patchwright/")
    preview = page.locator(".badge-embed__preview img")
    expect(preview).to_be_visible()
    # The badge loaded, at the size the page reserved for it.
    assert page.evaluate(
        "img => img.complete && img.naturalWidth === Number(img.getAttribute('width'))",
        preview.element_handle(),
    )
    code = page.get_by_label("HTML to copy")
    expect(code).to_have_attribute("readonly", "")
    assert code.input_value().startswith('<a href="http')
    assert "A&amp;B &lt;Patchwright&gt;" in code.input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []


def test_the_snippet_pasted_into_another_page_shows_the_badge_and_links_back(
    new_page, live_server, shipped
):
    page = new_page()
    page.goto("/tools/patchwright/")
    snippet = page.get_by_label("HTML to copy").input_value()
    # Another site: a page of its own, of another origin than ours.
    page.set_content(f"<!doctype html><title>A blog</title><p>Our pick: {snippet}</p>")
    badge = page.locator("img")
    expect(badge).to_have_attribute("src", f"{live_server.url}/tools/patchwright/badge.svg")
    page.wait_for_function("document.querySelector('img').complete")
    assert page.evaluate("document.querySelector('img').naturalWidth") > 100
    expect(page.locator("a")).to_have_attribute("href", f"{live_server.url}/tools/patchwright/")


def test_a_badge_embedded_with_object_is_allowed_and_its_link_leads_to_the_tool(
    new_page, live_server, shipped
):
    page = new_page()
    page.set_content(
        "<!doctype html><title>A blog</title>"
        f'<object data="{live_server.url}/tools/patchwright/badge.svg" type="image/svg+xml">'
        "badge</object>"
    )
    page.wait_for_function("window.frames.length === 1")
    frame = page.frames[1]
    frame.wait_for_load_state()
    texts = frame.locator("text").all_text_contents()
    assert texts[:2] == ["A&B <Patchwright>", "Ship · 67%"]
    frame.locator("a").click()
    page.wait_for_url(f"{live_server.url}/tools/patchwright/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A&B <Patchwright>")
