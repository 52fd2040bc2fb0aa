"""Reads for the newsletter, each a fixed number of queries: the week's activity, the archive,
the state of a confirmation link and the stream of a digest's recipients."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from newsletter.digest import WeekFeatured, WeekFlip, WeekMover, WeekVerdict
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestItem,
    Subscriber,
    SubscriberStatus,
)
from newsletter.tokens import confirmation_claim
from newsletter.weeks import week_bounds
from plumbing.drafts import published
from plumbing.pairs import comparison_path
from reviews.history import ChangeKind
from reviews.models import PanelReview
from reviews.selectors import panel_changes, take_changes
from tools.models import FeaturedComparison, Tool
from tools.pick import pick_summary
from verdicts.vocabulary import Verdict
from votes.models import Vote

# Subscribers fetched per round trip while a digest goes out.
RECIPIENT_CHUNK = 500


@dataclass(frozen=True)
class WeekActivity:
    verdicts: list[WeekVerdict]
    featured: list[WeekFeatured]
    movers: list[WeekMover]
    flips: Sequence[WeekFlip] = ()


def week_flips_list(*, start, end) -> list[WeekFlip]:
    """The verdict flips on published tools between `start` and `end`, oldest first (one query).

    Each change is told against the take's record before it, even one from
    before the span (the history stores it with the change).
    """
    rows = take_changes(changed_between=(start, end))
    changes = [change for change in panel_changes(rows) if change.event.kind is ChangeKind.FLIPPED]
    return [
        WeekFlip(
            tool=change.tool_name,
            path=f"{reverse('tools:detail', args=[change.tool_slug])}#history",
            persona=change.event.after.persona,
            verdict_before=change.event.before.verdict,
            verdict_after=change.event.after.verdict,
            score_before=change.event.before.score,
            score_after=change.event.after.score,
        )
        for change in reversed(changes)
    ]


def week_activity(*, week: str) -> WeekActivity:
    """What happened on the site in an ISO week, for composing its digest (five queries)."""
    start, end = week_bounds(week)
    new_takes = PanelReview.objects.filter(
        tool=OuterRef("pk"), created_at__gte=start, created_at__lt=end
    )
    tools = Tool.objects.published().filter(Exists(new_takes)).with_panel()
    verdicts = [
        WeekVerdict(
            name=tool.name, path=tool.get_absolute_url(), tagline=tool.tagline, panel=tool.panel
        )
        for tool in tools
    ]
    pairs = (
        FeaturedComparison.objects.published()
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("left", "right")
    )
    featured = [
        WeekFeatured(
            left=pair.left.name,
            right=pair.right.name,
            path=comparison_path(pair.left.slug, pair.right.slug),
            note=pair.note,
            # From the stored panel numbers: no takes are loaded.
            pick=pick_summary(
                pair.left, pair.left.panel_counts, pair.right, pair.right.panel_counts
            ).sentence,
        )
        for pair in pairs
    ]
    votes = (
        Vote.objects.filter(published("tool"), updated_at__gte=start, updated_at__lt=end)
        .values("tool__name", "tool__slug")
        .annotate(
            ship=Count("pk", filter=Q(value=Verdict.SHIP)),
            skip=Count("pk", filter=Q(value=Verdict.SKIP)),
        )
        .order_by("tool__name")
    )
    movers = [
        WeekMover(
            name=row["tool__name"],
            path=reverse("tools:detail", args=[row["tool__slug"]]),
            ship=row["ship"],
            skip=row["skip"],
        )
        for row in votes
    ]
    return WeekActivity(
        verdicts=verdicts,
        featured=featured,
        movers=movers,
        flips=week_flips_list(start=start, end=end),
    )


def digest_issues_unfinished(*, exclude_week: str = "") -> list[DigestIssue]:
    """Issues whose send began and has not finished, oldest week first (one query)."""
    return list(
        DigestIssue.objects.filter(sent_at__isnull=True, deliveries__isnull=False)
        .exclude(week=exclude_week)
        .distinct()
        .order_by("week")
    )


def digest_issues_sent() -> list[DigestIssue]:
    """The public archive, newest week first (one query)."""
    return list(DigestIssue.objects.sent().only("week", "intro", "sent_at"))


def digest_issue_sent_get(*, week: str) -> tuple[DigestIssue, list[DigestItem]]:
    """A sent issue and its items (two queries); DigestIssue.DoesNotExist otherwise."""
    issue = DigestIssue.objects.sent().get(week=week)
    return issue, list(issue.items.all())


def _recipients(issue: DigestIssue):
    finished = Delivery.objects.filter(
        issue=issue,
        subscriber=OuterRef("pk"),
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED],
    )
    return Subscriber.objects.confirmed().filter(~Exists(finished))


def _streamed(subscribers) -> Iterator[Subscriber]:
    """Subscribers by id with only what a copy needs, fetched in chunks."""
    return (
        subscribers.only("pk", "email", "unsubscribe_token")
        .order_by("pk")
        .iterator(chunk_size=RECIPIENT_CHUNK)
    )


def _retrying(issue: DigestIssue):
    return Subscriber.objects.confirmed().filter(
        deliveries__issue=issue, deliveries__status=DeliveryStatus.RETRY
    )


def digest_recipients(*, issue: DigestIssue) -> Iterator[Subscriber]:
    """Confirmed subscribers who have not had this issue, by id, streamed in chunks.

    A delivery still marked claimed belongs to a run that stopped before it
    finished that copy, so its subscriber is a recipient again.
    """
    return _streamed(_recipients(issue))


def digest_retry_recipients(*, issue: DigestIssue) -> Iterator[Subscriber]:
    """Confirmed subscribers whose copy the server put off, by id, streamed."""
    return _streamed(_retrying(issue))


def digest_retry_count(*, issue: DigestIssue) -> int:
    """How many copies of this issue wait to be tried again (one query)."""
    return _retrying(issue).count()


def digest_recipients_count(*, issue: DigestIssue) -> int:
    """How many copies a send of this issue would still make (one query)."""
    return _recipients(issue).count()


class LinkState(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    # The address unsubscribed after this link was sent: it must sign up anew.
    WITHDRAWN = "withdrawn"
    INVALID = "invalid"


@dataclass(frozen=True)
class ConfirmationLink:
    state: LinkState
    email: str = ""


def confirmation_link_get(*, token: str) -> ConfirmationLink:
    """What a confirmation link stands for now (at most one query)."""
    try:
        claim, expired = confirmation_claim(token), False
    except signing.SignatureExpired:
        claim, expired = confirmation_claim(token, max_age=None), True
    except signing.BadSignature:
        return ConfirmationLink(LinkState.INVALID)
    subscriber = (
        Subscriber.objects.filter(pk=claim.subscriber_id)
        .only("email", "status", "unsubscribed_at")
        .first()
    )
    if subscriber is None:
        return ConfirmationLink(LinkState.INVALID)
    if expired:
        return ConfirmationLink(LinkState.EXPIRED, subscriber.email)
    if not claim.matches(subscriber) or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return ConfirmationLink(LinkState.WITHDRAWN, subscriber.email)
    state = {
        SubscriberStatus.PENDING: LinkState.PENDING,
        SubscriberStatus.CONFIRMED: LinkState.CONFIRMED,
    }[subscriber.status]
    return ConfirmationLink(state, subscriber.email)


def subscriber_by_token(*, token: str) -> Subscriber | None:
    """The subscriber an unsubscribe link is for (one query)."""
    return Subscriber.objects.filter(unsubscribe_token=token).first()
