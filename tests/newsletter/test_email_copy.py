"""The emails' words: the site's and the newsletter's names are never made possessive."""

import re

from newsletter.emails import NEWSLETTER_NAME, confirmation_message, digest_content, digest_message
from newsletter.models import DigestIssue, DigestItem, Subscriber


def test_no_email_glues_an_apostrophe_s_to_a_name(db, settings):
    # A site name that already ends in s shows "Verdicts's" at its worst.
    settings.SITE_NAME = "AI Tool Verdicts"
    issue = DigestIssue.objects.create(week="2026-W48", intro="Hello.")
    DigestItem.objects.create(issue=issue, kind="verdict", title="Inkwell", path="/tools/i/")
    reader = Subscriber(email="reader@example.com", unsubscribe_token="t" * 43)
    names = f"{re.escape(settings.SITE_NAME)}|{re.escape(NEWSLETTER_NAME)}"
    apostrophe = "['\u2019]|&#x27;|&#39;|&rsquo;|&#8217;"
    possessive = re.compile(rf"(?:{names})(?:{apostrophe})s\b", re.IGNORECASE)
    for message in (confirmation_message(reader), digest_message(digest_content(issue), reader)):
        html = message.alternatives[0].content
        for text in (message.subject, message.body, html):
            assert settings.SITE_NAME in message.body + html
            assert not possessive.search(text), possessive.search(text)
