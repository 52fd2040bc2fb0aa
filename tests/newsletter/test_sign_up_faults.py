"""Sign-up off the request path: the same work for any address, and no email lost to an outage.

With the queue production uses (django_tasks_db), the request only queues the
sign-up; the worker records it and sends the link, and tries again, later each
time, while the mail server is down.
"""

import re

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.conftest import Inbox, subscriber_create
from tests.processes import free_port

pytestmark = pytest.mark.django_db(transaction=True)

STATES = {
    "new@example.com": None,
    "known@example.com": SubscriberStatus.CONFIRMED,
    "waiting@example.com": SubscriberStatus.PENDING,
    "gone@example.com": SubscriberStatus.UNSUBSCRIBED,
}


def shape(sql: str) -> str:
    """A statement without its values: what the database was asked to do."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def test_the_request_does_the_same_work_whatever_the_address_was(client, task_queue, mailoutbox):
    for email, status in STATES.items():
        if status:
            subscriber_create(email, status)
    # The waiting address had its link a minute ago: no second one within the hour.
    Subscriber.objects.filter(status=SubscriberStatus.PENDING).update(
        confirmation_sent_at=timezone.now()
    )
    before = {row.email: row.status for row in Subscriber.objects.all()}
    work = {}
    for email in STATES:
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/newsletter/", {"email": email}, REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 200
        assert "Check your inbox." in response.content.decode()
        work[email] = [shape(query["sql"]) for query in queries.captured_queries]
    # One queued task each, and nothing read or written about the address itself.
    assert len({tuple(statements) for statements in work.values()}) == 1, work
    assert not any("newsletter_subscriber" in sql for sql in work["new@example.com"])
    assert {row.email: row.status for row in Subscriber.objects.all()} == before
    assert mailoutbox == []
    assert DBTaskResult.objects.ready().count() == len(STATES)

    task_queue()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "gone@example.com",
        "new@example.com",
    ]


@pytest.fixture
def mail_server_down(settings):
    """The mailer points at a loopback port nothing listens on; returns the port."""
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    return port


def test_with_the_mail_server_down_the_sign_up_stands_and_the_link_goes_when_it_is_back(
    client, task_queue, settings, mail_server_down
):
    port = mail_server_down
    settings.CONFIRMATION_RETRY_SECONDS = 0.5

    response = client.post("/newsletter/", {"email": "reader@example.com"})
    assert response.status_code == 200
    assert "Check your inbox." in response.content.decode()

    task_queue()  # the first try finds no server and queues the next, for later
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmation_sent_at is None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path == "newsletter.tasks.confirmation_send_task"
    assert retry.run_after > timezone.now()

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()  # the server is back
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        task_queue()
    finally:
        server.stop()
    assert [message["To"] for message in inbox.messages] == ["reader@example.com"]
    assert Subscriber.objects.get().confirmation_sent_at is not None
    assert not DBTaskResult.objects.ready().exists()


def test_a_confirmation_put_off_too_often_is_logged_and_the_address_can_ask_again(
    client, task_queue, settings, caplog, mailoutbox, mail_server_down
):
    settings.CONFIRMATION_SEND_ATTEMPTS = 2
    settings.CONFIRMATION_RETRY_SECONDS = 0
    client.post("/newsletter/", {"email": "reader@example.com"})
    task_queue()  # both tries fail at once (no pause)
    assert "was not sent (try 2)" in caplog.text
    assert not DBTaskResult.objects.ready().exists()
    assert Subscriber.objects.get().confirmation_sent_at is None

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    client.post("/newsletter/", {"email": "reader@example.com"})
    task_queue()
    assert [message.to for message in mailoutbox] == [["reader@example.com"]]
