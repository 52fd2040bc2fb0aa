"""Which tools go in a week's digest, in what order and in which words. Plain Python, no database.

The selectors gather the week's rows; `digest_items` decides. Percentages and
labels come from reviews.panel and votes.community, so an email never words a
verdict differently from the site.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsletter.models import DigestItemKind
from reviews.history import ChangeKind, TakeEvent, TakeRecord
from reviews.models import Persona
from verdicts.community import CommunitySummary, votes_label
from verdicts.panel import PanelSummary
from verdicts.ranking import panel_rank_key

# The community section names at most this many tools.
MOVERS = 3
# A tool needs this many votes in the week to be a mover: one reader is not a trend.
MOVER_MIN_VOTES = 5


@dataclass(frozen=True)
class WeekVerdict:
    """A published tool whose panel takes appeared this week, with its whole panel."""

    name: str
    path: str
    tagline: str
    panel: PanelSummary


@dataclass(frozen=True)
class WeekFlip:
    """A panel take on a published tool whose verdict flipped this week."""

    tool: str
    path: str
    persona: str
    verdict_before: str
    verdict_after: str
    score_before: int
    score_after: int

    @property
    def event(self) -> TakeEvent:
        """The flip as reviews.history words it."""

        def state(verdict, score):
            return TakeRecord(type="~", persona=self.persona, score=score, verdict=verdict)

        return TakeEvent(
            ChangeKind.FLIPPED,
            after=state(self.verdict_after, self.score_after),
            before=state(self.verdict_before, self.score_before),
        )


@dataclass(frozen=True)
class WeekFeatured:
    """A pair the editors featured this week."""

    left: str
    right: str
    path: str
    note: str
    pick: str = ""  # the panel's pick in words (tools.pick), as the compare page opens


@dataclass(frozen=True)
class WeekMover:
    """A tool's community votes cast or changed this week."""

    name: str
    path: str
    ship: int
    skip: int

    @property
    def votes(self) -> int:
        return self.ship + self.skip


@dataclass(frozen=True)
class ItemDraft:
    kind: str
    title: str
    summary: str
    path: str


def verdict_item(verdict: WeekVerdict) -> ItemDraft:
    return ItemDraft(
        kind=DigestItemKind.VERDICT,
        title=f"{verdict.name}: {verdict.panel.verdict_label} ({verdict.panel.counts_label})",
        summary=verdict.tagline,
        path=verdict.path,
    )


def flip_item(flip: WeekFlip) -> ItemDraft:
    event = flip.event
    return ItemDraft(
        kind=DigestItemKind.FLIP,
        title=event.flip_sentence(flip.tool),
        summary=f"{event.sentence}. {event.detail}.",
        path=flip.path,
    )


def week_flips(flips: list[WeekFlip]) -> list[WeekFlip]:
    """The week's flips, one per tool and persona, by tool name and then in panel order.

    `flips` in the order they happened. A take flipped more than once counts
    from where it stood before its first flip to where it ended; flipped back,
    it did not change its verdict this week and is left out.
    """
    net: dict[tuple[str, str], WeekFlip] = {}
    for flip in flips:
        key = (flip.path, flip.persona)
        first = net.get(key, flip)
        net[key] = replace(first, verdict_after=flip.verdict_after, score_after=flip.score_after)
    return sorted(
        (flip for flip in net.values() if flip.verdict_before != flip.verdict_after),
        key=lambda flip: (flip.tool.casefold(), flip.path, Persona.values.index(flip.persona)),
    )


def featured_item(pair: WeekFeatured) -> ItemDraft:
    return ItemDraft(
        kind=DigestItemKind.FEATURED,
        title=f"{pair.left} vs {pair.right}",
        summary=" ".join(text for text in (pair.pick, pair.note) if text),
        path=pair.path,
    )


def mover_item(mover: WeekMover) -> ItemDraft:
    week = CommunitySummary(ship=mover.ship, skip=mover.skip)
    # Marked as the site marks a share from few votes.
    early = f" ({week.early_note.capitalize()}.)" if week.is_early else ""
    return ItemDraft(
        kind=DigestItemKind.COMMUNITY,
        title=f"{mover.name}: {votes_label(mover.votes)} this week",
        summary=f"{week.ship_percent}% of this week's votes said ship.{early}",
        path=mover.path,
    )


def digest_items(
    *,
    verdicts: list[WeekVerdict],
    featured: list[WeekFeatured],
    movers: list[WeekMover],
    flips: Sequence[WeekFlip] = (),
    movers_limit: int = MOVERS,
) -> list[ItemDraft]:
    """The issue's items: verdicts, the panel's flips, featured pairs, then the community's
    busiest tools.

    Verdicts run in the site's one ranking order (verdicts.ranking); tools
    without takes are left out. Flips are each take's net change of verdict
    in the week (`week_flips`). Featured pairs keep the editors' order.
    Movers are the tools with the most votes this week, at most `movers_limit`,
    each with MOVER_MIN_VOTES votes or more.
    """
    with_takes = [verdict for verdict in verdicts if verdict.panel.takes]
    with_takes.sort(key=lambda verdict: panel_rank_key(verdict.panel, verdict.name))
    busiest = sorted(
        (mover for mover in movers if mover.votes >= MOVER_MIN_VOTES),
        key=lambda m: (-m.votes, m.name.casefold()),
    )[:movers_limit]
    return [
        *(verdict_item(verdict) for verdict in with_takes),
        *(flip_item(flip) for flip in week_flips(list(flips))),
        *(featured_item(pair) for pair in featured),
        *(mover_item(mover) for mover in busiest),
    ]
