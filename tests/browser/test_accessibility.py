"""axe-core over every page type in Chromium: phone and desktop, light and dark."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.pages import PAGES, demo_catalog_load

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page) -> list[str]:
    # evaluate() runs outside the page's Content-Security-Policy, which
    # (rightly) forbids the inline script add_script_tag would insert.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def visit(page, path, page_problems):
    response = page.goto(path)
    # Check the page as readers see it: with its islands loaded.
    expect(page.locator(".island-slot")).to_have_count(0)
    loaded = page.locator("#bookmarks-panel-body").locator(
        ".bookmarks-panel__empty, .bookmarks-panel__list"
    )
    expect(loaded).to_have_count(1)
    reasons = {400: "Bad Request", 404: "Not Found"}
    if response.status in reasons:
        # Chromium logs an error page's own status as a console error.
        page_problems.remove(
            "console error: Failed to load resource: "
            f"the server responded with a status of {response.status} ({reasons[response.status]})"
        )


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_has_no_axe_violations(new_page, page_problems, width):
    assert AXE.exists(), "axe-core is missing: run `make test` (it runs npm ci)."
    demo_catalog_load()
    page = new_page(width=width, color_scheme="light")
    found = {}
    for name, path in PAGES:
        visit(page, path, page_problems)
        # Light, then dark on the same page: the colours change, not the page.
        for color_scheme in ("light", "dark"):
            page.emulate_media(color_scheme=color_scheme)
            violations = axe_violations(page)
            if violations:
                found[f"{name} ({path}, {color_scheme})"] = violations
    assert found == {}


def test_axe_catches_a_violation(new_page):
    page = new_page()
    page.goto("/")
    page.evaluate("document.querySelector('h1').textContent = ''")
    page.evaluate("document.documentElement.removeAttribute('lang')")
    assert any(item.startswith("html-has-lang") for item in axe_violations(page))


def test_every_page_type_fits_a_320_pixel_screen(new_page, page_problems):
    demo_catalog_load()
    page = new_page(width=320)
    too_wide = {}
    for _, path in PAGES:
        visit(page, path, page_problems)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert too_wide == {}


def test_keyboard_focus_is_visible(new_page):
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; const style = getComputedStyle(el);"
        " return [el.textContent.trim(), style.outlineStyle, style.outlineWidth]; }"
    )
    assert focused[0] == "Skip to content"
    assert focused[1] != "none"
    assert focused[2] != "0px"
