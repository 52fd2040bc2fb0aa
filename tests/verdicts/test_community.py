import pytest

from verdicts.community import (
    CommunitySummary,
    PickSplit,
    panel_and_community_disagree,
    wilson_interval,
)


def test_no_votes_says_so_and_has_no_numbers():
    summary = CommunitySummary()
    assert summary.label == "No community votes yet"
    assert summary.ship_percent is None
    assert summary.interval_percent is None
    assert not summary.is_early


def test_label_always_carries_the_votes_behind_the_percentage():
    assert CommunitySummary(ship=8, skip=5).label == "62% ship · 13 votes"
    assert CommunitySummary(ship=1, skip=0).label == "100% ship · 1 vote"


@pytest.mark.parametrize(("votes", "early"), [(1, True), (9, True), (10, False), (250, False)])
def test_under_ten_votes_is_early(votes, early):
    assert CommunitySummary(ship=votes, skip=0).is_early is early


def test_wilson_interval_matches_known_values():
    # 8 of 13: the 95% Wilson interval is about 0.355 to 0.823.
    low, high = wilson_interval(successes=8, trials=13)
    assert low == pytest.approx(0.3552, abs=1e-3)
    assert high == pytest.approx(0.8229, abs=1e-3)
    assert wilson_interval(successes=0, trials=0) is None


def test_wilson_interval_stays_within_zero_and_one():
    low, high = wilson_interval(successes=5, trials=5)
    assert 0 < low < 1
    assert high == 1.0
    low, high = wilson_interval(successes=0, trials=5)
    assert low == 0.0


def test_interval_in_percent_rounds_outwards():
    assert CommunitySummary(ship=8, skip=5).interval_percent == (35, 83)
    assert CommunitySummary(ship=8, skip=5).interval_width == 48


def test_thirty_points_apart_is_a_disagreement():
    assert panel_and_community_disagree(80, 50, votes=10)
    assert panel_and_community_disagree(20, 50, votes=40)
    assert not panel_and_community_disagree(79, 50, votes=40)
    assert not panel_and_community_disagree(None, 50, votes=40)
    assert not panel_and_community_disagree(80, None, votes=0)
    # A single reader's skip, or nine, is not the community parting ways.
    assert not panel_and_community_disagree(100, 0, votes=1)
    assert not panel_and_community_disagree(100, 0, votes=9)


def test_pick_split_names_the_leader_with_the_picks_behind_it():
    assert PickSplit("Relay", "Baton", left=9, right=16).label == "64% pick Baton · 25 picks"
    assert PickSplit("Relay", "Baton", left=3, right=1).label == "75% pick Relay · 4 picks"
    assert PickSplit("Relay", "Baton", left=2, right=2).label == "Even split · 4 picks"
    assert PickSplit("Relay", "Baton").label == "No picks yet"


def test_pick_split_percentages_add_up():
    split = PickSplit("A", "B", left=1, right=2)
    assert (split.left_percent, split.right_percent) == (33, 67)
