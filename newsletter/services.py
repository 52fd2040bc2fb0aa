"""Writes for the newsletter: sign-up, confirmation, unsubscribe, composing and sending digests."""

import fcntl
import hashlib
import logging
import smtplib
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import timedelta
from enum import StrEnum
from functools import partial
from itertools import batched
from pathlib import Path

from django.conf import settings
from django.core.mail import mailers
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from newsletter import selectors
from newsletter.digest import digest_items
from newsletter.emails import confirmation_message, digest_content, digest_message
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestItem,
    Subscriber,
    SubscriberStatus,
)
from newsletter.tokens import confirmation_claim

logger = logging.getLogger(__name__)

# Copies sent over one SMTP connection before it is closed and a new one opened.
BATCH_SIZE = 50


class Outcome(StrEnum):
    """What a failed send means for the copy."""

    # The server refused this copy for good (5xx): recorded with its answer.
    REFUSED = "refused"
    # "Not now" (4xx: greylisting, throttling, 421 closing) or a lost
    # connection: the copy is sent again later in the run, or by the next run.
    LATER = "later"


# Errors after which the connection cannot be used again.
CONNECTION_LOST = (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError)
SERVER_CLOSING = 421


def smtp_outcome(error: Exception) -> Outcome:
    """What a failed send means for the copy: refused for good, or to be tried again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return Outcome.REFUSED if codes and all(code >= 500 for code in codes) else Outcome.LATER
    if isinstance(error, smtplib.SMTPResponseException):
        return Outcome.REFUSED if error.smtp_code >= 500 else Outcome.LATER
    return Outcome.LATER


def connection_lost(error: Exception) -> bool:
    """Whether the connection is gone after this error (smtplib closes it on a 421)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code == SERVER_CLOSING for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == SERVER_CLOSING
    return isinstance(error, CONNECTION_LOST) or not isinstance(error, smtplib.SMTPException)


class SendInProgress(Exception):
    """Another run is sending this issue right now."""


class ConfirmationWithdrawn(Exception):
    """The address unsubscribed after the link was sent; it must sign up again."""


def email_normalize(email: str) -> str:
    return email.strip().lower()


def subscriber_sign_up(*, email: str, source: str = "") -> None:
    """Sign an address up, or re-send its confirmation. Says nothing about what it found.

    A confirmed address is left alone. A new, waiting or unsubscribed address is
    (again) waiting and gets a confirmation link, at most one every
    NEWSLETTER_RESEND_SECONDS: a form cannot be used to flood someone's inbox.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email_normalize(email), defaults={"source": source[:200]}
        )
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return
        resend_after = timedelta(seconds=settings.NEWSLETTER_RESEND_SECONDS)
        sent_at = subscriber.confirmation_sent_at
        if not created and sent_at and now - sent_at < resend_after:
            return
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.source = source[:200]
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["status", "source", "confirmation_sent_at"])
        transaction.on_commit(partial(confirmation_send, subscriber=subscriber))


def confirmation_send(*, subscriber: Subscriber) -> None:
    """Email the confirmation link.

    A failure is logged, not raised: the reader's answer must stay the same
    whether or not an email was due, or it would tell who is subscribed.
    """
    try:
        mailers.default.send_messages([confirmation_message(subscriber)])
    except (smtplib.SMTPException, OSError, ValueError):
        logger.exception("The confirmation email to subscriber %s was not sent", subscriber.pk)


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address in a fresh, untampered link; confirming twice is harmless.

    Raises signing.SignatureExpired / BadSignature for a bad link,
    Subscriber.DoesNotExist for an unknown subscriber and ConfirmationWithdrawn
    for one that has unsubscribed since the link was sent (an old link never
    lifts suppression, even after a new sign-up).
    """
    claim = confirmation_claim(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=claim.subscriber_id)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED or not claim.matches(subscriber):
            raise ConfirmationWithdrawn(subscriber.pk)
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    """Suppress the address behind an unsubscribe token at once; None for an unknown token."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(unsubscribe_token=token).first()
        if subscriber and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def _items_compose(issue: DigestIssue) -> None:
    activity = selectors.week_activity(week=issue.week)
    drafts = digest_items(
        verdicts=activity.verdicts, featured=activity.featured, movers=activity.movers
    )
    DigestItem.objects.bulk_create(
        DigestItem(issue=issue, position=position, **asdict(draft))
        for position, draft in enumerate(drafts)
    )


def digest_compose(*, week: str) -> tuple[DigestIssue, bool]:
    """The week's issue: the existing one (an editor may have shaped it), else composed now."""
    with transaction.atomic():
        issue, created = DigestIssue.objects.get_or_create(week=week)
        if created:
            _items_compose(issue)
    return issue, created


def digest_items_fill(*, issue: DigestIssue) -> None:
    """Give a new issue the week's automatic selection (the admin's add form saves it first)."""
    with transaction.atomic():
        _items_compose(issue)


