"""The community's numbers: one home for every figure the site shows about votes and picks.

Plain Python over counters; no database. Shares are the panel's rule
(verdicts.shares), so a percentage reads the same whoever voted.
"""

from dataclasses import dataclass
from math import sqrt

from verdicts.shares import ShipSkip, ship_percent

# Under this many votes a result is shown as early.
EARLY_VOTES = 10
# Panel and community ship percentages this far apart are called out.
DISAGREEMENT_POINTS = 30
# 95% two-sided normal quantile, for the Wilson score interval.
Z_95 = 1.959964


def wilson_interval(*, successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion, as (low, high) in 0..1; None without trials."""
    if trials == 0:
        return None
    share = successes / trials
    z2 = z * z
    centre = (share + z2 / (2 * trials)) / (1 + z2 / trials)
    spread = sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    margin = z * spread / (1 + z2 / trials)
    return max(0.0, centre - margin), min(1.0, centre + margin)


def votes_label(count: int, noun: str = "vote") -> str:
    """“1 vote”, “8 votes”."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class CommunitySummary(ShipSkip):
    """A tool's community verdict from its counters."""

    @property
    def votes(self) -> int:
        return self.total

    @property
    def label(self) -> str:
        """“62% ship · 13 votes”, or “No community votes yet”: never a percentage alone."""
        if not self.votes:
            return "No community votes yet"
        return f"{self.ship_percent}% ship · {votes_label(self.votes)}"

    @property
    def is_early(self) -> bool:
        return 0 < self.votes < EARLY_VOTES

    @property
    def early_note(self) -> str:
        """Why an early result is marked, for the reader."""
        return f"early: fewer than {EARLY_VOTES} votes"

    @property
    def interval_percent(self) -> tuple[int, int] | None:
        """The 95% range of the ship share, in whole percents (low rounded down, high up)."""
        interval = wilson_interval(successes=self.ship, trials=self.votes)
        if interval is None:
            return None
        low, high = interval
        return int(low * 100), min(100, int(-(-high * 100 // 1)))

    @property
    def interval_width(self) -> int | None:
        """How many points the 95% range spans (for drawing it as a band)."""
        if self.interval_percent is None:
            return None
        low, high = self.interval_percent
        return high - low


def panel_and_community_disagree(
    panel_percent: int | None, community_percent: int | None, *, votes: int
) -> bool:
    """True when both exist, the community has EARLY_VOTES votes or more, and they stand
    DISAGREEMENT_POINTS or more apart: one reader's skip is not the community parting ways."""
    if panel_percent is None or community_percent is None or votes < EARLY_VOTES:
        return False
    return abs(panel_percent - community_percent) >= DISAGREEMENT_POINTS


@dataclass(frozen=True)
class PickSplit:
    """Head-to-head picks between two tools, in the reader's order."""

    left_name: str
    right_name: str
    left: int = 0
    right: int = 0

    @property
    def picks(self) -> int:
        return self.left + self.right

    @property
    def left_percent(self) -> int | None:
        return ship_percent(ship=self.left, skip=self.right)

    @property
    def right_percent(self) -> int | None:
        return None if self.left_percent is None else 100 - self.left_percent

    @property
    def label(self) -> str:
        """“64% pick Baton · 25 picks”, naming the leader; “No picks yet” without any."""
        if not self.picks:
            return "No picks yet"
        if self.left == self.right:
            return f"Even split · {votes_label(self.picks, 'pick')}"
        if self.left > self.right:
            leader, percent = self.left_name, self.left_percent
        else:
            leader, percent = self.right_name, self.right_percent
        return f"{percent}% pick {leader} · {votes_label(self.picks, 'pick')}"
