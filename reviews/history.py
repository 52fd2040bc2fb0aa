"""What a change to a panel take means to a reader: plain Python, no database.

A take's history (reviews.models.PanelReview.history) is one record per save
or delete. `take_event` reads one record against the one before it and says
what changed: a take added, a verdict flipped, a score moved, a take removed.
A save that changed only the text (a typo mended, a sentence added) is no
event: readers follow verdicts and scores, and the text itself is on the page.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from reviews.models import Persona, TakeSource

# simple-history's history_type values.
ADDED, CHANGED, REMOVED = "+", "~", "-"


class ChangeKind(StrEnum):
    ADDED = "added"
    FLIPPED = "flipped"
    RESCORED = "rescored"
    REMOVED = "removed"


@dataclass(frozen=True)
class TakeRecord:
    """One history record of a take, as the rule needs it."""

    type: str  # "+", "~" or "-"
    persona: str
    score: int
    verdict: str
    source: str = TakeSource.OTHER


@dataclass(frozen=True)
class TakeEvent:
    """A change worth telling readers, with the take before it (None when added) and after."""

    kind: ChangeKind
    after: TakeRecord
    before: TakeRecord | None = None

    @property
    def persona_name(self) -> str:
        return Persona(self.after.persona).label

    @property
    def sentence(self) -> str:
        """“Skeptic moved from skip to ship”, “Builder's score rose from 72 to 80”."""
        name, after, before = self.persona_name, self.after, self.before
        if self.kind is ChangeKind.ADDED:
            return f"{name}'s take added"
        if self.kind is ChangeKind.REMOVED:
            return f"{name}'s take removed"
        if self.kind is ChangeKind.FLIPPED:
            return f"{name} moved from {before.verdict} to {after.verdict}"
        return f"{name}'s score {_moved(before.score, after.score)}"

    @property
    def detail(self) -> str:
        """What the take says after the change, or what moved beside the verdict."""
        after, before = self.after, self.before
        if self.kind is ChangeKind.ADDED:
            # A backfilled record holds the values a take had when history began,
            # not necessarily those it was added with.
            if after.source == TakeSource.BACKFILL:
                return ""
            return f"{after.verdict.capitalize()} · {after.score}/100"
        if self.kind is ChangeKind.REMOVED:
            return f"It said {after.verdict} · {after.score}/100"
        if self.kind is ChangeKind.FLIPPED:
            if before.score == after.score:
                return f"Score unchanged at {after.score}/100"
            return f"Score {_moved(before.score, after.score)}"
        return f"Still {after.verdict}"

    def sentence_on(self, tool_name: str) -> str:
        """The sentence naming the tool, for a list of changes across the catalog."""
        return f"{tool_name}: {self.sentence}"

    def flip_sentence(self, tool_name: str) -> str:
        """“Skeptic flipped Patchwright to ship”, as the digest puts a flip."""
        return f"{self.persona_name} flipped {tool_name} to {self.after.verdict}"


def _moved(before: int, after: int) -> str:
    return f"{'rose' if after > before else 'fell'} from {before} to {after}"


def take_event(before: TakeRecord | None, after: TakeRecord) -> TakeEvent | None:
    """What `after` changed, read against the take's record before it; None if nothing shown.

    A changed record without one before it (history began after the take)
    cannot say what moved, so it is no event either.
    """
    if after.type == ADDED:
        return TakeEvent(ChangeKind.ADDED, after)
    if after.type == REMOVED:
        return TakeEvent(ChangeKind.REMOVED, after, before)
    if before is None:
        return None
    if after.verdict != before.verdict:
        return TakeEvent(ChangeKind.FLIPPED, after, before)
    if after.score != before.score:
        return TakeEvent(ChangeKind.RESCORED, after, before)
    return None


def take_events(records: Iterable[TakeRecord]) -> Iterator[TakeEvent]:
    """The events in one take's records, oldest first, each read against the one before."""
    before = None
    for record in records:
        event = take_event(before, record)
        if event is not None:
            yield event
        before = record
