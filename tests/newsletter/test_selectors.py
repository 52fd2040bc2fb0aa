import uuid
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from newsletter import selectors
from newsletter.models import Delivery, DigestIssue, DigestItem, SubscriberStatus
from newsletter.selectors import LinkState
from newsletter.tokens import CONFIRM_MAX_AGE, confirmation_token
from newsletter.weeks import week_bounds
from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tests.newsletter.conftest import link_token, subscriber_create
from tools.models import FeaturedComparison, Tool
from votes.models import Vote

WEEK = "2026-W48"
START, END = week_bounds(WEEK)
IN_WEEK = START + timedelta(days=2)
BEFORE = START - timedelta(days=3)


def at(queryset, when):
    queryset.update(created_at=when)


History = PanelReview.history.model


def flip_in_week(tool, *, persona="skeptic", when=IN_WEEK, back=False):
    """A take added as skip before the week and moved to ship at `when` (and back, if asked)."""
    take = PanelReviewFactory(tool=tool, persona=persona, score=50, verdict="skip")
    History.objects.filter(id=take.pk).update(history_date=BEFORE)
    take.score, take.verdict = 70, "ship"
    take.save()
    History.objects.filter(id=take.pk, history_type="~").update(history_date=when)
    if back:
        take.score, take.verdict = 45, "skip"
        take.save()
        History.objects.filter(id=take.pk, history_date__gt=when).update(
            history_date=when + timedelta(hours=1)
        )
    return take


