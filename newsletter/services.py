"""Writes for the newsletter: sign-up, confirmation, unsubscribe, composing and sending digests."""

import logging
import smtplib
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import timedelta
from enum import StrEnum
from functools import partial
from itertools import batched

from django.conf import settings
from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, Q
from django.db.models.functions import Now
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
from plumbing.pagecache import catalog_changed

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
    """Another run holds this issue's send lease."""


class LeaseLost(Exception):
    """This run's send lease went stale and another run took it over."""


class ConfirmationWithdrawn(Exception):
    """The address unsubscribed after the link was sent; it must sign up again."""


def email_normalize(email: str) -> str:
    return email.strip().lower()


def subscriber_sign_up(*, email: str, source: str = "") -> int | None:
    """Sign an address up; the id of the subscriber now owed a confirmation link, else None.

    A confirmed address is left alone. A new, waiting or unsubscribed address is
    (again) waiting and is owed a link; confirmation_send decides whether one
    goes now. Runs on the task worker (newsletter.tasks), never in the reader's
    request, so the request looks the same whatever the address was.
    """
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=email_normalize(email), defaults={"source": source[:200]}
        )
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return None
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.source = source[:200]
            subscriber.save(update_fields=["status", "source"])
    return subscriber.pk


def confirmation_send(*, subscriber_id: int) -> bool:
    """Email the confirmation link to a subscriber who still waits for one; True if it went.

    At most one link every NEWSLETTER_RESEND_SECONDS, so a form cannot flood
    anyone's inbox: repeat sign-ups, and the tasks they queued while the mail
    server was down, find the link sent and send nothing. The row stays locked
    while the server answers, so two such tasks never both send. A mailer
    error is raised for the caller to retry or record.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(pk=subscriber_id, status=SubscriberStatus.PENDING)
            .first()
        )
        if subscriber is None:
            return False
        sent_at = subscriber.confirmation_sent_at
        resend_after = timedelta(seconds=settings.NEWSLETTER_RESEND_SECONDS)
        if sent_at and timezone.now() - sent_at < resend_after:
            return False
        mailers.default.send_messages([confirmation_message(subscriber)])
        subscriber.confirmation_sent_at = timezone.now()
        subscriber.save(update_fields=["confirmation_sent_at"])
    return True


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
        verdicts=activity.verdicts,
        featured=activity.featured,
        movers=activity.movers,
        flips=activity.flips,
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
    # Why this run took nothing (or stopped): another run holds the lease.
    busy: str = ""


class SendLease:
    """The right to send one issue, held by one run at a time, with an expiry.

    Taken with one conditional UPDATE (free, or stale), so of two runs racing
    for it exactly one wins, on PostgreSQL and SQLite alike. Expiry is on the
    database's clock, so the machines' clocks need not agree. The holder
    renews it well before it runs out and checks, with each renewal, that it
    still holds it: a run that stalled past its lease and was taken over
    stops instead of sending beside the new holder. A run that dies keeps
    the lease until it is stale (DIGEST_LEASE_SECONDS), and only then can
    another run take over its claimed copies.
    """

    def __init__(self, issue: DigestIssue):
        self.issue = issue
        self.owner = uuid.uuid4().hex
        self.seconds = settings.DIGEST_LEASE_SECONDS
        self._renewed = 0.0

    def _until(self):
        return ExpressionWrapper(
            Now() + timedelta(seconds=self.seconds), output_field=DateTimeField()
        )

    def take(self) -> bool:
        """Hold the lease of an unsent issue (True); False if it has been sent.

        Raises SendInProgress when a live run holds it.
        """
        free = Q(send_lease_expires_at__isnull=True) | Q(send_lease_expires_at__lt=Now())
        taken = DigestIssue.objects.filter(free, pk=self.issue.pk, sent_at__isnull=True).update(
            send_owner=self.owner, send_lease_expires_at=self._until()
        )
        if not taken:
            sent_at, holder = DigestIssue.objects.values_list(
                "sent_at", "send_lease_expires_at"
            ).get(pk=self.issue.pk)
            if sent_at is not None:
                self.issue.sent_at = sent_at
                return False
            raise SendInProgress(
                f"The issue for {self.issue.week} is being sent by another run "
                f"(its lease runs until {holder:%Y-%m-%d %H:%M:%S %Z}); nothing to take."
            )
        self._renewed = time.monotonic()
        return True

    def keep(self) -> None:
        """Renew once a third of the lease has gone; raise LeaseLost if another run holds it."""
        if time.monotonic() - self._renewed < self.seconds / 3:
            return
        kept = DigestIssue.objects.filter(pk=self.issue.pk, send_owner=self.owner).update(
            send_lease_expires_at=self._until()
        )
        if not kept:
            raise LeaseLost(f"The send of {self.issue.week} was taken over by another run.")
        self._renewed = time.monotonic()

    def release(self) -> None:
        DigestIssue.objects.filter(pk=self.issue.pk, send_owner=self.owner).update(
            send_owner="", send_lease_expires_at=None
        )


def digest_send(*, issue: DigestIssue) -> SendReport:
    """Send the issue to every confirmed subscriber who has not had it, in batches.

    One run at a time holds the issue's send lease; a second run finds it held,
    takes nothing and says so (SendReport.busy). Each copy is claimed (a row
    unique per issue and subscriber) before it goes and marked after, so a run
    that stops part-way and runs again sends each subscriber exactly one copy.
    A copy the server refuses for good (5xx) is marked failed with its answer;
    one it puts off (4xx) or that a dropped connection interrupted is tried
    again, DIGEST_RETRY_ROUNDS times with a growing pause, and is left for the
    next run after that. The issue counts as sent once no copy is left to try;
    running it again then sends nothing.
    """
    lease = SendLease(issue)
    try:
        if not lease.take():
            return SendReport(already_sent=True)
    except SendInProgress as busy:
        logger.info("%s", busy)
        return SendReport(busy=str(busy))
    report = SendReport()
    try:
        content = digest_content(issue)
        send = partial(_send_all, issue, content, lease=lease, report=report)
        send(selectors.digest_recipients(issue=issue))
        for round_number in range(settings.DIGEST_RETRY_ROUNDS):
            later = list(selectors.digest_retry_recipients(issue=issue))
            if not later:
                break
            time.sleep(settings.DIGEST_RETRY_SECONDS * 2**round_number)
            send(later)
        report.retrying = selectors.digest_retry_count(issue=issue)
        if report.retrying == 0:
            finished = timezone.now()
            DigestIssue.objects.filter(pk=issue.pk).update(sent_at=finished)
            issue.sent_at = finished
            catalog_changed()  # the archive now lists it
    except LeaseLost as lost:
        logger.warning("%s", lost)
        report.busy = str(lost)
    finally:
        lease.release()
    return report


def _send_all(issue, content, subscribers, *, lease: SendLease, report: SendReport) -> None:
    for batch in batched(subscribers, BATCH_SIZE):
        # One connection per batch: opened on entering, closed on leaving.
        with mailers.default as mailer:
            for subscriber in batch:
                lease.keep()
                if _deliver(issue, content, subscriber, mailer, lease.owner, report):
                    # The server went away: the rest of the batch gets a new connection.
                    mailer.close()
                    mailer.open()


def _claim(issue: DigestIssue, subscriber: Subscriber, owner: str) -> Delivery | None:
    """Record that this copy is going out; None if it already went (or was refused)."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                issue=issue, subscriber=subscriber, status=DeliveryStatus.CLAIMED, claimed_by=owner
            )
    except IntegrityError:
        delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
        if delivery.status == DeliveryStatus.CLAIMED and delivery.claimed_by != owner:
            # Claimed by a run whose lease went stale before it marked the copy:
            # the copy never left, or left just as that run died, the one
            # window no sender can close. Either way it is sent now.
            logger.warning(
                "Digest %s to subscriber %s: taking over the claim of stopped run %s",
                issue.week,
                subscriber.pk,
                delivery.claimed_by or "(unknown)",
            )
        elif delivery.status != DeliveryStatus.RETRY:
            return None
        delivery.claimed_by = owner
        return delivery


def _deliver(issue, content, subscriber, mailer, owner: str, report: SendReport) -> bool:
    """Send one copy and record how it went; True when the connection was lost."""
    delivery = _claim(issue, subscriber, owner)
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
    delivery.save(update_fields=["status", "error", "finished_at", "attempts", "claimed_by"])
    return lost
