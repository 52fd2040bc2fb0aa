"""The task worker and the digest's sends as real processes of their own.

`manage.py db_worker` (django_tasks_db) works the queue in PostgreSQL in CI; two
`send_digest` runs race each other against a mail server that greylists and
hangs up. Each subscriber still gets exactly one copy.
"""

import signal
import subprocess
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from newsletter.models import Delivery, DeliveryStatus, DigestIssue, Subscriber, SubscriberStatus
from tests.newsletter.conftest import TASK_QUEUE, subscriber_create
from tests.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)

WEEK = "2026-W48"
QUEUE_BACKEND = TASK_QUEUE["default"]["BACKEND"]


def wait_for(condition, seconds=60, every=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def stop(process):
    """Ask a process to stop as a supervisor would (SIGTERM), and collect what it said."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    return finish(process)


def finish(process, seconds=60):
    """Wait for a process to end by itself (killed if it will not), and collect what it said."""
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return out + err


def test_a_worker_process_sends_the_queued_confirmation_and_digest(client, smtp_inbox, settings):
    settings.TASKS = TASK_QUEUE
    port = settings.MAILERS["default"]["OPTIONS"]["port"]
    emails = [f"reader{index}@example.com" for index in range(5)]
    for email in emails:
        subscriber_create(email)

    response = client.post("/newsletter/", {"email": "new.reader@example.com"})
    assert response.status_code == 200
    out = StringIO()
    call_command("send_digest", "--week", WEEK, stdout=out)
    assert "Queued the send of 2026-W48" in out.getvalue()
    # Queued, not done: the request and the command sent nothing themselves.
    assert smtp_inbox.messages == []
    assert not Subscriber.objects.filter(email="new.reader@example.com").exists()
    assert DBTaskResult.objects.ready().count() == 2

    worker = manage(
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
        TASKS_BACKEND=QUEUE_BACKEND,
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
    )
    try:
        arrived = wait_for(lambda: len(smtp_inbox.messages) >= len(emails) + 1)
    finally:
        said = stop(worker)
    assert arrived, said
    assert worker.returncode == 0, said  # a clean stop on SIGTERM

    assert smtp_inbox.recipients() == sorted([*emails, "new.reader@example.com"])
    confirmation = smtp_inbox.to("new.reader@example.com")[0]
    assert "/newsletter/confirm/" in confirmation.get_body(("plain",)).get_content()
    assert Subscriber.objects.get(email="new.reader@example.com").status == (
        SubscriberStatus.PENDING
    )
    assert DigestIssue.objects.get(week=WEEK).sent_at is not None
    assert DBTaskResult.objects.successful().count() == 2


def test_two_sends_at_once_against_a_greylisting_dropping_server_send_one_copy_each(
    smtp_inbox, settings
):
    port = settings.MAILERS["default"]["OPTIONS"]["port"]
    emails = [f"reader{index:02d}@example.com" for index in range(30)]
    for email in emails:
        subscriber_create(email)
    subscriber_create("pending@example.com", SubscriberStatus.PENDING)
    for email in emails[4:9]:
        smtp_inbox.greylist[email] = 1  # "451 try again later" once each
    smtp_inbox.drop_at = 17  # and the server hangs up once, mid-message
    smtp_inbox.hold_at = 3  # the first sender stalls here while the second starts
    environ = {
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DIGEST_RETRY_SECONDS": "0.1",
    }

    first = manage("send_digest", "--week", WEEK, **environ)
    second = manage("send_digest", "--week", WEEK, **environ)
    try:
        held = smtp_inbox.holding.wait(60)
        # Whichever run took the lease is stalled; the other finds it held and stops.
        one_ended = wait_for(lambda: first.poll() is not None or second.poll() is not None)
    finally:
        smtp_inbox.release.set()
    outputs = [finish(first), finish(second)]
    assert held, outputs
    assert one_ended, outputs
    assert [first.returncode, second.returncode] == [0, 0], outputs
    busy = [output for output in outputs if "being sent by another run" in output]
    assert len(busy) == 1, outputs

    # What the winner could not finish (copies still put off) a rerun finishes.
    rerun = manage("send_digest", "--week", WEEK, **environ)
    said = finish(rerun)
    assert rerun.returncode == 0, said

    assert smtp_inbox.recipients() == emails  # one copy each, no one else
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == len(emails)
    assert DigestIssue.objects.get().sent_at is not None
