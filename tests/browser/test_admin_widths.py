"""The admin's tables of prose fit the page on a laptop and on a phone (static/css/admin.css)."""

import pytest

from newsletter.models import DigestIssue, DigestItem
from reviews.models import Persona
from tests.factories import PanelReviewFactory, ToolFactory

LONG = "A take long enough to fill its box several times over, as real ones do. " * 6

# Each text box, select and checkbox of the table, with how far its right edge
# runs past the table's visible box (which Django lets scroll) and the page.
OVERFLOWS = """(group) => {
    const wrapper = document.querySelector(group + ' .wrapper').getBoundingClientRect();
    const page = document.documentElement.clientWidth;
    const boxes = [...document.querySelectorAll(
        group + ' tr.form-row:not(.empty-form) :is(input:not([type=hidden]), textarea, select)'
    )];
    return {
        boxes: boxes.length,
        over: boxes
            .map((box) => [box.name, box.getBoundingClientRect().right])
            .filter(([, right]) => right > Math.min(wrapper.right, page) + 1),
        pageScrolls: document.documentElement.scrollWidth > page,
    };
}"""


def log_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_panel_takes_and_the_digest_items_fit_the_admin(new_page, admin_user, width):
    tool = ToolFactory(name="Patchwright")
    for persona in Persona.values:
        PanelReviewFactory(tool=tool, persona=persona, take=LONG)
    issue = DigestIssue.objects.create(week="2026-W48")
    for position in range(3):
        DigestItem.objects.create(
            issue=issue,
            kind="featured",
            position=position,
            title="Patchwright vs Moorhen: a long title for a featured comparison",
            summary=LONG,
            path="/compare/moorhen-vs-patchwright-and-then-some-more/",
        )
    page = new_page(width=width)
    log_in(page, admin_user)

    page.goto(f"/admin/tools/tool/{tool.pk}/change/")
    takes = page.evaluate(OVERFLOWS, "#panel_reviews-group")
    assert takes == {"boxes": 5 * 5, "over": [], "pageScrolls": False}

    page.goto(f"/admin/newsletter/digestissue/{issue.pk}/change/")
    items = page.evaluate(OVERFLOWS, "#items-group")
    assert items == {"boxes": 3 * 6, "over": [], "pageScrolls": False}
