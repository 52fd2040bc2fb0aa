"""Writes for the newsletter: sign-up, confirmation, unsubscribe, composing and sending digests."""

import email.policy
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from compare.models import FeaturedComparison
from compare.pairs import comparison_path
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestItem,
    DigestItemKind,
    Subscriber,
    SubscriberStatus,
)
from newsletter.weeks import week_bounds, week_label
from tools.models import Tool
from votes.models import Vote

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletter.confirm"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # three days
BATCH_SIZE = 50
MOVERS = 3


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps({"email": subscriber.email}, salt=CONFIRM_SALT, compress=True)


def email_of_confirmation(token: str, *, max_age: int | None = CONFIRM_MAX_AGE) -> str:
    """The address a confirmation link is for; raises signing.SignatureExpired or BadSignature."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)["email"]


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[subscriber.unsubscribe_token]))


class NewsletterMessage(EmailMultiAlternatives):
    """An email whose long header lines stay as they are.

    The email package folds a header line longer than 78 characters, and a
    one-word URL can only be folded by RFC 2047 encoding, which turns the
    List-Unsubscribe URL into something no mail provider parses. RFC 5322
    allows lines up to 998 characters.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def _message(*, subject: str, to: str, template: str, context: dict, unsubscribe: str = ""):
    headers = {}
    if unsubscribe:
        # RFC 8058: mail providers offer a one-click unsubscribe that POSTs here.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    context = {**context, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
    message = NewsletterMessage(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[settings.NEWSLETTER_REPLY_TO],
        headers=headers,
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_send(subscriber: Subscriber) -> None:
    link = absolute(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))
    _message(
        subject="Confirm your subscription to Weekly AI Tool Verdicts",
        to=subscriber.email,
        template="confirm",
        context={"confirm_url": link},
    ).send()
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())


def subscriber_sign_up(*, email: str, source: str = "") -> None:
    """Sign an address up, or re-send its confirmation. Says nothing about what it found.

    A confirmed address is left alone; a pending one gets its confirmation again;
    an unsubscribed one must confirm anew before it is mailed.
    """
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"source": source[:200]}
        )
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.save(update_fields=["status"])
    transaction.on_commit(lambda: confirmation_send(subscriber))


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address in a (fresh, untampered) link; confirming twice is harmless."""
    email = email_of_confirmation(token)
    subscriber = Subscriber.objects.get(email=email)
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    """Suppress the address behind an unsubscribe token; None for an unknown token."""
    subscriber = Subscriber.objects.filter(unsubscribe_token=token).first()
    if subscriber and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def digest_items_for_week(week: str) -> list[DigestItem]:
    """The week's verdicts, featured comparisons and community movers, unsaved, in order."""
    start, end = week_bounds(week)
    items = []
    verdict_tools = (
        Tool.objects.published()
        .filter(panel_reviews__created_at__gte=start, panel_reviews__created_at__lt=end)
        .distinct()
        .with_panel()
        .order_by("name")
    )
    for tool in verdict_tools:
        panel = tool.panel
        items.append(
            DigestItem(
                kind=DigestItemKind.VERDICT,
                title=f"{tool.name}: {panel.verdict_label} ({panel.counts_label})",
                summary=tool.tagline,
                path=tool.get_absolute_url(),
            )
        )
    featured = (
        FeaturedComparison.objects.published()
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("left", "right")
    )
    for pair in featured:
        items.append(
            DigestItem(
                kind=DigestItemKind.FEATURED,
                title=f"{pair.left.name} vs {pair.right.name}",
                summary=pair.note,
                path=comparison_path(pair.left.slug, pair.right.slug),
            )
        )
    movers = (
        Vote.objects.filter(updated_at__gte=start, updated_at__lt=end, tool__is_published=True)
        .values("tool__name", "tool__slug")
        .annotate(
            votes=Count("pk"),
            ship=Count("pk", filter=Q(value="ship")),
        )
        .order_by("-votes", "tool__name")[:MOVERS]
    )
    for row in movers:
        share = round(100 * row["ship"] / row["votes"])
        items.append(
            DigestItem(
                kind=DigestItemKind.COMMUNITY,
                title=f"{row['tool__name']}: {row['votes']} community votes this week",
                summary=f"{share}% of this week's votes said ship.",
                path=reverse("tools:detail", args=[row["tool__slug"]]),
            )
        )
    for position, item in enumerate(items):
        item.position = position
    return items


@transaction.atomic
def digest_compose(*, week: str) -> tuple[DigestIssue, bool]:
    """The week's issue, composed now unless it exists (an editor may have shaped it)."""
    issue, created = DigestIssue.objects.get_or_create(week=week)
    if created:
        items = digest_items_for_week(week)
        for item in items:
            item.issue = issue
        DigestItem.objects.bulk_create(items)
    return issue, created


def digest_message(issue: DigestIssue, subscriber: Subscriber) -> EmailMultiAlternatives:
    return _message(
        subject=f"Weekly AI Tool Verdicts: {week_label(issue.week)}",
        to=subscriber.email,
        template="digest",
        context={
            "issue": issue,
            "items": list(issue.items.all()),
            "week": week_label(issue.week),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "archive_url": absolute(reverse("newsletter:issue", args=[issue.week])),
        },
        unsubscribe=unsubscribe_url(subscriber),
    )


def recipients(issue: DigestIssue):
    """Confirmed subscribers without a finished delivery of this issue, streamed by id."""
    done = Delivery.objects.filter(issue=issue).exclude(status=DeliveryStatus.CLAIMED)
    return (
        Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
        .exclude(pk__in=done.values("subscriber_id"))
        .order_by("pk")
        .iterator(chunk_size=500)
    )


def _claim(issue: DigestIssue, subscriber: Subscriber) -> Delivery | None:
    """Record that this copy is being sent; None if it was already sent or failed."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                issue=issue, subscriber=subscriber, status=DeliveryStatus.CLAIMED
            )
    except IntegrityError:
        # A run that died after claiming never marked the copy: it was not sent.
        delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
        return delivery if delivery.status == DeliveryStatus.CLAIMED else None


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0


def digest_send(*, issue: DigestIssue) -> SendReport:
    """Send the issue to every confirmed subscriber who has not had it, in batches.

    Each copy is claimed (a unique row) before it goes and marked after, so a run
    that stops part-way and runs again sends each subscriber exactly one copy. A
    recipient the server refuses is marked failed and the run goes on.
    """
    report = SendReport()
    batch = []
    for subscriber in recipients(issue):
        batch.append(subscriber)
        if len(batch) == BATCH_SIZE:
            _send_batch(issue, batch, report)
            batch = []
    if batch:
        _send_batch(issue, batch, report)
    if issue.sent_at is None:
        DigestIssue.objects.filter(pk=issue.pk).update(sent_at=timezone.now())
    return report


def _send_batch(issue: DigestIssue, subscribers: list[Subscriber], report: SendReport) -> None:
    # One connection for the whole batch.
    with mailers.default as connection:
        for subscriber in subscribers:
            delivery = _claim(issue, subscriber)
            if delivery is None:
                continue
            try:
                connection.send_messages([digest_message(issue, subscriber)])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                delivery.status, delivery.error = DeliveryStatus.FAILED, str(error)[:500]
                report.failed += 1
                logger.warning(
                    "Digest %s to subscriber %s refused: %s", issue.week, subscriber.pk, error
                )
            else:
                delivery.status = DeliveryStatus.SENT
                report.sent += 1
            delivery.finished_at = timezone.now()
            delivery.save(update_fields=["status", "error", "finished_at"])
