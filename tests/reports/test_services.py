from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from plumbing.pagecache import catalog_version
from reports.models import TEXT_MAX_LENGTH, Report, ReportReason, ReportStatus
from reports.services import report_dismiss, report_resolve, report_submit, reports_close
from tests.factories import ReportFactory, ToolFactory


def test_a_report_is_stored_open_with_its_text_trimmed(db):
    tool = ToolFactory()
    report = report_submit(tool=tool, reason=ReportReason.WRONG_TIER, text="  Free now.  ")
    stored = Report.objects.get()
    assert stored == report
    assert (stored.tool, stored.reason, stored.text) == (tool, "wrong_tier", "Free now.")
    assert (stored.status, stored.closed_at, stored.closed_by) == ("open", None, None)


def test_a_report_leaves_the_public_pages_cache_alone(db, django_capture_on_commit_callbacks):
    tool = ToolFactory()
    tool.refresh_from_db()
    before = catalog_version(), tool.updated_at
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(tool=tool, reason=ReportReason.DISCONTINUED)
    tool.refresh_from_db()
    # Neither the pages nor the tool's own fragments are made stale.
    assert (catalog_version(), tool.updated_at) == before


@pytest.mark.parametrize(
    ("reason", "text", "field"),
    [
        ("no_such_reason", "", "reason"),
        (ReportReason.OTHER, "", "text"),
        (ReportReason.OTHER, "x" * (TEXT_MAX_LENGTH + 1), "text"),
    ],
)
def test_a_bad_report_is_refused_and_nothing_is_stored(db, reason, text, field):
    with pytest.raises(ValidationError) as refused:
        report_submit(tool=ToolFactory(), reason=reason, text=text)
    assert field in refused.value.message_dict
    assert not Report.objects.exists()


def test_an_unpublished_tool_cannot_be_reported(db):
    with pytest.raises(ValidationError):
        report_submit(tool=ToolFactory(is_published=False), reason=ReportReason.WRONG_PRICE)
    assert not Report.objects.exists()


def test_resolving_closes_open_reports_and_records_who_and_when(db):
    editor = get_user_model().objects.create_user("ed")
    first, second = ReportFactory(), ReportFactory()
    assert report_resolve(reports=Report.objects.all(), by=editor) == 2
    for report in (first, second):
        report.refresh_from_db()
        assert (report.status, report.closed_by) == (ReportStatus.RESOLVED, editor)
        assert report.closed_at is not None


def test_a_closed_report_keeps_its_first_closing(db):
    editor = get_user_model().objects.create_user("ed")
    earlier = timezone.now() - timedelta(days=3)
    resolved = ReportFactory(status=ReportStatus.RESOLVED, closed_at=earlier)
    waiting = ReportFactory()
    assert report_dismiss(reports=Report.objects.all(), by=editor) == 1
    resolved.refresh_from_db()
    waiting.refresh_from_db()
    assert (resolved.status, resolved.closed_at, resolved.closed_by) == ("resolved", earlier, None)
    assert (waiting.status, waiting.closed_by) == (ReportStatus.DISMISSED, editor)


def test_closing_needs_a_closed_status(db):
    with pytest.raises(ValueError, match="closed status"):
        reports_close(reports=Report.objects.all(), status=ReportStatus.OPEN, by=None)
