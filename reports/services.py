"""Writes on readers' reports: a reader files one, an editor resolves or dismisses it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reports.models import Report, ReportQuerySet, ReportStatus
from tools.models import Tool


def report_submit(*, tool: Tool, reason: str, text: str = "") -> Report:
    """File a reader's report on a published tool's listing.

    Raises ValidationError for an unknown reason, a text too long, or "something
    else" without a text. No public page shows reports: nothing is invalidated.
    """
    if not tool.is_published:
        raise ValidationError("Only a published tool's listing can be reported.")
    report = Report(tool=tool, reason=reason, text=text.strip())
    # The tool is the caller's (a selector has read it); the constraints hold by construction.
    report.full_clean(exclude=["tool", "closed_by"], validate_constraints=False)
    with transaction.atomic():
        report.save()
    return report


def reports_close(*, reports: ReportQuerySet, status: str, by) -> int:
    """Close the open reports among `reports` with `status`, recording when and by whom.

    Reports closed already keep their first closing; returns how many were closed.
    """
    if status == ReportStatus.OPEN:
        raise ValueError("Closing a report needs a closed status.")
    with transaction.atomic():
        return reports.open().update(status=status, closed_at=timezone.now(), closed_by=by)


def report_resolve(*, reports: ReportQuerySet, by) -> int:
    """The listing was wrong and an editor has put it right."""
    return reports_close(reports=reports, status=ReportStatus.RESOLVED, by=by)


def report_dismiss(*, reports: ReportQuerySet, by) -> int:
    """The listing was right, or the report was noise."""
    return reports_close(reports=reports, status=ReportStatus.DISMISSED, by=by)
