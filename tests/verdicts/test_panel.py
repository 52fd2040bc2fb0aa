from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from verdicts.panel import (
    PanelSummary,
    PanelVerdict,
    average_score,
    disagreeing_personas,
    panel_verdict,
    verdict_counts_label,
)
from verdicts.shares import ship_percent


@pytest.mark.parametrize(
    ("ship", "skip", "expected"),
    [
        (3, 1, 75),
        (4, 0, 100),
        (0, 5, 0),
        (1, 2, 33),  # 33.33…
        (2, 1, 67),  # 66.66…
        (1, 7, 13),  # 12.5 rounds half up
        (3, 5, 38),  # 37.5 rounds half up
        (1, 1, 50),
    ],
)
def test_ship_percent_rounds_to_whole_percent_halves_up(ship, skip, expected):
    assert ship_percent(ship=ship, skip=skip) == expected


def test_ship_percent_is_none_without_takes():
    assert ship_percent(ship=0, skip=0) is None


def test_counts_label_reads_ship_then_skip():
    assert verdict_counts_label(ship=3, skip=1) == "3 ship / 1 skip"
    assert verdict_counts_label(ship=0, skip=0) == "0 ship / 0 skip"


@pytest.mark.parametrize(
    ("ship", "skip", "expected"),
    [
        (3, 1, PanelVerdict.SHIP),
        (1, 0, PanelVerdict.SHIP),
        (1, 3, PanelVerdict.SKIP),
        (0, 1, PanelVerdict.SKIP),
        (2, 2, PanelVerdict.SPLIT),
        (0, 0, None),
    ],
)
def test_verdict_is_ship_above_half_skip_below_split_at_half(ship, skip, expected):
    assert panel_verdict(ship=ship, skip=skip) == expected


def test_verdict_uses_exact_counts_not_the_rounded_percent():
    # 501 of 1000 rounds to 50% but is still a majority.
    assert ship_percent(ship=501, skip=499) == 50
    assert panel_verdict(ship=501, skip=499) == PanelVerdict.SHIP


def test_average_score_rounds_halves_up_and_is_none_without_scores():
    assert average_score([82, 74, 78, 80]) == 79  # 78.5
    assert average_score([80]) == 80
    assert average_score([45, 46]) == 46  # 45.5
    assert average_score([]) is None


def review(verdict, score, updated_at=datetime(2026, 11, 1, tzinfo=UTC)):
    return SimpleNamespace(verdict=verdict, score=score, updated_at=updated_at)


def test_summary_from_reviews_counts_verdicts_and_averages_scores():
    summary = PanelSummary.from_reviews(
        [review("ship", 80), review("skip", 45), review("ship", 80), review("ship", 80)]
    )
    assert (summary.ship, summary.skip, summary.takes) == (3, 1, 4)
    assert summary.ship_percent == 75
    assert summary.verdict == PanelVerdict.SHIP
    assert summary.counts_label == "3 ship / 1 skip"
    assert summary.verdict_label == "Ship · 75%"
    assert summary.average == 71  # 71.25
    assert summary.reviewers_label == "4 of 5 reviewers"


def test_summary_of_an_empty_panel_has_no_numbers():
    summary = PanelSummary.from_reviews([])
    assert summary.takes == 0
    assert summary.ship_percent is None
    assert summary.verdict is None
    assert summary.average is None
    assert summary.updated_at is None
    assert summary.verdict_label == "No takes yet"
    assert summary.reviewers_label == "0 of 5 reviewers"


def test_summary_knows_when_the_panel_last_changed():
    latest = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    summary = PanelSummary.from_reviews(
        [review("ship", 80), review("skip", 40, updated_at=latest), review("ship", 70)]
    )
    assert summary.updated_at == latest


def test_disagreeing_personas_are_those_with_different_verdicts_on_both_tools():
    left = {"builder": "ship", "skeptic": "skip", "founder": "ship", "creator": "ship"}
    right = {"builder": "ship", "skeptic": "ship", "founder": "skip", "futurist": "skip"}
    assert disagreeing_personas(left, right) == ["skeptic", "founder"]


def test_no_disagreement_without_shared_takes():
    assert disagreeing_personas({"builder": "ship"}, {"creator": "skip"}) == []
    assert disagreeing_personas({}, {}) == []


def test_a_score_that_contradicts_the_verdict_is_caught_at_the_edges():
    from verdicts.panel import score_contradicts_verdict

    assert score_contradicts_verdict(49, "ship")
    assert not score_contradicts_verdict(50, "ship")
    assert score_contradicts_verdict(70, "skip")
    assert not score_contradicts_verdict(69, "skip")
