"""The newsletter's two emails, built for one recipient.

Each is plain text with an HTML alternative (styles written inline: mail
clients ignore style sheets, and no remote image or tracker is ever
referenced), From and Reply-To from settings, and the RFC 8058 one-click
unsubscribe headers. Links are absolute, on SITE_URL.
"""

import email.policy
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter.models import DigestIssue, DigestItem, Subscriber
from newsletter.tokens import confirmation_token
from newsletter.weeks import week_label

NEWSLETTER_NAME = "Weekly AI Tool Verdicts"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[subscriber.unsubscribe_token]))


def confirmation_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))


class NewsletterMessage(EmailMultiAlternatives):
    """An email whose long header lines stay whole.

    The email package folds a header line longer than 78 characters, and a
    one-word URL can only be folded by RFC 2047 encoding, which turns the
    List-Unsubscribe URL into something no mail provider parses. RFC 5322
    allows lines up to 998 characters.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2919 List-Id and RFC 8058 one-click unsubscribe, for this subscriber."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return {
        "List-Id": f"{NEWSLETTER_NAME} <weekly-verdicts.{host}>",
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def newsletter_message(
    *, subject: str, subscriber: Subscriber, template: str, context: dict
) -> NewsletterMessage:
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        "unsubscribe_url": unsubscribe_url(subscriber),
    }
    message = NewsletterMessage(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        reply_to=[settings.NEWSLETTER_REPLY_TO],
        headers=list_headers(subscriber),
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_message(subscriber: Subscriber) -> NewsletterMessage:
    return newsletter_message(
        subject=f"Confirm your subscription to {NEWSLETTER_NAME}",
        subscriber=subscriber,
        template="confirm",
        context={"confirm_url": confirmation_url(subscriber)},
    )


@dataclass(frozen=True)
class DigestContent:
    """What every copy of an issue shares, read once per send."""

    week: str
    label: str
    intro: str
    items: list[DigestItem]

    @property
    def subject(self) -> str:
        return f"{NEWSLETTER_NAME}: {self.label}"


def digest_content(issue: DigestIssue) -> DigestContent:
    """The issue and its items as every copy shows them (one query)."""
    return DigestContent(
        week=issue.week,
        label=week_label(issue.week),
        intro=issue.intro,
        items=list(issue.items.all()),
    )


def digest_message(content: DigestContent, subscriber: Subscriber) -> NewsletterMessage:
    return newsletter_message(
        subject=content.subject,
        subscriber=subscriber,
        template="digest",
        context={
            "label": content.label,
            "intro": content.intro,
            "items": content.items,
            "archive_url": absolute(reverse("newsletter:issue", args=[content.week])),
        },
    )
