from datetime import UTC, datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from newsletter import services
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestItem,
    Subscriber,
    SubscriberStatus,
)
from tests.factories import PanelReviewFactory, ToolFactory
from tests.newsletter.conftest import subscriber_create

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args, verbosity=1):
    out = StringIO()
    call_command("send_digest", *args, stdout=out, verbosity=verbosity)
    return out.getvalue()


@pytest.fixture
def readers():
    for name in ("a", "b"):
        subscriber_create(f"{name}@example.com")
    subscriber_create("p@example.com", SubscriberStatus.PENDING)


def test_the_command_composes_sends_and_running_again_sends_nothing_new(readers):
    output = run("--week", "2026-W48")
    assert "Composed the issue for 2026-W48 (0 items)." in output
    assert "Sent 2026-W48: 2 sent, 0 refused." in output
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.com", "b@example.com"]
    again = run("--week", "2026-W48")
    assert "nothing new to send" in again
    assert len(mail.outbox) == 2


def test_an_issue_an_editor_shaped_is_sent_as_it_is(readers):
    issue = DigestIssue.objects.create(week="2026-W48", intro="From the editors.")
    DigestItem.objects.create(issue=issue, kind="verdict", title="Hand-picked", path="/tools/x/")
    PanelReviewFactory(tool=ToolFactory(name="Not picked"))
    output = run("--week", "2026-W48")
    assert "Using the existing issue for 2026-W48 (1 items)." in output
    assert "Hand-picked" in mail.outbox[0].body
    assert "From the editors." in mail.outbox[0].body
    assert "Not picked" not in mail.outbox[0].body


def test_the_default_week_is_the_one_that_just_ended(readers):
    monday_morning = datetime(2026, 11, 30, 7, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=monday_morning):
        run()
    assert DigestIssue.objects.get().week == "2026-W48"


def test_a_dry_run_prints_the_count_and_one_message_and_changes_nothing(readers):
    PanelReviewFactory(tool=ToolFactory(name="Inkwell"))
    output = run("--week", "2026-W48", "--dry-run")
    assert "Would send 2026-W48 to 2 subscribers." in output
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in output
    assert "Subject: Weekly AI Tool Verdicts: 23 to 29 November 2026" in output
    assert "To: a@example.com" in output
    assert not DigestIssue.objects.exists()
    assert not Delivery.objects.exists()
    assert mail.outbox == []


def test_a_malformed_week_is_an_error():
    with pytest.raises(CommandError, match="2026-48"):
        run("--week", "2026-48")


def test_a_send_that_stops_is_a_clear_error_and_running_again_resumes(readers, monkeypatch):
    real = services._deliver
    calls = {"count": 0}

    def dies_on_the_second_copy(*args):
        calls["count"] += 1
        if calls["count"] == 2:
            raise ConnectionResetError("Connection reset by peer")
        return real(*args)

    monkeypatch.setattr(services, "_deliver", dies_on_the_second_copy)
    with pytest.raises(CommandError, match="run the command again to resume"):
        run("--week", "2026-W48")
    assert len(mail.outbox) == 1
    monkeypatch.setattr(services, "_deliver", real)
    assert "1 sent, 0 refused" in run("--week", "2026-W48")
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.com", "b@example.com"]


def test_verbosity_zero_prints_only_the_outcome(readers):
    output = run("--week", "2026-W48", verbosity=0)
    assert output.strip() == "Sent 2026-W48: 2 sent, 0 refused."


def test_an_earlier_weeks_unfinished_send_is_finished_before_the_new_week(readers):
    earlier, _ = services.digest_compose(week="2026-W47")
    first = Delivery.objects.create(
        issue=earlier,
        subscriber=Subscriber.objects.get(email="a@example.com"),
        status=DeliveryStatus.RETRY,
    )
    output = run("--week", "2026-W48")
    assert output.index("Resuming the unfinished send of 2026-W47.") < output.index(
        "Sent 2026-W48"
    )
    earlier.refresh_from_db()
    assert earlier.sent_at is not None
    first.refresh_from_db()
    assert first.status == DeliveryStatus.SENT
    subjects = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert len(subjects) == 4  # each reader: one copy of each week
    assert len(set(subjects)) == 4
