"""The two emails as a mail client gets them: multipart, headers, links, nothing remote."""

from email import message_from_bytes, policy

import pytest

from newsletter.emails import (
    confirmation_message,
    digest_content,
    digest_message,
)
from newsletter.models import DigestIssue, DigestItem, Subscriber


@pytest.fixture
def reader():
    return Subscriber(email="reader@example.com", unsubscribe_token="t" * 43)


def parsed(message):
    # As the SMTP backend puts it on the wire.
    return message_from_bytes(
        message.message(policy=policy.SMTP).as_bytes(), policy=policy.default
    )


@pytest.fixture
def issue(db):
    issue = DigestIssue.objects.create(week="2026-W48", intro="A busy week.\n\nTwo paragraphs.")
    DigestItem.objects.create(
        issue=issue,
        kind="verdict",
        title="Inkwell: Ship · 80% (4 ship / 1 skip)",
        path="/tools/inkwell/",
    )
    return issue


def test_the_digest_is_text_and_html_with_inline_styles_and_nothing_remote(
    issue, reader, settings
):
    settings.SITE_URL = "https://verdicts.example"
    wire = parsed(digest_message(digest_content(issue), reader))
    assert wire.get_content_type() == "multipart/alternative"
    text = wire.get_body(preferencelist=("plain",)).get_content()
    html = wire.get_body(preferencelist=("html",)).get_content()
    assert "Inkwell: Ship · 80% (4 ship / 1 skip)" in text
    assert "https://verdicts.example/tools/inkwell/" in text
    assert 'href="https://verdicts.example/tools/inkwell/"' in html
    assert "<p>A busy week.</p>" in html
    assert "style=" in html
    for remote in ("<img", "<link", "<script", "url(", "src="):
        assert remote not in html


def test_every_email_names_its_sender_and_reply_to_from_settings(issue, reader, settings):
    settings.DEFAULT_FROM_EMAIL = "Weekly AI Tool Verdicts <news@verdicts.example>"
    settings.NEWSLETTER_REPLY_TO = "editors@verdicts.example"
    for message in (confirmation_message(reader), digest_message(digest_content(issue), reader)):
        wire = parsed(message)
        assert wire["From"] == "Weekly AI Tool Verdicts <news@verdicts.example>"
        assert wire["Reply-To"] == "editors@verdicts.example"
        assert wire["To"] == "reader@example.com"


def test_every_email_carries_one_click_unsubscribe_headers_unfolded(issue, reader, settings):
    # A long SITE_URL makes the header line longer than the 78 characters the
    # email package would fold at.
    settings.SITE_URL = "https://newsletter.verdicts-for-ai-tools.example"
    for message in (confirmation_message(reader), digest_message(digest_content(issue), reader)):
        raw = message.message(policy=policy.SMTP).as_bytes().decode()
        url = (
            f"https://newsletter.verdicts-for-ai-tools.example/newsletter/unsubscribe/{'t' * 43}/"
        )
        assert f"List-Unsubscribe: <{url}>\r\n" in raw
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
        list_id = "weekly-verdicts.newsletter.verdicts-for-ai-tools.example"
        assert f"List-Id: Weekly AI Tool Verdicts <{list_id}>\r\n" in raw
        wire = parsed(message)
        assert url in wire.get_body(preferencelist=("plain",)).get_content()
        assert url in wire.get_body(preferencelist=("html",)).get_content()


def test_the_confirmation_links_to_a_signed_confirm_page(reader, settings):
    settings.SITE_URL = "https://verdicts.example/"
    wire = parsed(confirmation_message(reader))
    text = wire.get_body(preferencelist=("plain",)).get_content()
    assert "https://verdicts.example/newsletter/confirm/" in text
    assert wire["Subject"] == "Confirm your subscription to Weekly AI Tool Verdicts"
