"""The send killed for real, mid-message, then run again: every confirmed address gets one copy.

`manage.py send_digest` runs in its own process against the test database and
a real SMTP server in this one. The server stalls on one message; the test
kills the sender with SIGKILL right then (no handler, no cleanup runs) and
runs the command again.
"""

import os
import signal
import subprocess
import sys
from io import StringIO
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from newsletter.models import Delivery, DeliveryStatus, DigestIssue, SubscriberStatus
from tests.newsletter.conftest import subscriber_create

pytestmark = pytest.mark.django_db(transaction=True)

WEEK = "2026-W48"


def database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        login = quote(database["USER"] or "", safe="")
        if database["PASSWORD"]:
            login += ":" + quote(database["PASSWORD"], safe="")
        return (
            f"postgres://{login}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
            f"/{database['NAME']}"
        )
    return f"sqlite:///{database['NAME']}"


def test_a_send_killed_mid_message_then_run_again_sends_each_exactly_one_copy(smtp_inbox):
    # smtp_inbox also points this process's mailer at the server, for the second run.
    emails = [f"reader{index:02d}@example.com" for index in range(12)]
    for email in emails:
        subscriber_create(email)
    subscriber_create("pending@example.com", SubscriberStatus.PENDING)
    subscriber_create("gone@example.com", SubscriberStatus.UNSUBSCRIBED)
    killed_at = 6
    smtp_inbox.hold_at = killed_at  # the 6th message never gets its answer
    port = django_settings.MAILERS["default"]["OPTIONS"]["port"]

    sender = subprocess.Popen(
        [sys.executable, "manage.py", "send_digest", "--week", WEEK],
        cwd=django_settings.BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            "CONN_MAX_AGE": "0",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
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

    out = StringIO()
    call_command("send_digest", "--week", WEEK, stdout=out)

    assert f"{len(emails) - killed_at + 1} sent, 0 refused" in out.getvalue()
    assert smtp_inbox.recipients() == emails  # each confirmed address once, no one else
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == len(emails)
    assert DigestIssue.objects.get().sent_at is not None

    call_command("send_digest", "--week", WEEK, stdout=out)
    assert len(smtp_inbox.messages) == len(emails)
