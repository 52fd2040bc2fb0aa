"""From sign-up to one-click unsubscribe against a real SMTP server on loopback."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from newsletter.models import Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up_and_confirm(client, inbox, email):
    client.post("/newsletter/", {"email": email, "website": ""}, headers={"HX-Request": "true"})
    (confirmation,) = inbox.to(email)
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https://verdicts\.example(/newsletter/confirm/\S+/)", text).group(1)
    page = client.get(link)
    assert "Confirm my subscription" in page.content.decode()
    assert Subscriber.objects.get(email=email).status == SubscriberStatus.PENDING  # a GET: nothing
    client.post(link)
    assert Subscriber.objects.get(email=email).status == SubscriberStatus.CONFIRMED


def test_sign_up_confirm_receive_unsubscribe_in_one_click_then_skipped(
    client, smtp_inbox, settings
):
    settings.SITE_URL = "https://verdicts.example"
    settings.DEFAULT_FROM_EMAIL = "Weekly AI Tool Verdicts <news@verdicts.example>"
    settings.NEWSLETTER_REPLY_TO = "editors@verdicts.example"
    sign_up_and_confirm(client, smtp_inbox, "reader@example.com")
    sign_up_and_confirm(client, smtp_inbox, "stays@example.com")
    client.post("/newsletter/", {"email": "never-confirms@example.com"})

    call_command("send_digest", "--week", "2026-W48", stdout=StringIO())
    digest = smtp_inbox.to("reader@example.com")[-1]
    assert digest["Subject"] == "Weekly AI Tool Verdicts: 23 to 29 November 2026"
    assert digest["From"] == "Weekly AI Tool Verdicts <news@verdicts.example>"
    assert digest["Reply-To"] == "editors@verdicts.example"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<https://verdicts\.example(/newsletter/unsubscribe/[\w-]+/)>", digest["List-Unsubscribe"]
    )
    assert unsubscribe, digest["List-Unsubscribe"]
    assert digest.get_body(preferencelist=("plain",)) is not None
    assert "<img" not in digest.get_body(preferencelist=("html",)).get_content()
    assert len(smtp_inbox.to("never-confirms@example.com")) == 1  # its confirmation only

    # RFC 8058: the mail provider POSTs, with no cookie and no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        unsubscribe.group(1),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert (
        Subscriber.objects.get(email="reader@example.com").status == SubscriberStatus.UNSUBSCRIBED
    )

    call_command("send_digest", "--week", "2026-W49", stdout=StringIO())
    assert len(smtp_inbox.to("reader@example.com")) == 2  # confirmation and one digest
    assert [m["Subject"] for m in smtp_inbox.to("stays@example.com")][1:] == [
        "Weekly AI Tool Verdicts: 23 to 29 November 2026",
        "Weekly AI Tool Verdicts: 30 November to 6 December 2026",
    ]
