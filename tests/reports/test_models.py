import pytest
from django.db import IntegrityError
from django.utils import timezone

from reports.models import Report, ReportReason, ReportStatus, report_text_problem
from tests.factories import ReportFactory


@pytest.mark.parametrize(
    ("reason", "text", "problem"),
    [
        (ReportReason.OTHER, "", True),
        (ReportReason.OTHER, "   \n ", True),
        (ReportReason.OTHER, "The tool was renamed Batonette Pro.", False),
        (ReportReason.WRONG_PRICE, "", False),
        (ReportReason.DISCONTINUED, "", False),
    ],
)
def test_only_something_else_needs_a_text(reason, text, problem):
    assert bool(report_text_problem(reason=reason, text=text)) is problem


def test_open_reports_are_the_ones_no_editor_has_closed(db):
    waiting = ReportFactory()
    ReportFactory(status=ReportStatus.RESOLVED, closed_at=timezone.now())
    ReportFactory(status=ReportStatus.DISMISSED, closed_at=timezone.now())
    assert list(Report.objects.open()) == [waiting]


@pytest.mark.parametrize(
    ("status", "closed"),
    [(ReportStatus.OPEN, True), (ReportStatus.RESOLVED, False), (ReportStatus.DISMISSED, False)],
)
def test_the_database_holds_closed_at_to_the_status(db, status, closed):
    with pytest.raises(IntegrityError):
        ReportFactory(status=status, closed_at=timezone.now() if closed else None)
