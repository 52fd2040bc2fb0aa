"""Subscribers, the weekly digest issues with their items, and one delivery row per copy sent."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from newsletter.weeks import week_bounds


def unsubscribe_token_new() -> str:
    return secrets.token_urlsafe(32)


def iso_week_validator(value: str) -> None:
    try:
        week_bounds(value)
    except ValueError as error:
        raise ValidationError("Enter an ISO week like 2026-W48.") from error


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed (suppressed)"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Addresses that confirmed and have not left: the only ones digests go to."""
        return self.filter(status=SubscriberStatus.CONFIRMED)


class Subscriber(models.Model):
    """An address that signed up. Unsubscribed addresses stay, suppressed, never mailed."""

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    status = models.CharField(
        max_length=12, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    source = models.CharField("signed up on", max_length=200, blank=True)
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=unsubscribe_token_new, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SubscriberStatus.values), name="subscriber_status_is_known"
            )
        ]

    def __str__(self):
        return self.email


class DigestIssueQuerySet(models.QuerySet):
    def sent(self):
        """Issues whose send has finished: the public archive."""
        return self.filter(sent_at__isnull=False)


class DigestIssue(models.Model):
    """One week's "Weekly AI Tool Verdicts", composed automatically and shaped by an editor."""

    week = models.CharField(
        max_length=8,
        unique=True,
        validators=[iso_week_validator],
        help_text="ISO week, e.g. 2026-W48. The issue is composed from that week's activity.",
    )
    intro = models.TextField(blank=True, help_text="The editor's opening paragraph.")
    composed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the send finished; then the issue is public."
    )
    # The send lease: the one run allowed to send this issue now, and until
    # when (the database's clock). A run renews it as it goes; a run that
    # died leaves it to go stale, and only then may another run take over.
    send_owner = models.CharField(max_length=32, blank=True, editable=False)
    send_lease_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DigestIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-week"]

    def __str__(self):
        return f"Weekly AI Tool Verdicts, {self.week}"

    def get_absolute_url(self):
        return reverse("newsletter:issue", args=[self.week])


class DigestItemKind(models.TextChoices):
    VERDICT = "verdict", "New verdict"
    FLIP = "flip", "Verdict flip"
    FEATURED = "featured", "Featured comparison"
    COMMUNITY = "community", "Community mover"


class DigestItem(models.Model):
    issue = models.ForeignKey(DigestIssue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=DigestItemKind.choices)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    path = models.CharField(
        max_length=200, help_text="Where the item links on the site, e.g. /tools/patchwright/."
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DigestItemKind.values), name="digest_item_kind_is_known"
            ),
            # Links are site paths; SITE_URL makes them absolute in emails.
            models.CheckConstraint(
                condition=Q(path__startswith="/"),
                name="digest_item_path_is_site_path",
                violation_error_message="Enter a path on this site, starting with /.",
            ),
        ]

    def __str__(self):
        return self.title


class DeliveryStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed (sending)"
    # The server answered "not now" (4xx) or the connection went: sent again later.
    RETRY = "retry", "Waiting to retry"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    """One issue to one subscriber: claimed before sending, marked after, never twice."""

    issue = models.ForeignKey(DigestIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=DeliveryStatus.choices)
    claimed_at = models.DateTimeField(auto_now_add=True)
    # The run (its send lease's owner) that claimed the copy last.
    claimed_by = models.CharField(max_length=32, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_one_per_issue_and_subscriber"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="delivery_status_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.issue.week} to {self.subscriber_id}: {self.status}"
