import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from newsletter.models import DigestIssue, Subscriber, SubscriberStatus

HTMX = {"HX-Request": "true"}


def test_every_page_carries_the_block_without_a_form_or_token(client, db):
    html = client.get("/").content.decode()
    assert "Get the next comparison in your inbox" in html
    assert 'data-hx-get="/newsletter/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_form_island_is_a_private_fragment(client, db):
    response = client.get("/newsletter/", headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'name="email"' in html
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_sign_up_answers_the_same_whatever_the_address_was(
    client, db, headers, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="known@example.com", status=SubscriberStatus.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post("/newsletter/", {"email": email}, headers=headers).content.decode()
            for email in ("new@example.com", "known@example.com")
        ]
    assert all("Check your inbox." in answer for answer in answers)
    assert [message.to for message in mail.outbox] == [["new@example.com"]]


def test_a_bad_address_is_a_clear_form_error(client, db):
    response = client.post("/newsletter/", {"email": "not-an-address"}, headers=HTMX)
    assert response.status_code == 200  # the form again, with its error
    assert "Enter a valid email address" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_honeypot_turns_bots_away_quietly(client, db):
    response = client.post("/newsletter/", {"email": "bot@example.com", "website": "spam.example"})
    assert "Check your inbox." in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@override_settings(NEWSLETTER_SIGNUPS_PER_IP=2)
def test_sign_ups_are_rate_limited_per_address(client, db):
    statuses = [
        client.post("/newsletter/", {"email": f"r{index}@example.com"}).status_code
        for index in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert Subscriber.objects.count() == 2


def test_a_tampered_confirmation_link_is_a_404(client, db):
    assert client.get("/newsletter/confirm/nonsense/").status_code == 404


def test_an_unknown_unsubscribe_link_is_a_404_and_a_get_changes_nothing(client, db):
    subscriber = Subscriber.objects.create(email="a@example.com", status="confirmed")
    assert client.get("/newsletter/unsubscribe/unknown/").status_code == 404
    page = client.get(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    assert 'name="List-Unsubscribe" value="One-Click"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_the_archive_lists_sent_issues_only(client, db):
    DigestIssue.objects.create(week="2026-W47", intro="Quiet week.", sent_at=timezone.now())
    DigestIssue.objects.create(week="2026-W48", intro="Not yet sent.")
    html = client.get("/newsletter/archive/").content.decode()
    assert "16 to 22 November 2026" in html
    assert "Not yet sent." not in html
    assert client.get("/newsletter/archive/2026-W47/").status_code == 200
    assert client.get("/newsletter/archive/2026-W48/").status_code == 404


def test_editors_preview_an_issue_in_html_and_text(editor_client):
    issue = DigestIssue.objects.create(week="2026-W48", intro="Hello readers.")
    html = editor_client.get(f"/admin/newsletter/digestissue/{issue.pk}/preview/html/")
    text = editor_client.get(f"/admin/newsletter/digestissue/{issue.pk}/preview/text/")
    assert "Hello readers." in html.content.decode()
    assert "style-src 'unsafe-inline'" in html.headers["Content-Security-Policy"]
    assert text.headers["Content-Type"].startswith("text/plain")


def test_editors_export_subscribers_as_csv(editor_client):
    Subscriber.objects.create(email="a@example.com", status="confirmed", source="/tools/")
    response = editor_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": [Subscriber.objects.get().pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "a@example.com,confirmed" in response.content.decode()
