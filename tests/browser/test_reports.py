"""Reader reports in Chromium: the island's form on tool and compare pages, the plain page
without JavaScript, and what assistive technology is told."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import Report
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_layout_shift import boxes_before_and_after_the_islands


def forget_the_422_logged(page_problems, path: str) -> None:
    """Drop what Chromium and htmx log for a form answered with a 422: the page shows why."""
    expected = [
        "console error: Failed to load resource: the server responded with a status of "
        "422 (Unprocessable Content)",
        f"console error: Response Status Error Code 422 from {path}",
    ]
    for problem in expected:
        found = [logged for logged in page_problems if logged.startswith(problem)]
        assert found, (problem, page_problems)
        page_problems.remove(found[0])


def test_a_report_from_the_tool_page_island_is_thanked_in_place(new_page, pair, page_problems):
    page = new_page(width=390)
    page.goto("/tools/relaykit/")
    island = page.locator("#report-island")
    opener = island.get_by_text("Report a problem with this listing")
    expect(island.locator("details summary")).to_be_visible()  # the island replaced the link
    expect(island.get_by_role("link")).to_have_count(0)
    page.evaluate("window.notReloaded = true")

    opener.click()
    reasons = island.get_by_role("group", name="What is wrong?")
    expect(reasons.get_by_role("radio")).to_have_count(4)
    reasons.get_by_label("Something else").check()
    island.get_by_role("button", name="Send the report").click()
    expect(island.get_by_text("Say in a few words what is wrong.")).to_be_visible()
    expect(island.get_by_label("Details")).to_have_attribute("aria-invalid", "true")
    forget_the_422_logged(page_problems, "/tools/relaykit/report/")

    island.get_by_label("Details").fill("The free plan ended in November.")
    island.get_by_role("button", name="Send the report").click()
    thanks = island.get_by_role("status")
    expect(thanks).to_contain_text("Thank you for the report.")
    expect(thanks).to_be_focused()  # the control pressed is gone: focus goes to what happened
    assert page.evaluate("window.notReloaded") is True
    report = Report.objects.get()
    assert (report.tool.slug, report.reason, report.text) == (
        "relaykit",
        "other",
        "The free plan ended in November.",
    )


def test_a_report_from_the_compare_page_names_the_tool_that_is_wrong(new_page, pair):
    page = new_page(width=1280)
    page.goto("/compare/relaykit-vs-batonette/")
    island = page.locator("#report-island")
    island.get_by_text("Report a problem with these listings").click()
    island.get_by_role("group", name="Which listing is wrong?").get_by_label("Batonette").check()
    island.get_by_label("Wrong price").check()
    assert axe_violations(page) == []
    island.get_by_role("button", name="Send the report").click()
    expect(island.get_by_role("status")).to_contain_text("Batonette listing")
    report = Report.objects.get()
    assert (report.tool.slug, report.reason) == ("batonette", "wrong_price")


def test_a_report_without_javascript_through_the_plain_page(new_page, pair):
    page = new_page(javascript=False, width=390)
    page.goto("/tools/relaykit/")
    page.get_by_role("link", name="Report a problem with this listing").click()
    expect(page).to_have_url(re.compile(r"/tools/relaykit/report/$"))
    expect(page.get_by_role("heading", name="Report a problem with Relaykit")).to_be_visible()
    page.get_by_label("Wrong entry tier").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you for the report.")).to_be_visible()
    page.get_by_role("link", name="Back to Relaykit").click()
    expect(page).to_have_url(re.compile(r"/tools/relaykit/$"))
    assert Report.objects.get().reason == "wrong_tier"


@pytest.mark.parametrize("path", ["/tools/relaykit/", "/compare/relaykit-vs-batonette/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_closed_form_lands_in_the_links_place_and_nothing_moves(new_page, pair, path, width):
    page = new_page(width=width)
    before, after = boxes_before_and_after_the_islands(
        page,
        ["#report-island", "footer"],
        load=lambda: page.goto(path),
        landed=page.locator("#report-island details"),
    )
    assert after == before, {key: (before[key], after[key]) for key in before}
