"""ISO weeks, as the digest names them ("2026-W48"). Plain Python, no database."""

import re
from datetime import UTC, date, datetime, timedelta

WEEK_FORMAT = re.compile(r"^(\d{4})-W(\d{2})$")


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """The week's start (Monday 00:00 UTC) and the next week's start; ValueError if malformed."""
    match = WEEK_FORMAT.match(week)
    if not match:
        raise ValueError(f"{week!r} is not an ISO week like 2026-W48")
    monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    start = datetime(monday.year, monday.month, monday.day, tzinfo=UTC)
    try:
        return start, start + timedelta(days=7)
    except OverflowError:  # the last week of year 9999 has no next Monday
        raise ValueError(f"{week!r} is past the last week this site can date") from None


def week_label(week: str) -> str:
    """“23 to 29 November 2026” for the week's Monday to Sunday."""
    start, end = week_bounds(week)
    sunday = end - timedelta(days=1)
    if start.month == sunday.month:
        return f"{start.day} to {sunday.day} {sunday:%B %Y}"
    return f"{start.day} {start:%B} to {sunday.day} {sunday:%B %Y}"
