"""The send killed for real, mid-message, then run again: every confirmed address gets one copy.

`manage.py send_digest` runs in its own process against the test database and
a real SMTP server in this one. The server stalls on one message; the test
kills the sender with SIGKILL right then (no handler, no cleanup runs) and
runs the command again: at once it finds the dead run's lease still live and
takes nothing; once the lease is stale it takes over and finishes.
"""

import signal
import time
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Delivery, DeliveryStatus, DigestIssue, SubscriberStatus
from tests.newsletter.conftest import subscriber_create
from tests.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)

WEEK = "2026-W48"
# Short, so the test need not wait long for the dead run's lease to go stale.
LEASE_SECONDS = 4


def test_a_send_killed_mid_message_then_run_again_sends_each_exactly_one_copy(
    smtp_inbox, settings
):
    settings.DIGEST_LEASE_SECONDS = LEASE_SECONDS
    # smtp_inbox also points this process's mailer at the server, for the second run.
    emails = [f"reader{index:02d}@example.com" for index in range(12)]
    for email in emails:
        subscriber_create(email)
    subscriber_create("pending@example.com", SubscriberStatus.PENDING)
    subscriber_create("gone@example.com", SubscriberStatus.UNSUBSCRIBED)
    killed_at = 6
    smtp_inbox.hold_at = killed_at  # the 6th message never gets its answer
    port = django_settings.MAILERS["default"]["OPTIONS"]["port"]

    sender = manage(
        "send_digest",
        "--week",
        WEEK,
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DIGEST_LEASE_SECONDS=str(LEASE_SECONDS),
    )
    try:
        assert smtp_inbox.holding.wait(60), sender.communicate(timeout=5)
        sender.send_signal(signal.SIGKILL)
        sender.wait(10)
    finally:
        smtp_inbox.release.set()
        if sender.poll() is None:
            sender.kill()
    assert sender.returncode == -signal.SIGKILL
    assert len(smtp_inbox.messages) == killed_at - 1
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == killed_at - 1
    assert Delivery.objects.filter(status=DeliveryStatus.CLAIMED).count() == 1
    assert DigestIssue.objects.get().sent_at is None

    # The dead run's lease is still live: a rerun at once takes nothing.
    out = StringIO()
    call_command("send_digest", "--week", WEEK, stdout=out)
    assert "being sent by another run" in out.getvalue()
    assert len(smtp_inbox.messages) == killed_at - 1

    # Once it is stale, the rerun takes over the dead run's claim and finishes.
    issue = DigestIssue.objects.get()
    time.sleep(max(0, (issue.send_lease_expires_at - timezone.now()).total_seconds()) + 0.2)
    out = StringIO()
    call_command("send_digest", "--week", WEEK, stdout=out)

    assert f"{len(emails) - killed_at + 1} sent, 0 refused" in out.getvalue()
    assert smtp_inbox.recipients() == emails  # each confirmed address once, no one else
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == len(emails)
    assert DigestIssue.objects.get().sent_at is not None

    call_command("send_digest", "--week", WEEK, stdout=out)
    assert len(smtp_inbox.messages) == len(emails)
