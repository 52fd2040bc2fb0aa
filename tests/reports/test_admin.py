"""Editors work through readers' reports in the admin: open ones first, closed by actions."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.models import Report, ReportStatus
from tests.factories import ReportFactory, ToolFactory

CHANGELIST = "/admin/reports/report/"


@pytest.fixture
def reports(db):
    relay = ToolFactory(name="Relaykit")
    baton = ToolFactory(name="Batonette")
    return {
        "open": ReportFactory(tool=relay, text="The paid plan is $12 now."),
        "other": ReportFactory(tool=baton, reason="other", text="It was renamed Baton."),
        "resolved": ReportFactory(
            tool=baton,
            text="Fixed long ago.",
            status=ReportStatus.RESOLVED,
            closed_at=timezone.now(),
        ),
    }


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request, admin_client, editor_client):
    """The admin as a superuser, and as an editor holding only the Editors group's rights."""
    return admin_client if request.param == "superuser" else editor_client


def test_the_list_shows_open_reports_unless_asked_for_others(staff_client, reports):
    html = staff_client.get(CHANGELIST).content.decode()
    assert "The paid plan is $12 now." in html
    assert "It was renamed Baton." in html
    assert "Fixed long ago." not in html
    assert "Relaykit" in html
    assert "Something else" in html  # the reason, in words
    every = staff_client.get(f"{CHANGELIST}?status=all").content.decode()
    assert "Fixed long ago." in every
    # Under "All" the open reports still come first.
    assert every.index("It was renamed Baton.") < every.index("Fixed long ago.")
    closed = staff_client.get(f"{CHANGELIST}?status=resolved").content.decode()
    assert "Fixed long ago." in closed
    assert "The paid plan is $12 now." not in closed


@pytest.mark.parametrize(
    ("action", "status", "verb"),
    [("mark_resolved", "resolved", "marked resolved"), ("dismiss", "dismissed", "dismissed")],
)
def test_an_action_closes_the_selected_reports(staff_client, reports, action, status, verb):
    chosen = [reports["open"].pk, reports["resolved"].pk]
    response = staff_client.post(
        f"{CHANGELIST}?status=all",
        {"action": action, "_selected_action": chosen},
        follow=True,
    )
    html = response.content.decode()
    assert f"1 report {verb}. 1 closed already kept their status." in html
    closed = Report.objects.get(pk=reports["open"].pk)
    assert closed.status == status
    assert closed.closed_by == get_user_model().objects.get(pk=response.wsgi_request.user.pk)
    assert Report.objects.get(pk=reports["resolved"].pk).closed_by is None
    assert Report.objects.get(pk=reports["other"].pk).status == ReportStatus.OPEN


def test_a_report_can_be_read_but_not_edited(staff_client, reports):
    report = reports["open"]
    url = reverse("admin:reports_report_change", args=[report.pk])
    html = staff_client.get(url).content.decode()
    assert "The paid plan is $12 now." in html
    assert 'name="text"' not in html
    assert 'name="_save"' not in html
    staff_client.post(url, {"text": "Edited", "status": "dismissed"})
    report.refresh_from_db()
    assert (report.text, report.status) == ("The paid plan is $12 now.", "open")
    assert staff_client.get(reverse("admin:reports_report_add")).status_code == 403


def test_the_admin_index_counts_the_open_reports(staff_client, reports):
    html = staff_client.get("/admin/").content.decode()
    assert f'<a href="{CHANGELIST}">2 open reports</a> from readers' in html
    ReportFactory()
    assert "3 open reports" in staff_client.get("/admin/").content.decode()


def test_the_index_says_when_none_are_open(staff_client, db):
    assert "No open reports" in staff_client.get("/admin/").content.decode()


def queries_of(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in captured]


def test_the_count_is_one_query_however_many_reports(admin_client, db):
    def report_queries():
        return [sql for sql in queries_of(admin_client, "/admin/") if "reports_report" in sql]

    assert len(report_queries()) == 1
    ReportFactory.create_batch(20)
    assert len(report_queries()) == 1


def test_staff_without_the_editors_rights_see_no_count(client, reports):
    user = get_user_model().objects.create_user("helper", is_staff=True)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "open report" not in html
    assert client.get(CHANGELIST).status_code == 403


def test_the_list_costs_the_same_queries_however_long(admin_client, db):
    ReportFactory.create_batch(3)
    few = len(queries_of(admin_client, CHANGELIST))
    ReportFactory.create_batch(30)
    assert len(queries_of(admin_client, CHANGELIST)) == few


def test_an_editor_can_still_delete_a_reported_tool(editor_client, reports):
    tool = reports["open"].tool
    response = editor_client.post(
        reverse("admin:tools_tool_delete", args=[tool.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Report.objects.filter(tool_id=tool.pk).exists()