def digest_recompose(*, issue: DigestIssue) -> None:
    """Replace an unsent issue's items with the week's selection as it is now (keeps the intro)."""
    with transaction.atomic():
        issue = DigestIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.sent_at is not None:
            raise ValueError(f"The issue for {issue.week} has been sent; it cannot change.")
        issue.items.all().delete()
        _items_compose(issue)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    # Copies the server put off ("not now") more often than the run retries.
    retrying: int = 0
    already_sent: bool = False


# The first key of this app's PostgreSQL advisory locks ("NL"); the second is the issue id.
LOCK_NAMESPACE = 0x4E4C


@contextmanager
def _one_run_at_a_time(issue: DigestIssue) -> Iterator[None]:
    """Hold the send lock for this issue, or raise SendInProgress.

    Two runs at once (a cron and an editor's click) would both take over the
    same claimed copies. The lock dies with the process that holds it, so a
    crashed run never blocks the run that resumes it: a session-level advisory
    lock on PostgreSQL; with SQLite (development only), a file lock in the
    temporary directory, one for all issues.
    """
    busy = SendInProgress(f"The issue for {issue.week} is being sent by another run.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s::int, %s::int)", [LOCK_NAMESPACE, issue.pk]
            )
            (locked,) = cursor.fetchone()
        if not locked:
            raise busy
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s::int, %s::int)", [LOCK_NAMESPACE, issue.pk]
                )
        return
    database = hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"newsletter-digest-{database}.lock"
    with lock_path.open("w") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise busy from error
        yield


def digest_send(*, issue: DigestIssue) -> SendReport:
    """Send the issue to every confirmed subscriber who has not had it, in batches.

    Each copy is claimed (a row unique per issue and subscriber) before it goes
    and marked after, so a run that stops part-way and runs again sends each
    subscriber exactly one copy. A copy the server refuses for good (5xx) is
    marked failed with its answer; one it puts off (4xx) or that a dropped
    connection interrupted is tried again, DIGEST_RETRY_ROUNDS times with a
    growing pause, and is left for the next run after that. The issue counts
    as sent once no copy is left to try; running it again then sends nothing.
    """
    with _one_run_at_a_time(issue):
        issue.refresh_from_db(fields=["sent_at"])
        if issue.sent_at is not None:
            return SendReport(already_sent=True)
        content = digest_content(issue)
        report = SendReport()
        _send_all(issue, content, selectors.digest_recipients(issue=issue), report)
        for round_number in range(settings.DIGEST_RETRY_ROUNDS):
            later = list(selectors.digest_retry_recipients(issue=issue))
            if not later:
                break
            time.sleep(settings.DIGEST_RETRY_SECONDS * 2**round_number)
            _send_all(issue, content, later, report)
        report.retrying = selectors.digest_retry_count(issue=issue)
        if report.retrying == 0:
            DigestIssue.objects.filter(pk=issue.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
        issue.refresh_from_db(fields=["sent_at"])
    return report


def _send_all(issue, content, subscribers, report: SendReport) -> None:
    for batch in batched(subscribers, BATCH_SIZE):
        # One connection per batch: opened on entering, closed on leaving.
        with mailers.default as mailer:
            for subscriber in batch:
                if _deliver(issue, content, subscriber, mailer, report):
                    # The server went away: the rest of the batch gets a new connection.
                    mailer.close()
                    mailer.open()


def _claim(issue: DigestIssue, subscriber: Subscriber) -> Delivery | None:
    """Record that this copy is going out; None if it already went (or was refused)."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                issue=issue, subscriber=subscriber, status=DeliveryStatus.CLAIMED
            )
    except IntegrityError:
        # Claimed by a run that stopped before marking it (the copy never left,
        # or left just as the run died, the one window no sender can close), or
        # put off by the server: either way it is sent now.
        delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
        unfinished = (DeliveryStatus.CLAIMED, DeliveryStatus.RETRY)
        return delivery if delivery.status in unfinished else None


def _deliver(issue, content, subscriber, mailer, report: SendReport) -> bool:
    """Send one copy and record how it went; True when the connection was lost."""
    delivery = _claim(issue, subscriber)
    if delivery is None:
        return False
    lost = False
    delivery.attempts += 1
    try:
        mailer.send_messages([digest_message(content, subscriber)])
    except (smtplib.SMTPException, OSError) as error:
        outcome, lost = smtp_outcome(error), connection_lost(error)
        delivery.error = str(error)[:500]
        if outcome == Outcome.REFUSED:
            delivery.status = DeliveryStatus.FAILED
            delivery.finished_at = timezone.now()
            report.failed += 1
            logger.warning(
                "Digest %s to subscriber %s refused: %s", issue.week, subscriber.pk, error
            )
        else:
            delivery.status = DeliveryStatus.RETRY
            logger.info("Digest %s to %s put off: %s", issue.week, subscriber.pk, error)
    else:
        delivery.status, delivery.error = DeliveryStatus.SENT, ""
        delivery.finished_at = timezone.now()
        report.sent += 1
    delivery.save(update_fields=["status", "error", "finished_at", "attempts"])
    return lost
