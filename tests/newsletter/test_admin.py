from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.models import Delivery, DeliveryStatus, DigestIssue, DigestItem, SubscriberStatus
from newsletter.weeks import week_of
from tests.factories import PanelReviewFactory, ToolFactory
from tests.newsletter.conftest import subscriber_create

ISSUES = "/admin/newsletter/digestissue/"
SUBSCRIBERS = "/admin/newsletter/subscriber/"


def pending(issue):
    return admin.site.get_model_admin(DigestIssue).pending_count(issue)


def editor_permissions():
    return set(
        Permission.objects.filter(
            group__name="Editors", content_type__app_label="newsletter"
        ).values_list("codename", flat=True)
    )


def test_editors_manage_digests_and_never_see_subscribers(editor_client):
    assert editor_permissions() == {
        f"{action}_{model}"
        for model in ("digestissue", "digestitem")
        for action in ("add", "change", "delete", "view")
    }
    subscriber_create("maya@example.com")
    assert editor_client.get(SUBSCRIBERS).status_code == 403
    assert "maya@example.com" not in editor_client.get("/admin/").content.decode()


def test_only_subscriber_managers_may_view_the_subscriber_list(db):
    assert set(
        Permission.objects.filter(group__name="Subscriber managers").values_list(
            "codename", flat=True
        )
    ) == {"view_subscriber"}


