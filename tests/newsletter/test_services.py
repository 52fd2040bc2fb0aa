import smtplib
import threading
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import selectors, services, tasks
from newsletter.models import Delivery, DeliveryStatus, DigestIssue, Subscriber, SubscriberStatus
from newsletter.tokens import CONFIRM_MAX_AGE
from newsletter.weeks import week_of
from tests.factories import PanelReviewFactory, ToolFactory
from tests.newsletter.conftest import link_token, subscriber_create
from tools.models import FeaturedComparison
from votes.services import vote_cast

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(email, source=""):
    """A sign-up as the worker runs it: recorded, and the link sent if one is due."""
    tasks.sign_up_task.call(email, source)


def token_in(message):
    return message.body.split("/newsletter/confirm/")[1].split("/")[0]


# Sign-up, confirmation, unsubscribe


def test_sign_up_sends_a_confirmation_and_subscribes_no_one_yet():
    sign_up("  Reader@Example.COM ", source="/tools/")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.source) == (
        "reader@example.com",
        SubscriberStatus.PENDING,
        "/tools/",
    )
    assert subscriber.confirmation_sent_at is not None
    assert [message.to for message in mail.outbox] == [["reader@example.com"]]


def test_confirming_twice_is_harmless():
    sign_up("a@example.com")
    token = token_in(mail.outbox[0])
    first = services.subscriber_confirm(token=token)
    second = services.subscriber_confirm(token=token)
    assert second.status == SubscriberStatus.CONFIRMED
    assert second.confirmed_at == first.confirmed_at


def test_an_expired_or_forged_link_confirms_no_one(monkeypatch):
    sign_up("a@example.com")
    token = token_in(mail.outbox[0])
    with pytest.raises(signing.BadSignature):
        services.subscriber_confirm(token=token[:-2] + "xx")
    later = timezone.now() + timedelta(seconds=CONFIRM_MAX_AGE + 60)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(signing.SignatureExpired):
        services.subscriber_confirm(token=token)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_signing_up_again_resends_while_unconfirmed_at_most_once_per_interval(settings):
    settings.NEWSLETTER_RESEND_SECONDS = 300
    sign_up("a@example.com")
    sign_up("a@example.com")  # too soon: nothing
    assert len(mail.outbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(seconds=301))
    sign_up("a@example.com")
    assert len(mail.outbox) == 2
    Subscriber.objects.update(status=SubscriberStatus.CONFIRMED, confirmation_sent_at=None)
    sign_up("a@example.com")  # confirmed: nothing to send
    assert len(mail.outbox) == 2


def test_unsubscribing_suppresses_and_only_a_new_sign_up_and_confirmation_lifts_it():
    subscriber = subscriber_create("a@example.com")
    old_link = link_token("a@example.com")
    services.subscriber_unsubscribe(token=subscriber.unsubscribe_token)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # An old link never lifts suppression.
    with pytest.raises(services.ConfirmationWithdrawn):
        services.subscriber_confirm(token=old_link)

    sign_up("a@example.com", source="/panel/")
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.source) == (SubscriberStatus.PENDING, "/panel/")
    services.subscriber_confirm(token=token_in(mail.outbox[-1]))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_unsubscribing_twice_keeps_the_first_date_and_an_unknown_token_is_none():
    subscriber = subscriber_create("a@example.com")
    first = services.subscriber_unsubscribe(token=subscriber.unsubscribe_token).unsubscribed_at
    again = services.subscriber_unsubscribe(token=subscriber.unsubscribe_token).unsubscribed_at
    assert first == again
    assert services.subscriber_unsubscribe(token="unknown") is None


def test_a_confirmation_the_server_refuses_is_logged_and_the_sign_up_stands(smtp_inbox, caplog):
    smtp_inbox.refuse.add("bounce@example.com")
    sign_up("bounce@example.com")
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    assert "confirmation email to subscriber" in caplog.text
    assert smtp_inbox.messages == []


# Composing


def test_composing_gathers_the_weeks_verdicts_featured_pairs_and_movers_once():
    tool = ToolFactory(name="Inkwell")
    PanelReviewFactory(tool=tool)
    other = ToolFactory(name="Quillpad")
    FeaturedComparison.objects.create(left=tool, right=other, note="Two ways to draft.")
    for _ in range(5):
        vote_cast(visitor=uuid.uuid4(), tool=other, value="skip")

    issue, created = services.digest_compose(week=week_of(timezone.now().date()))
    assert created
    assert [(item.position, item.kind, item.title) for item in issue.items.all()] == [
        (0, "verdict", "Inkwell: Ship · 100% (1 ship / 0 skip)"),
        (1, "featured", "Inkwell vs Quillpad"),
        (2, "community", "Quillpad: 5 votes this week"),
    ]
    issue.items.filter(kind="community").delete()  # an editor drops an item
    again, created_again = services.digest_compose(week=issue.week)
    assert (again, created_again) == (issue, False)
    assert issue.items.count() == 2


