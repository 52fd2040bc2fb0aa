import asyncio
import threading
from email import message_from_bytes, policy
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Subscriber, SubscriberStatus
from tests.processes import free_port


class Inbox:
    """A real SMTP server's mailbox on loopback: what it accepted, whom it refuses.

    `hold_at = n` makes the server stall on the n-th message (1-based) until
    `release` is set, so a test can kill the sender mid-send; a held message is
    never accepted. `greylist[address] = n` answers "451 try later" to that
    recipient n times; `throttle_after = n` answers "454" to every recipient
    after n accepted messages, `throttle_refusals` times in all; `drop_at = n`
    hangs up on the n-th message instead of answering.
    """

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.greylist = {}
        self.throttle_after = None
        self.throttle_refusals = 0
        self.drop_at = None
        self.lock = threading.Lock()
        self.hold_at = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.data_count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        with self.lock:
            if self.greylist.get(address, 0) > 0:
                self.greylist[address] -= 1
                return "451 4.7.1 Greylisted, try again later"
            throttled = (
                self.throttle_after is not None
                and len(self.messages) >= self.throttle_after
                and self.throttle_refusals > 0
            )
            if throttled:
                self.throttle_refusals -= 1
                return "454 4.7.0 Too many messages, slow down"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_count += 1
            held = self.data_count == self.hold_at
            dropped = self.data_count == self.drop_at
        if dropped:
            server.transport.close()
            return "421 4.4.2 Connection dropped"
        if held:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Not accepted"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def recipients(self):
        return sorted(message["To"] for message in self.messages)


@pytest.fixture
def smtp_server():
    """An aiosmtpd server in this process; yields (inbox, port)."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    inbox.release.set()
    controller.stop()


@pytest.fixture
def smtp_inbox(smtp_server, settings):
    """The site's default mailer pointed at the real SMTP server on loopback."""
    inbox, port = smtp_server
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    return inbox


def subscriber_create(email, status=SubscriberStatus.CONFIRMED, **fields):
    if status == SubscriberStatus.CONFIRMED:
        fields.setdefault("confirmed_at", timezone.now())
    return Subscriber.objects.create(email=email, status=status, **fields)


def link_token(email: str) -> str:
    """The confirmation token the site would send this address now (a stranger's if unknown)."""
    from newsletter.tokens import confirmation_token

    subscriber = Subscriber.objects.filter(email=email).first()
    return confirmation_token(subscriber or Subscriber(pk=10**9, email=email))


# The database-backed queue production uses (django_tasks_db).
TASK_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def task_queue(settings, monkeypatch):
    """Tasks go to the queue in the database; calling the fixture works it off here.

    The worker command itself runs, in this process, until the queue is empty;
    only its closing of idle connections is held back, since the test's
    connection holds the test's transaction. tests/newsletter/test_worker.py
    runs the worker as its own process.
    """
    settings.TASKS = TASK_QUEUE
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def work_off_the_queue():
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=StringIO()
        )

    return work_off_the_queue
