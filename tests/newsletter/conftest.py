import asyncio
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from newsletter.models import Subscriber, SubscriberStatus


class Inbox:
    """A real SMTP server's mailbox on loopback: what it accepted, whom it refuses.

    `hold_at = n` makes the server stall on the n-th message (1-based) until
    `release` is set, so a test can kill the sender mid-send; a held message is
    never accepted.
    """

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.lock = threading.Lock()
        self.hold_at = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.data_count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_count += 1
            held = self.data_count == self.hold_at
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
