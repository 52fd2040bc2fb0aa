from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tools.models import Tool

# A sentence or two: what is wrong, perhaps where the right figure is shown.
TEXT_MAX_LENGTH = 500


class ReportReason(models.TextChoices):
    WRONG_PRICE = "wrong_price", "Wrong price"
    WRONG_TIER = "wrong_tier", "Wrong entry tier (free, paid, open source)"
    DISCONTINUED = "discontinued", "The tool is discontinued"
    OTHER = "other", "Something else"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


def report_text_problem(*, reason: str, text: str) -> str | None:
    """Why this text will not do for this reason, or None: "something else" must say what."""
    if reason == ReportReason.OTHER and not text.strip():
        return "Say in a few words what is wrong."
    return None


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no editor has resolved or dismissed yet."""
        return self.filter(status=ReportStatus.OPEN)


class Report(models.Model):
    """A reader's note that a listing is wrong; editors resolve or dismiss it."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    text = models.CharField(max_length=TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When and by whom it was resolved or dismissed.
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The editors' queue and the admin index's count read only open reports.
            models.Index(
                fields=["-created_at"],
                condition=Q(status=ReportStatus.OPEN),
                name="report_open_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=ReportStatus.OPEN) & Q(closed_at__isnull=False)),
                name="report_closed_at_iff_closed",
            ),
        ]

    def __str__(self):
        return f"{self.tool}: {self.get_reason_display()}"

    def clean(self):
        problem = report_text_problem(reason=self.reason, text=self.text)
        if problem:
            raise ValidationError({"text": problem})
