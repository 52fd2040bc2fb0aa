import re
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from compare.models import FeaturedComparison
from newsletter import services
from newsletter.models import Delivery, DeliveryStatus, DigestIssue, Subscriber, SubscriberStatus
from newsletter.weeks import week_of
from tests.factories import PanelReviewFactory, ToolFactory
from votes.services import vote_cast

pytestmark = pytest.mark.django_db(transaction=True)


def confirmed(email):
    return Subscriber.objects.create(
        email=email, status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now()
    )


def link_in(message):
    return re.search(r"https?://\S+/newsletter/confirm/\S+?/", message.body).group()


def test_sign_up_sends_a_confirmation_and_subscribes_no_one_yet():
    services.subscriber_sign_up(email="  Reader@Example.COM ", source="/tools/")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.source == "/tools/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.com"]
    assert "/newsletter/confirm/" in link_in(mail.outbox[0])


def test_confirming_twice_is_harmless():
    services.subscriber_sign_up(email="a@example.com")
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    first = services.subscriber_confirm(token=token)
    confirmed_at = first.confirmed_at
    second = services.subscriber_confirm(token=token)
    assert second.status == SubscriberStatus.CONFIRMED
    assert second.confirmed_at == confirmed_at


def test_an_expired_link_is_refused():
    services.subscriber_sign_up(email="a@example.com")
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    later = timezone.now() + timedelta(seconds=services.CONFIRM_MAX_AGE + 60)
    with (
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
        pytest.raises(signing.SignatureExpired),
    ):
        services.subscriber_confirm(token=token)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_signing_up_again_resends_only_while_unconfirmed():
    services.subscriber_sign_up(email="a@example.com")
    services.subscriber_sign_up(email="a@example.com")
    assert len(mail.outbox) == 2
    Subscriber.objects.update(status=SubscriberStatus.CONFIRMED)
    services.subscriber_sign_up(email="a@example.com")
    assert len(mail.outbox) == 2


def test_an_unsubscribed_address_must_confirm_anew():
    subscriber = confirmed("a@example.com")
    services.subscriber_unsubscribe(token=subscriber.unsubscribe_token)
    services.subscriber_sign_up(email="a@example.com")
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    assert len(mail.outbox) == 1


def test_the_digest_gathers_the_weeks_verdicts_featured_pairs_and_movers():
    tool = ToolFactory(name="Inkwell")
    PanelReviewFactory(tool=tool)
    other = ToolFactory(name="Quillpad")
    FeaturedComparison.objects.create(left=tool, right=other, note="Two ways to draft.")

    for _ in range(3):
        vote_cast(visitor=uuid.uuid4(), tool=other, value="skip")
    week = services.week_of(timezone.now().date()) if hasattr(services, "week_of") else None

    issue, created = services.digest_compose(week=week or week_of(timezone.now().date()))
    assert created
    titles = [(item.kind, item.title) for item in issue.items.all()]
    assert ("verdict", "Inkwell: Ship · 100% (1 ship / 0 skip)") in titles
    assert ("featured", "Inkwell vs Quillpad") in titles
    assert ("community", "Quillpad: 3 community votes this week") in titles
    again, created_again = services.digest_compose(week=issue.week)
    assert (again, created_again) == (issue, False)


def digest_for(*emails_and_statuses):
    for email, status in emails_and_statuses:
        Subscriber.objects.create(email=email, status=status)
    issue, _ = services.digest_compose(week="2026-W48")
    return issue


def test_each_confirmed_subscriber_gets_exactly_one_copy_across_runs(smtp_inbox):
    issue = digest_for(
        *((f"reader{index}@example.com", SubscriberStatus.CONFIRMED) for index in range(7)),
        ("pending@example.com", SubscriberStatus.PENDING),
        ("gone@example.com", SubscriberStatus.UNSUBSCRIBED),
    )
    first = services.digest_send(issue=issue)
    second = services.digest_send(issue=issue)
    assert (first.sent, second.sent) == (7, 0)
    assert sorted(message["To"] for message in smtp_inbox.messages) == sorted(
        f"reader{index}@example.com" for index in range(7)
    )


def test_a_crash_part_way_then_a_rerun_sends_everyone_exactly_one_copy(smtp_inbox, monkeypatch):
    emails = [f"reader{index:02d}@example.com" for index in range(12)]
    issue = digest_for(
        *((email, SubscriberStatus.CONFIRMED) for email in emails),
        ("pending@example.com", SubscriberStatus.PENDING),
        ("gone@example.com", SubscriberStatus.UNSUBSCRIBED),
    )
    monkeypatch.setattr(services, "BATCH_SIZE", 5)
    real_message = services.digest_message
    built = {"count": 0}

    def dies_after_k(issue, subscriber, k=7):
        # The process dies while preparing copy k+1: k copies are out, one is claimed.
        if built["count"] == k:
            raise SystemExit("killed")
        built["count"] += 1
        return real_message(issue, subscriber)

    monkeypatch.setattr(services, "digest_message", dies_after_k)
    with pytest.raises(SystemExit):
        services.digest_send(issue=issue)
    assert len(smtp_inbox.messages) == 7
    assert Delivery.objects.filter(status=DeliveryStatus.CLAIMED).count() == 1

    monkeypatch.setattr(services, "digest_message", real_message)
    services.digest_send(issue=issue)

    received = sorted(message["To"] for message in smtp_inbox.messages)
    assert received == emails  # every confirmed address exactly once, no one else
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 12


def test_a_refused_recipient_is_recorded_and_does_not_stop_the_run(smtp_inbox):
    issue = digest_for(
        ("first@example.com", SubscriberStatus.CONFIRMED),
        ("bounce@example.com", SubscriberStatus.CONFIRMED),
        ("last@example.com", SubscriberStatus.CONFIRMED),
    )
    smtp_inbox.refuse.add("bounce@example.com")
    report = services.digest_send(issue=issue)
    assert (report.sent, report.failed) == (2, 1)
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.subscriber.email == "bounce@example.com"
    assert "550" in failed.error
    assert DigestIssue.objects.get().sent_at is not None


def test_recipients_are_streamed_not_loaded_at_once():
    issue = digest_for(("a@example.com", SubscriberStatus.CONFIRMED))
    stream = services.recipients(issue)
    assert not isinstance(stream, list | tuple)
    assert [subscriber.email for subscriber in stream] == ["a@example.com"]
