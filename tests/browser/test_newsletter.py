import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber


@pytest.mark.parametrize("javascript", [True, False])
def test_sign_up_from_a_page(new_page, javascript, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    page = new_page(javascript=javascript, width=390)
    page.goto("/tools/")
    if not javascript:
        page.get_by_role("link", name="Sign up for the weekly email").click()
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Enter a valid email address")).to_be_visible()

    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Check your inbox.")).to_be_visible()
    assert Subscriber.objects.get().email == "reader@example.com"
    assert len(mail.outbox) == 1
    if javascript:
        expect(page).to_have_url(f"{page.url.split('/tools/')[0]}/tools/")
