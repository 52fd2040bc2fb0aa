"""
Whether a tool's listing may be out of date: one rule, as Python for the pages
and as a query for the admin's filter (a test holds the two to one answer).

A listing has two parts an editor keeps: its pricing and entry tier, which
they mark verified on a day (`Tool.pricing_verified_on`), and its panel, whose
last change the takes stamp (`Tool.panel_changed_at`). Either part left alone
for FRESHNESS_DAYS makes the listing possibly out of date, and the page says
which: a price checked last week does not vouch for takes written a year ago,
nor the other way round. Pricing never verified was last looked at when the
tool was entered (the editor who listed it wrote it down), so a new listing is
not marked and an old one is; a tool without takes has no panel to go stale.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import dateformat, timezone

FRESHNESS_DAYS = 180
# As the pages print a day (the `date` filter's "j M Y"): 2 Mar 2026.
DAY_FORMAT = "j M Y"


def today() -> datetime.date:
    """The day the rule is read on, in the site's time zone (tests move it)."""
    return timezone.localdate()


def is_old(day: datetime.date | None, *, today: datetime.date) -> bool:
    """True when `day` is FRESHNESS_DAYS or more before `today`, or unknown."""
    return day is None or (today - day).days >= FRESHNESS_DAYS


@dataclass(frozen=True)
class Freshness:
    """How fresh each part of a listing is on `today`."""

    pricing_verified_on: datetime.date | None
    panel_changed_on: datetime.date | None
    pricing_old: bool
    panel_old: bool

    @property
    def possibly_out_of_date(self) -> bool:
        return self.pricing_old or self.panel_old

    @property
    def days(self) -> int:
        return FRESHNESS_DAYS

    @property
    def pricing_label(self) -> str:
        """“Pricing verified 2 Mar 2026”, or “Pricing not verified yet”."""
        if self.pricing_verified_on is None:
            return "Pricing not verified yet"
        return f"Pricing verified {dateformat.format(self.pricing_verified_on, DAY_FORMAT)}"

    @property
    def panel_label(self) -> str:
        """“Panel last changed 3 Sep 2026”, or “No takes yet”."""
        if self.panel_changed_on is None:
            return "No takes yet"
        return f"Panel last changed {dateformat.format(self.panel_changed_on, DAY_FORMAT)}"

    @property
    def old_parts(self) -> list[str]:
        """The labels of the parts that are old, pricing first."""
        parts = ((self.pricing_label, self.pricing_old), (self.panel_label, self.panel_old))
        return [label for label, old in parts if old]

    @property
    def state(self) -> str:
        """A short token of which parts are old, for cache keys: it moves with the calendar."""
        return f"{'p' if self.pricing_old else ''}{'t' if self.panel_old else ''}" or "fresh"


def tool_freshness(
    *,
    pricing_verified_on: datetime.date | None,
    panel_changed_at: datetime.datetime | None,
    has_takes: bool,
    entered_at: datetime.datetime | None,
    today: datetime.date,
) -> Freshness:
    """The rule: each part is old from FRESHNESS_DAYS after it was last looked at."""
    # Days as readers count them: in the site's time zone, as pages print dates.
    panel_changed_on = panel_changed_at and timezone.localdate(panel_changed_at)
    pricing_looked_at = pricing_verified_on or (entered_at and timezone.localdate(entered_at))
    return Freshness(
        pricing_verified_on=pricing_verified_on,
        panel_changed_on=panel_changed_on,
        pricing_old=is_old(pricing_looked_at, today=today),
        panel_old=has_takes and is_old(panel_changed_on, today=today),
    )


def _last_fresh_day(today: datetime.date) -> datetime.date:
    # The earliest day that is not old today: a day before it is.
    return today - datetime.timedelta(days=FRESHNESS_DAYS - 1)


def _fresh_from(today: datetime.date) -> datetime.datetime:
    # The start of the earliest fresh day in the site's time zone, as the rule
    # reads a time's local date.
    return timezone.make_aware(
        datetime.datetime.combine(_last_fresh_day(today), datetime.time.min)
    )


def pricing_old_q(*, today: datetime.date) -> Q:
    """Tools whose pricing is old today: tool_freshness's pricing part, as a query."""
    return Q(pricing_verified_on__lt=_last_fresh_day(today)) | Q(
        pricing_verified_on__isnull=True, created_at__lt=_fresh_from(today)
    )


def panel_old_q(*, today: datetime.date) -> Q:
    """Tools whose panel is old today: tool_freshness's panel part, as a query."""
    fresh_from = _fresh_from(today)
    return Q(take_count__gt=0) & (
        Q(panel_changed_at__isnull=True) | Q(panel_changed_at__lt=fresh_from)
    )


def possibly_out_of_date_q(*, today: datetime.date) -> Q:
    """Tools possibly out of date today: Freshness.possibly_out_of_date as a query."""
    return pricing_old_q(today=today) | panel_old_q(today=today)