def test_recomposing_replaces_the_items_of_an_unsent_issue_only():
    issue, _ = services.digest_compose(week=week_of(timezone.now().date()))
    assert issue.items.count() == 0
    PanelReviewFactory(tool=ToolFactory(name="Late arrival"))
    services.digest_recompose(issue=issue)
    assert [item.title.split(":")[0] for item in issue.items.all()] == ["Late arrival"]
    DigestIssue.objects.update(sent_at=timezone.now())
    with pytest.raises(ValueError, match="has been sent"):
        services.digest_recompose(issue=issue)


# Sending exactly once


def digest_for(*emails_and_statuses, week="2026-W48"):
    for email, status in emails_and_statuses:
        subscriber_create(email, status)
    issue, _ = services.digest_compose(week=week)
    return issue


def everyone(count, prefix="reader"):
    return [f"{prefix}{index:02d}@example.com" for index in range(count)]


def test_each_confirmed_subscriber_gets_one_copy_and_running_again_sends_nothing(smtp_inbox):
    emails = everyone(7)
    issue = digest_for(
        *((email, SubscriberStatus.CONFIRMED) for email in emails),
        ("pending@example.com", SubscriberStatus.PENDING),
        ("gone@example.com", SubscriberStatus.UNSUBSCRIBED),
    )
    first = services.digest_send(issue=issue)
    second = services.digest_send(issue=issue)
    assert (first.sent, first.failed, first.already_sent) == (7, 0, False)
    assert second.already_sent
    assert second.sent == 0
    assert smtp_inbox.recipients() == emails
    assert issue.sent_at is not None
    subscriber_create("late@example.com")  # confirmed after the send
    assert services.digest_send(issue=issue).sent == 0
    assert len(smtp_inbox.messages) == 7


class Killed(BaseException):
    """Like a SIGKILL, nothing in the code under test may catch it."""


@pytest.mark.parametrize("k", [0, 1, 4, 5, 7, 11])
def test_a_run_killed_after_k_copies_then_run_again_sends_everyone_exactly_one(
    smtp_inbox, monkeypatch, k
):
    emails = everyone(12)
    issue = digest_for(
        *((email, SubscriberStatus.CONFIRMED) for email in emails),
        ("pending@example.com", SubscriberStatus.PENDING),
        ("gone@example.com", SubscriberStatus.UNSUBSCRIBED),
    )
    monkeypatch.setattr(services, "BATCH_SIZE", 5)
    real_sendmail = smtplib.SMTP.sendmail
    calls = {"count": 0}

    def sendmail_then_die(self, *args, **kwargs):
        if calls["count"] == k:
            raise Killed
        calls["count"] += 1
        return real_sendmail(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "sendmail", sendmail_then_die)
    with pytest.raises(Killed):
        services.digest_send(issue=issue)
    assert len(smtp_inbox.messages) == k
    # The copy being sent when the run died is claimed, not marked.
    assert Delivery.objects.filter(status=DeliveryStatus.CLAIMED).count() == 1
    issue.refresh_from_db()
    assert issue.sent_at is None

    monkeypatch.setattr(smtplib.SMTP, "sendmail", real_sendmail)
    report = services.digest_send(issue=issue)

    assert report.sent == 12 - k
    assert smtp_inbox.recipients() == emails  # each confirmed address once, no one else
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 12
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()


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
    assert smtp_inbox.recipients() == ["first@example.com", "last@example.com"]
    assert DigestIssue.objects.get().sent_at is not None


def test_a_server_that_keeps_closing_leaves_the_copy_for_the_next_run(smtp_inbox, monkeypatch):
    issue = digest_for(("a@example.com", SubscriberStatus.CONFIRMED))
    real_sendmail = smtplib.SMTP.sendmail

    def closing(self, *args, **kwargs):
        raise smtplib.SMTPDataError(421, b"4.3.2 Service shutting down")

    monkeypatch.setattr(smtplib.SMTP, "sendmail", closing)
    report = services.digest_send(issue=issue)
    assert (report.sent, report.failed, report.retrying) == (0, 0, 1)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRY
    assert delivery.attempts == 1 + settings.DIGEST_RETRY_ROUNDS
    issue.refresh_from_db()
    assert issue.sent_at is None  # not finished: the next run takes it up

    monkeypatch.setattr(smtplib.SMTP, "sendmail", real_sendmail)
    assert services.digest_send(issue=issue).sent == 1
    assert smtp_inbox.recipients() == ["a@example.com"]
    issue.refresh_from_db()
    assert issue.sent_at is not None


