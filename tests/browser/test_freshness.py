"""The "possibly out of date" marker as readers see it: in words and amber, in both schemes."""

import pytest

from tests.browser.test_accessibility import axe_violations, visit
from tests.pages import demo_catalog_load

# Moorhen's pricing in the demo catalog was last verified in April.
PAGES = ["/tools/moorhen/", "/compare/patchwright-vs-moorhen/"]


@pytest.mark.parametrize(("width", "color_scheme"), [(390, "light"), (1280, "dark")])
def test_the_marker_is_seen_and_passes_axe(new_page, page_problems, width, color_scheme):
    demo_catalog_load()
    page = new_page(width=width, color_scheme=color_scheme)
    for path in PAGES:
        visit(page, path, page_problems)
        marker = page.locator(".freshness__marker")
        marker.first.scroll_into_view_if_needed()
        assert marker.count() == 1
        assert marker.first.is_visible()
        assert marker.first.inner_text().strip().startswith("! Possibly out of date")
        colours = marker.first.evaluate(
            "el => { const s = getComputedStyle(el), t = getComputedStyle(document.body);"
            " return [s.color, s.backgroundColor, t.color]; }"
        )
        # Its own colour, not the text's, on its own background.
        assert colours[0] != colours[2]
        assert colours[1] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert axe_violations(page) == []
