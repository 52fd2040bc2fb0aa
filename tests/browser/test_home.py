import re

from playwright.sync_api import expect

from tests.factories import PanelReviewFactory, ToolFactory


def test_reader_opens_a_tool_from_the_home_page(page, transactional_db):
    tool = ToolFactory(name="Draftwell", slug="draftwell")
    PanelReviewFactory(tool=tool, persona="builder", score=82, verdict="ship")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="Draftwell", exact=True).first.click()

    expect(page).to_have_url(re.compile(r"/tools/draftwell/$"))
    expect(page.get_by_role("heading", name="Draftwell", level=1)).to_be_visible()
    expect(page.get_by_text("82/100 · ship")).to_be_visible()


def test_admin_tool_form_fills_the_slug_from_the_name_without_csp_errors(
    page, transactional_db, admin_user
):
    # The admin's own scripts must run under our Content-Security-Policy.
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()

    page.goto("/admin/tools/tool/add/")
    page.locator("#id_name").press_sequentially("Signal Garden")
    expect(page.locator("#id_slug")).to_have_value("signal-garden")