def test_greylisted_and_throttled_copies_are_retried_and_each_arrives_once(smtp_inbox):
    emails = everyone(8)
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in emails))
    smtp_inbox.greylist = {emails[1]: 1, emails[6]: 2}
    smtp_inbox.throttle_after, smtp_inbox.throttle_refusals = 3, 4
    report = services.digest_send(issue=issue)
    assert (report.sent, report.failed, report.retrying) == (8, 0, 0)
    assert smtp_inbox.recipients() == sorted(emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    issue.refresh_from_db()
    assert issue.sent_at is not None


def test_a_dropped_connection_is_reopened_and_the_run_goes_on(smtp_inbox):
    emails = everyone(6)
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in emails))
    smtp_inbox.drop_at = 3
    report = services.digest_send(issue=issue)
    assert (report.sent, report.retrying) == (6, 0)
    assert smtp_inbox.recipients() == sorted(emails)


def test_a_temporary_answer_is_never_recorded_as_a_failure(smtp_inbox):
    issue = digest_for(("a@example.com", SubscriberStatus.CONFIRMED))
    smtp_inbox.greylist = {"a@example.com": 100}
    report = services.digest_send(issue=issue)
    assert (report.failed, report.retrying) == (0, 1)
    assert Delivery.objects.get().status == DeliveryStatus.RETRY
    assert "451" in Delivery.objects.get().error
    smtp_inbox.greylist = {}
    services.digest_send(issue=issue)
    assert smtp_inbox.recipients() == ["a@example.com"]


def test_copies_go_out_in_batches_one_connection_each(smtp_inbox, monkeypatch):
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in everyone(7)))
    monkeypatch.setattr(services, "BATCH_SIZE", 3)
    real_connect = smtplib.SMTP.connect
    connections = []

    def counting_connect(self, *args, **kwargs):
        connections.append(args)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", counting_connect)
    services.digest_send(issue=issue)
    assert len(connections) == 3  # 3 + 3 + 1
    assert len(smtp_inbox.messages) == 7


def test_recipients_stream_in_chunks_while_copies_are_recorded(smtp_inbox, monkeypatch):
    # Chunks smaller than batches, batches not a multiple of chunks: the stream
    # is read between the writes of claims and marks on the same connection.
    monkeypatch.setattr(selectors, "RECIPIENT_CHUNK", 2)
    monkeypatch.setattr(services, "BATCH_SIZE", 3)
    emails = everyone(11)
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in emails))
    assert services.digest_send(issue=issue).sent == 11
    assert smtp_inbox.recipients() == emails


def statements_of_a_send(issue):
    with CaptureQueriesContext(connection) as queries:
        services.digest_send(issue=issue)
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split()[0] in {"SELECT", "INSERT", "UPDATE", "DELETE"}
    ]


def test_each_copy_costs_two_statements_however_many_recipients():
    for email in everyone(3):
        subscriber_create(email)
    small = statements_of_a_send(services.digest_compose(week="2026-W48")[0])
    for email in everyone(27, prefix="more"):
        subscriber_create(email)
    large = statements_of_a_send(services.digest_compose(week="2026-W49")[0])
    # A claim and a mark per copy; everything else (the issue, its items, the
    # recipient stream, the lock) is the same for 3 or 30.
    assert len(large) - len(small) == 2 * 27
    assert len(small) <= 2 * 3 + 7, "\n".join(small)
    assert len(mail.outbox) == 33


def test_a_second_run_while_one_is_sending_is_refused(smtp_inbox):
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in everyone(3)))
    smtp_inbox.hold_at = 2
    errors = []

    def first_run():
        try:
            services.digest_send(issue=DigestIssue.objects.get(pk=issue.pk))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=first_run)
    thread.start()
    assert smtp_inbox.holding.wait(10)
    try:
        second = services.digest_send(issue=issue)
        assert "being sent by another run" in second.busy
        assert (second.sent, second.failed, second.retrying) == (0, 0, 0)
    finally:
        smtp_inbox.release.set()
        thread.join(10)
    # The held copy was put off (451): the first run tried it again, so each
    # subscriber has exactly one copy and the second run sent none.
    assert smtp_inbox.recipients() == sorted(everyone(3))
    assert errors == []


