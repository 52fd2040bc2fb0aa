"""Sign-up to unsubscribe against a real SMTP server on loopback."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from newsletter.models import Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_confirm_receive_unsubscribe_in_one_click_then_skipped(client, smtp_inbox, settings):
    settings.SITE_URL = "http://testserver"
    client.post("/newsletter/", {"email": "reader@example.com", "website": ""})
    confirmation = smtp_inbox.to("reader@example.com")[0]
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://testserver(/newsletter/confirm/\S+/)", text).group(1)

    assert "Confirm my subscription" in client.get(link).content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # a GET changes nothing
    client.post(link)
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    call_command("send_digest", "--week", "2026-W48", stdout=StringIO())
    digest = smtp_inbox.to("reader@example.com")[-1]
    assert digest["Subject"].startswith("Weekly AI Tool Verdicts")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<http://testserver(/newsletter/unsubscribe/\S+/)>", digest["List-Unsubscribe"]
    )
    assert unsubscribe, digest["List-Unsubscribe"]
    assert digest.get_body(preferencelist=("html",)) is not None
    assert "<img" not in digest.get_body(preferencelist=("html",)).get_content()

    # RFC 8058: the mail provider POSTs without cookie or CSRF token.
    from django.test import Client

    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        unsubscribe.group(1),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED

    before = len(smtp_inbox.messages)
    call_command("send_digest", "--week", "2026-W49", stdout=StringIO())
    assert len(smtp_inbox.messages) == before