@pytest.mark.parametrize("tool_count", [5, 60])
def test_the_weeks_activity_takes_five_queries_whatever_the_catalog_size(
    lazy_loads_raise, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    at(PanelReview.objects.all(), IN_WEEK)
    for left, right in zip(tools[:3], tools[3:6], strict=False):
        FeaturedComparison.objects.create(left=left, right=right)
    FeaturedComparison.objects.update(created_at=IN_WEEK)
    Vote.objects.bulk_create(Vote(visitor=uuid.uuid4(), tool=tool, value="ship") for tool in tools)
    Vote.objects.update(updated_at=IN_WEEK)
    # catalog_create gives every fifth tool a full panel; the others have no creator yet.
    flipped = [tool for index, tool in enumerate(tools) if index % 5 != 4]
    for tool in flipped:
        flip_in_week(tool, persona="creator")
    with django_assert_num_queries(5):
        activity = selectors.week_activity(week=WEEK)
    assert len(activity.flips) == len(flipped)
    assert len(activity.verdicts) == tool_count
    assert len(activity.featured) == min(3, tool_count // 2)
    assert len(activity.movers) == tool_count


def test_the_week_is_what_happened_between_monday_and_the_next_monday(db):
    new = ToolFactory(name="New this week")
    old = ToolFactory(name="Reviewed before")
    draft = ToolFactory(name="Still a draft", is_published=False)
    PanelReviewFactory(tool=new, persona="builder")
    PanelReviewFactory(tool=new, persona="skeptic", verdict="skip")
    PanelReviewFactory(tool=old)
    PanelReviewFactory(tool=draft)
    at(PanelReview.objects.all(), IN_WEEK)
    at(PanelReview.objects.filter(tool=old), BEFORE)
    # An older take on the new tool still counts in its panel.
    at(PanelReview.objects.filter(tool=new, persona="skeptic"), BEFORE)
    pair = FeaturedComparison.objects.create(left=new, right=old, note="Worth a look.")
    FeaturedComparison.objects.filter(pk=pair.pk).update(created_at=IN_WEEK)
    FeaturedComparison.objects.create(left=old, right=draft)  # a draft: never featured
    for value in ("ship", "ship", "skip"):
        Vote.objects.create(visitor=uuid.uuid4(), tool=old, value=value)
    Vote.objects.create(visitor=uuid.uuid4(), tool=new, value="ship")
    Vote.objects.update(updated_at=IN_WEEK)
    Vote.objects.filter(tool=new).update(updated_at=END)  # next week's

    activity = selectors.week_activity(week=WEEK)
    assert [(v.name, v.panel.ship, v.panel.skip) for v in activity.verdicts] == [
        ("New this week", 1, 1)
    ]
    assert activity.verdicts[0].path == new.get_absolute_url()
    assert [(f.left, f.right, f.note) for f in activity.featured] == [
        ("New this week", "Reviewed before", "Worth a look.")
    ]
    assert activity.featured[0].path == f"/compare/{new.slug}-vs-{old.slug}/"
    # The panel's pick in the compare page's own words.
    assert activity.featured[0].pick == (
        "The panel's pick: Reviewed before. "
        "1 of 1 reviewers ship it, against 1 of 2 for New this week."
    )
    assert [(m.name, m.ship, m.skip) for m in activity.movers] == [("Reviewed before", 2, 1)]
    assert Tool.objects.count() == 3


@pytest.mark.parametrize("issue_count", [2, 30])
def test_the_archive_is_one_query_and_an_issue_two(
    lazy_loads_raise, db, django_assert_num_queries, issue_count
):
    for index in range(issue_count):
        issue = DigestIssue.objects.create(week=f"2025-W{index + 1:02d}", sent_at=timezone.now())
        DigestItem.objects.create(issue=issue, kind="verdict", title="A", path="/tools/a/")
    DigestIssue.objects.create(week="2026-W01")  # not sent
    with django_assert_num_queries(1):
        issues = selectors.digest_issues_sent()
    assert [issue.week for issue in issues][:2] == [
        f"2025-W{issue_count:02d}",
        f"2025-W{issue_count - 1:02d}",
    ]
    assert len(issues) == issue_count
    with django_assert_num_queries(2):
        issue, items = selectors.digest_issue_sent_get(week="2025-W01")
    assert [item.title for item in items] == ["A"]
    with pytest.raises(DigestIssue.DoesNotExist):
        selectors.digest_issue_sent_get(week="2026-W01")


def test_recipients_are_the_confirmed_without_a_finished_copy_streamed_by_id(db):
    issue = DigestIssue.objects.create(week=WEEK)
    sent, failed, claimed, fresh = (
        subscriber_create(f"{name}@example.com") for name in ("sent", "failed", "claimed", "fresh")
    )
    subscriber_create("pending@example.com", SubscriberStatus.PENDING)
    subscriber_create("gone@example.com", SubscriberStatus.UNSUBSCRIBED)
    for subscriber, status in ((sent, "sent"), (failed, "failed"), (claimed, "claimed")):
        Delivery.objects.create(issue=issue, subscriber=subscriber, status=status)
    other = DigestIssue.objects.create(week="2026-W47")
    Delivery.objects.create(issue=other, subscriber=fresh, status="sent")

    stream = selectors.digest_recipients(issue=issue)
    assert iter(stream) is stream  # a generator, not a list
    assert [s.email for s in stream] == ["claimed@example.com", "fresh@example.com"]
    assert selectors.digest_recipients_count(issue=issue) == 2


def test_a_confirmation_link_says_what_it_stands_for(db, monkeypatch):
    assert selectors.confirmation_link_get(token="nonsense").state == LinkState.INVALID
    unknown = link_token("a@example.com")
    assert selectors.confirmation_link_get(token=unknown).state == LinkState.INVALID
    subscriber = subscriber_create("a@example.com", SubscriberStatus.PENDING)
    token = confirmation_token(subscriber)
    assert selectors.confirmation_link_get(token=token) == selectors.ConfirmationLink(
        LinkState.PENDING, "a@example.com"
    )
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.save()
    assert selectors.confirmation_link_get(token=token).state == LinkState.CONFIRMED
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.save()
    assert selectors.confirmation_link_get(token=token).state == LinkState.WITHDRAWN

    later = timezone.now() + timedelta(seconds=CONFIRM_MAX_AGE + 1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    assert selectors.confirmation_link_get(token=token) == selectors.ConfirmationLink(
        LinkState.EXPIRED, "a@example.com"
    )


def test_the_weeks_flips_are_listed_and_no_other_weeks(db):
    patchwright = ToolFactory(name="Patchwright")
    flip_in_week(patchwright)
    flip_in_week(ToolFactory(name="Last week"), when=BEFORE + timedelta(hours=1))
    flip_in_week(ToolFactory(name="Next week"), when=END)
    flip_in_week(ToolFactory(name="Hidden", is_published=False))
    flip_in_week(ToolFactory(name="Changed its mind back"), back=True)
    rescored = PanelReviewFactory(tool=ToolFactory(name="Rescored"), score=60)
    rescored.score = 65
    rescored.save()
    History.objects.filter(id=rescored.pk).update(history_date=IN_WEEK)

    flips = selectors.week_activity(week=WEEK).flips
    # In the order they happened; the digest nets them out (newsletter.digest.week_flips).
    assert [
        (flip.tool, flip.persona, flip.verdict_before, flip.verdict_after) for flip in flips
    ] == [
        ("Patchwright", "skeptic", "skip", "ship"),
        ("Changed its mind back", "skeptic", "skip", "ship"),
        ("Changed its mind back", "skeptic", "ship", "skip"),
    ]
    assert flips[0].path == f"{patchwright.get_absolute_url()}#history"


def test_the_digest_lists_the_weeks_net_flips(db):
    from newsletter.services import digest_compose

    flip_in_week(ToolFactory(name="Patchwright"))
    flip_in_week(ToolFactory(name="Changed its mind back"), back=True)
    flip_in_week(ToolFactory(name="Last week"), when=BEFORE + timedelta(hours=1))
    issue, _ = digest_compose(week=WEEK)
    flips = [(item.title, item.summary) for item in issue.items.filter(kind="flip")]
    assert flips == [
        (
            "Skeptic flipped Patchwright to ship",
            "Skeptic moved from skip to ship. Score rose from 50 to 70.",
        )
    ]
