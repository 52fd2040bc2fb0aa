"""The newsletter in Chromium: the sign-up island with JavaScript, the plain form without,
and the confirm and unsubscribe buttons."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber, SubscriberStatus
from newsletter.tokens import confirmation_token


@pytest.fixture
def mailbox(settings, transactional_db):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    return mail.outbox


def test_sign_up_in_the_island_without_leaving_the_page(new_page, mailbox):
    page = new_page(width=390)
    page.goto("/tools/")
    block = page.locator(".newsletter-block")
    field = block.get_by_label("Email address")
    expect(field).to_be_visible()  # the island replaced the link
    expect(block.get_by_role("link", name="Sign up for the weekly email")).to_have_count(0)
    page.evaluate("window.notReloaded = true")

    field.fill("not an address")
    block.get_by_role("button", name="Sign up").click()
    expect(block.get_by_text("Enter a valid email address")).to_be_visible()
    expect(block.get_by_label("Email address")).to_have_attribute("aria-invalid", "true")

    block.get_by_label("Email address").fill("reader@example.com")
    block.get_by_role("button", name="Sign up").click()
    expect(block.get_by_text("Check your inbox.")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    assert re.search(r"/tools/$", page.url)
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.source) == ("reader@example.com", "/tools/")
    assert [message.to for message in mailbox] == [["reader@example.com"]]


def test_sign_up_without_javascript_through_the_plain_form(new_page, mailbox):
    page = new_page(javascript=False, width=1280)
    page.goto("/tools/")
    page.get_by_role("link", name="Sign up for the weekly email").click()
    expect(page).to_have_url(re.compile(r"/newsletter/$"))
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Enter a valid email address")).to_be_visible()

    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Check your inbox.")).to_be_visible()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.source) == ("reader@example.com", "/tools/")
    assert len(mailbox) == 1


def test_confirm_then_unsubscribe_with_buttons_and_no_javascript(new_page, mailbox):
    subscriber = Subscriber.objects.create(email="reader@example.com")
    page = new_page(javascript=False, width=390)
    page.goto(f"/newsletter/confirm/{confirmation_token(subscriber)}/")
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You're subscribed")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED

    page.goto(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You're unsubscribed")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