def test_the_subscriber_list_shows_status_dates_and_source_and_searches(subscriber_manager_client):
    subscriber_create("maya@example.com", source="/tools/patchwright/")
    subscriber_create("li@example.com", SubscriberStatus.PENDING, source="/")
    response = subscriber_manager_client.get(SUBSCRIBERS, {"q": "maya"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "maya@example.com" in html
    assert "li@example.com" not in html
    assert "/tools/patchwright/" in html
    for column in ("Status", "Created at", "Confirmed at", "Signed up on"):
        assert column in html
    assert subscriber_manager_client.get(f"{SUBSCRIBERS}add/").status_code == 403


def test_subscriber_managers_export_subscribers_as_csv(subscriber_manager_client):
    subscriber = subscriber_create("a@example.com", source="/tools/")
    response = subscriber_manager_client.post(
        SUBSCRIBERS, {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="subscribers.csv"' in response["Content-Disposition"]
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0] == "email,status,signed up,confirmed,unsubscribed,signed up on"
    assert rows[1].startswith("a@example.com,confirmed,")
    assert rows[1].endswith(",/tools/")


def test_would_be_formulas_are_exported_as_text(
    subscriber_manager_client,
):
    subscriber = subscriber_create("=1+2@example.com", source="-/tools/")
    response = subscriber_manager_client.post(
        SUBSCRIBERS, {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[1].startswith("'=1+2@example.com,confirmed,")
    assert rows[1].endswith(",'-/tools/")


def test_suppressing_says_how_many_addresses_in_words_that_agree(admin_client):
    first, second, third = (subscriber_create(f"{name}@example.com") for name in "abc")

    def suppress(*subscribers):
        selected = [subscriber.pk for subscriber in subscribers]
        response = admin_client.post(
            SUBSCRIBERS, {"action": "suppress", "_selected_action": selected}, follow=True
        )
        return [str(message) for message in response.context["messages"]]

    assert suppress(first) == ["Unsubscribed 1 address."]
    assert suppress(second, third) == ["Unsubscribed 2 addresses."]


def test_editors_cannot_suppress_but_a_superuser_can(editor_client, admin_client):
    subscriber = subscriber_create("a@example.com")
    data = {"action": "suppress", "_selected_action": [subscriber.pk]}
    editor_client.post(SUBSCRIBERS, data)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    admin_client.post(SUBSCRIBERS, data)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_adding_an_issue_composes_it_from_its_week(editor_client):
    PanelReviewFactory(tool=ToolFactory(name="Inkwell"))
    week = week_of(timezone.now().date())
    form = editor_client.get(f"{ISSUES}add/").content.decode()
    assert f'value="{week}"' in form  # this week, by default
    response = editor_client.post(f"{ISSUES}add/", {"week": week, "intro": "Hello readers."})
    assert response.status_code == 302
    issue = DigestIssue.objects.get()
    assert [item.title for item in issue.items.all()] == ["Inkwell: Ship · 100% (1 ship / 0 skip)"]


@pytest.mark.parametrize(
    "week",
    [
        "2026-48",
        "week 49",
        "2026-W60",
        "2026-W00",
        "2025-W53",  # 2025 has 52 ISO weeks
        "9999-W52",  # its week would end in the year 10000
        "",
    ],
)
def test_a_malformed_week_is_refused_with_a_message(editor_client, week):
    response = editor_client.post(f"{ISSUES}add/", {"week": week, "intro": ""})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    expected = "This field is required." if not week else "Enter an ISO week like 2026-W48."
    assert errors == {"week": [expected]}
    assert not DigestIssue.objects.exists()


def test_a_week_typed_in_lower_case_is_taken(editor_client):
    response = editor_client.post(f"{ISSUES}add/", {"week": "2026-w53", "intro": ""})
    assert response.status_code == 302
    assert DigestIssue.objects.get().week == "2026-W53"


def test_the_issue_page_links_the_admin_stylesheet_and_keeps_summaries_short(editor_client):
    issue = DigestIssue.objects.create(week="2026-W48")
    DigestItem.objects.create(issue=issue, kind="verdict", title="Inkwell", path="/tools/i/")
    page = editor_client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert 'href="/static/css/admin.css"' in page
    assert 'name="items-0-summary" cols="40" rows="3"' in page


def change_form(issue, items, **fields):
    data = {
        "intro": issue.intro,
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"items-{index}-{key}"] = value
    return data


def test_editors_write_the_intro_reorder_and_drop_items(editor_client):
    issue = DigestIssue.objects.create(week="2026-W48")
    first, second, third = (
        DigestItem.objects.create(
            issue=issue, kind="verdict", position=index, title=title, path="/tools/x/"
        )
        for index, title in enumerate(["First", "Second", "Third"])
    )

    def row(item, position, delete=False):
        return {
            "id": item.pk,
            "issue": issue.pk,
            "position": position,
            "kind": item.kind,
            "title": item.title,
            "summary": "",
            "path": item.path,
            **({"DELETE": "on"} if delete else {}),
        }

    response = editor_client.post(
        f"{ISSUES}{issue.pk}/change/",
        change_form(
            issue,
            [row(first, 2), row(second, 0, delete=True), row(third, 1)],
            intro="The week in one line.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue.refresh_from_db()
    assert issue.intro == "The week in one line."
    assert [item.title for item in issue.items.all()] == ["Third", "First"]


def test_editors_preview_an_issue_in_html_and_text(editor_client):
    issue = DigestIssue.objects.create(week="2026-W48", intro="Hello readers.")
    DigestItem.objects.create(
        issue=issue, kind="verdict", title="Inkwell: Ship", path="/tools/inkwell/"
    )
    page = editor_client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert f"{ISSUES}{issue.pk}/preview/html/" in page
    assert "Inkwell: Ship" in page  # the plain-text version, on the page
    html = editor_client.get(f"{ISSUES}{issue.pk}/preview/html/")
    text = editor_client.get(f"{ISSUES}{issue.pk}/preview/text/")
    assert "Hello readers." in html.content.decode()
    assert "style-src 'unsafe-inline'" in html.headers["Content-Security-Policy"]
    assert "default-src 'none'" in html.headers["Content-Security-Policy"]
    assert text.headers["Content-Type"].startswith("text/plain")
    assert "Inkwell: Ship" in text.content.decode()


def test_the_preview_is_for_staff_only(client, db):
    issue = DigestIssue.objects.create(week="2026-W48")
    response = client.get(f"{ISSUES}{issue.pk}/preview/html/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_send_action_queues_the_task_and_the_list_follows_its_progress(
    editor_client, smtp_inbox, task_queue
):
    client = editor_client
    issue = DigestIssue.objects.create(week="2026-W48")
    for name in ("a", "b", "c"):
        subscriber_create(f"{name}@example.com")
    subscriber_create("p@example.com", SubscriberStatus.PENDING)
    smtp_inbox.refuse.add("b@example.com")

    before = client.get(ISSUES).context["cl"].result_list[0]
    assert (before.sent_total, before.failed_total) == (0, 0)
    assert pending(before) == 3
    assert "Not sent" in client.get(ISSUES).content.decode()

    response = client.post(ISSUES, {"action": "send", "_selected_action": [issue.pk]}, follow=True)
    assert "2026-W48: queued for the task worker" in response.content.decode()
    assert smtp_inbox.messages == []  # nothing is sent inside the request
    assert DBTaskResult.objects.ready().count() == 1

    task_queue()
    assert smtp_inbox.recipients() == ["a@example.com", "c@example.com"]
    after = client.get(ISSUES).context["cl"].result_list[0]
    assert (after.sent_total, after.failed_total, pending(after)) == (2, 1, 0)
    assert "Sent " in client.get(ISSUES).content.decode()
    page = client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert "b@example.com" in page
    assert "550" in page

    again = client.post(ISSUES, {"action": "send", "_selected_action": [issue.pk]}, follow=True)
    assert "was sent already" in again.content.decode()
    task_queue()
    assert len(smtp_inbox.messages) == 2
    assert Delivery.objects.count() == 3


def test_without_a_task_worker_the_send_action_sends_nothing_and_says_how(
    editor_client, smtp_inbox
):
    issue = DigestIssue.objects.create(week="2026-W48")
    subscriber_create("a@example.com")
    response = editor_client.post(
        ISSUES, {"action": "send", "_selected_action": [issue.pk]}, follow=True
    )
    assert "No task worker is set up" in response.content.decode()
    assert "manage.py send_digest" in response.content.decode()
    assert smtp_inbox.messages == []
    assert not Delivery.objects.exists()


def test_the_list_says_when_a_send_is_running_or_stopped_part_way(editor_client):
    issue = DigestIssue.objects.create(week="2026-W48")
    subscriber = subscriber_create("a@example.com")
    subscriber_create("b@example.com")
    DigestIssue.objects.filter(pk=issue.pk).update(
        send_owner="run", send_lease_expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert "Sending now" in editor_client.get(ISSUES).content.decode()
    Delivery.objects.create(issue=issue, subscriber=subscriber, status=DeliveryStatus.SENT)
    DigestIssue.objects.filter(pk=issue.pk).update(
        send_lease_expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert "Stopped part-way" in editor_client.get(ISSUES).content.decode()


def test_the_issue_list_runs_the_same_queries_for_1_or_20_issues(editor_client):
    subscriber = subscriber_create("a@example.com")

    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(ISSUES).status_code == 200
        return len(queries)

    DigestIssue.objects.create(week="2026-W01")
    one = queries_for_the_list()
    for index in range(19):
        issue = DigestIssue.objects.create(week=f"2026-W{index + 10:02d}")
        Delivery.objects.create(issue=issue, subscriber=subscriber, status="sent")
    assert queries_for_the_list() == one
