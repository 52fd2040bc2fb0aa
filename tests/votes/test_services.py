import uuid

import pytest

from tests.factories import ToolFactory
from votes.models import Bookmark, PairTally, Pick, ToolTally, Vote
from votes.services import (
    bookmark_set,
    pick_cast,
    pick_withdraw,
    tallies_recount,
    visitor_votes_remove,
    vote_cast,
    vote_withdraw,
)

pytestmark = pytest.mark.django_db


def tally(tool):
    row = ToolTally.objects.filter(tool=tool).first()
    return (row.ship_count, row.skip_count) if row else (0, 0)


def test_first_vote_counts_once():
    tool, visitor = ToolFactory(), uuid.uuid4()
    assert vote_cast(visitor=visitor, tool=tool, value="ship") is None
    assert tally(tool) == (1, 0)


def test_second_vote_from_same_visitor_replaces_the_first():
    tool, visitor = ToolFactory(), uuid.uuid4()
    vote_cast(visitor=visitor, tool=tool, value="ship")
    assert vote_cast(visitor=visitor, tool=tool, value="skip") == "ship"
    assert tally(tool) == (0, 1)
    assert Vote.objects.filter(tool=tool).count() == 1


def test_repeating_a_vote_changes_nothing():
    tool, visitor = ToolFactory(), uuid.uuid4()
    vote_cast(visitor=visitor, tool=tool, value="ship")
    vote_cast(visitor=visitor, tool=tool, value="ship")
    assert tally(tool) == (1, 0)


def test_withdrawing_a_vote_takes_it_off_the_count():
    tool, visitor = ToolFactory(), uuid.uuid4()
    vote_cast(visitor=visitor, tool=tool, value="skip")
    assert vote_withdraw(visitor=visitor, tool=tool) == "skip"
    assert vote_withdraw(visitor=visitor, tool=tool) is None
    assert tally(tool) == (0, 0)
    assert not Vote.objects.exists()


def test_an_unknown_vote_value_is_refused():
    with pytest.raises(ValueError, match="unknown vote"):
        vote_cast(visitor=uuid.uuid4(), tool=ToolFactory(), value="maybe")


def test_votes_from_different_visitors_add_up():
    tool = ToolFactory()
    for value in ["ship", "ship", "skip"]:
        vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)
    assert tally(tool) == (2, 1)


def test_a_pick_is_one_per_pair_whatever_the_order():
    left, right, visitor = ToolFactory(), ToolFactory(), uuid.uuid4()
    pick_cast(visitor=visitor, left=left, right=right, chosen=left)
    pick_cast(visitor=visitor, left=right, right=left, chosen=right)
    assert Pick.objects.count() == 1
    pair = PairTally.objects.get()
    counts = {pair.first_id: pair.first_count, pair.second_id: pair.second_count}
    assert counts == {left.pk: 0, right.pk: 1}


def test_a_pick_taken_back_leaves_the_counter_as_before_and_twice_is_harmless():
    left, right, visitor = ToolFactory(), ToolFactory(), uuid.uuid4()
    pick_cast(visitor=uuid.uuid4(), left=left, right=right, chosen=right)
    pick_cast(visitor=visitor, left=left, right=right, chosen=left)
    assert pick_withdraw(visitor=visitor, left=right, right=left) == left.pk
    assert pick_withdraw(visitor=visitor, left=left, right=right) is None
    assert Pick.objects.count() == 1
    pair = PairTally.objects.get()
    counts = {pair.first_id: pair.first_count, pair.second_id: pair.second_count}
    assert counts == {left.pk: 0, right.pk: 1}


def test_a_pick_must_be_one_of_the_pair():
    left, right, other = ToolFactory(), ToolFactory(), ToolFactory()
    with pytest.raises(ValueError, match="one of two different tools"):
        pick_cast(visitor=uuid.uuid4(), left=left, right=right, chosen=other)
    with pytest.raises(ValueError, match="one of two different tools"):
        pick_cast(visitor=uuid.uuid4(), left=left, right=left, chosen=left)


def test_bookmarks_are_idempotent():
    tool, visitor = ToolFactory(), uuid.uuid4()
    bookmark_set(visitor=visitor, tool=tool, bookmarked=True)
    bookmark_set(visitor=visitor, tool=tool, bookmarked=True)
    assert Bookmark.objects.count() == 1
    bookmark_set(visitor=visitor, tool=tool, bookmarked=False)
    bookmark_set(visitor=visitor, tool=tool, bookmarked=False)
    assert not Bookmark.objects.exists()


def test_removing_a_visitors_votes_moves_the_counters():
    tool, other, visitor = ToolFactory(), ToolFactory(), uuid.uuid4()
    vote_cast(visitor=visitor, tool=tool, value="ship")
    vote_cast(visitor=uuid.uuid4(), tool=tool, value="ship")
    pick_cast(visitor=visitor, left=tool, right=other, chosen=other)
    assert visitor_votes_remove(visitor=visitor) == 2
    assert tally(tool) == (1, 0)
    pair = PairTally.objects.get()
    assert (pair.first_count, pair.second_count) == (0, 0)
    assert tallies_recount() == []


def test_recount_reports_and_repairs_drift():
    tool = ToolFactory()
    vote_cast(visitor=uuid.uuid4(), tool=tool, value="ship")
    ToolTally.objects.filter(tool=tool).update(ship_count=5, skip_count=2)
    drift = tallies_recount()
    assert len(drift) == 1
    assert (drift[0].stored, drift[0].counted) == ((5, 2), (1, 0))
    assert tally(tool) == (1, 0)
    assert tallies_recount() == []


def test_recount_can_only_report():
    tool = ToolFactory()
    vote_cast(visitor=uuid.uuid4(), tool=tool, value="ship")
    ToolTally.objects.filter(tool=tool).update(ship_count=3)
    assert len(tallies_recount(fix=False)) == 1
    assert tally(tool) == (3, 0)
