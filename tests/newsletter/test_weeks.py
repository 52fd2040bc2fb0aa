from datetime import UTC, date, datetime

import pytest

from newsletter.weeks import week_bounds, week_label, week_of


def test_week_of_a_day():
    assert week_of(date(2026, 11, 25)) == "2026-W48"
    assert week_of(date(2027, 1, 1)) == "2026-W53"


def test_week_bounds_run_monday_to_monday():
    assert week_bounds("2026-W48") == (
        datetime(2026, 11, 23, tzinfo=UTC),
        datetime(2026, 11, 30, tzinfo=UTC),
    )


@pytest.mark.parametrize("text", ["2026-48", "2026-W4", "W48", "2026-W60", ""])
def test_malformed_weeks_are_refused(text):
    with pytest.raises(ValueError):  # noqa: PT011 - each message names the bad text
        week_bounds(text)


def test_week_labels():
    assert week_label("2026-W48") == "23 to 29 November 2026"
    assert week_label("2026-W49") == "30 November to 6 December 2026"


def test_a_week_past_the_calendars_end_is_a_value_error():
    with pytest.raises(ValueError, match="past the last week"):
        week_bounds("9999-W52")