def test_a_pending_address_gets_at_most_one_confirmation_an_hour_by_default():
    for _ in range(15):
        sign_up("a@example.com")
    assert len(mail.outbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=59))
    sign_up("a@example.com")
    assert len(mail.outbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=61))
    sign_up("a@example.com")
    assert len(mail.outbox) == 2


def test_a_link_sent_before_an_unsubscribe_never_confirms_a_later_sign_up():
    sign_up("a@example.com")
    first_link = token_in(mail.outbox[-1])
    subscriber = Subscriber.objects.get()
    services.subscriber_unsubscribe(token=subscriber.unsubscribe_token)
    Subscriber.objects.update(confirmation_sent_at=None)
    sign_up("a@example.com")  # pending again, a new link sent
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    with pytest.raises(services.ConfirmationWithdrawn):
        services.subscriber_confirm(token=first_link)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    services.subscriber_confirm(token=token_in(mail.outbox[-1]))
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


def test_a_confirmation_link_does_not_carry_the_address():
    import base64

    sign_up("private.person@example.com")
    token = token_in(mail.outbox[-1])
    readable = base64.urlsafe_b64decode(token.split(":")[0] + "==").decode(errors="replace")
    assert "private.person" not in readable
    assert "example.com" not in token


# The send lease


def lease_held_by(issue, owner, seconds):
    DigestIssue.objects.filter(pk=issue.pk).update(
        send_owner=owner, send_lease_expires_at=timezone.now() + timedelta(seconds=seconds)
    )


def test_a_live_lease_of_another_run_means_this_run_takes_nothing(smtp_inbox):
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in everyone(3)))
    lease_held_by(issue, "other-run", seconds=60)
    report = services.digest_send(issue=issue)
    assert report.busy
    assert report.sent == 0
    assert smtp_inbox.messages == []
    assert not Delivery.objects.exists()
    assert DigestIssue.objects.get().send_owner == "other-run"  # left alone


def test_a_stale_lease_is_taken_over_with_its_claimed_copy_sent_once(smtp_inbox):
    emails = everyone(3)
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in emails))
    # A run that died mid-copy: its lease ran out, its claim was never marked.
    lease_held_by(issue, "dead-run", seconds=-1)
    first = Subscriber.objects.order_by("pk").first()
    Delivery.objects.create(
        issue=issue, subscriber=first, status=DeliveryStatus.CLAIMED, claimed_by="dead-run"
    )
    report = services.digest_send(issue=issue)
    assert (report.busy, report.sent) == ("", 3)
    assert smtp_inbox.recipients() == emails
    taken = Delivery.objects.get(subscriber=first)
    assert taken.status == DeliveryStatus.SENT
    assert taken.claimed_by != "dead-run"
    issue.refresh_from_db()
    assert (issue.send_owner, issue.send_lease_expires_at) == ("", None)  # released


def test_a_run_whose_lease_was_taken_over_stops_before_its_next_copy(
    smtp_inbox, settings, monkeypatch
):
    issue = digest_for(*((email, SubscriberStatus.CONFIRMED) for email in everyone(5)))
    settings.DIGEST_LEASE_SECONDS = 0  # renew (and check) before every copy
    real_message = services.digest_message
    built = {"count": 0}

    def message_then_lose_the_lease(content, subscriber):
        built["count"] += 1
        if built["count"] == 2:
            # Another run takes the lease while this one is between copies.
            lease_held_by(issue, "newer-run", seconds=60)
        return real_message(content, subscriber)

    monkeypatch.setattr(services, "digest_message", message_then_lose_the_lease)
    report = services.digest_send(issue=issue)
    assert "taken over" in report.busy
    assert report.sent == 2
    assert len(smtp_inbox.messages) == 2
    issue.refresh_from_db()
    assert issue.sent_at is None
    assert issue.send_owner == "newer-run"  # a lost lease is not released by its loser


def test_two_runs_racing_for_the_lease_one_wins():
    issue = digest_for(("a@example.com", SubscriberStatus.CONFIRMED))
    first, second = services.SendLease(issue), services.SendLease(issue)
    first.take()
    with pytest.raises(services.SendInProgress):
        second.take()
    first.release()
    second.take()
    assert DigestIssue.objects.get().send_owner == second.owner
