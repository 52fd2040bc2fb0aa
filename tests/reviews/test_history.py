"""reviews.history: a take's consecutive history records as the events readers are told."""

import pytest

from reviews.history import ChangeKind, TakeRecord, take_event, take_events
from reviews.models import TakeSource


def record(type_="~", *, persona="skeptic", score=60, verdict="ship", source=TakeSource.ADMIN):
    return TakeRecord(type=type_, persona=persona, score=score, verdict=verdict, source=source)


def test_a_new_take_is_added_with_its_verdict_and_score():
    event = take_event(None, record("+", persona="founder", score=81))
    assert event.kind is ChangeKind.ADDED
    assert event.sentence == "Founder's take added"
    assert event.detail == "Ship · 81/100"


def test_a_backfilled_take_is_added_without_values_it_cannot_vouch_for():
    event = take_event(None, record("+", persona="builder", source=TakeSource.BACKFILL))
    assert event.sentence == "Builder's take added"
    assert event.detail == ""


def test_a_verdict_flip_says_from_what_to_what_and_how_the_score_moved():
    event = take_event(record(score=48, verdict="skip"), record(score=71, verdict="ship"))
    assert event.kind is ChangeKind.FLIPPED
    assert event.sentence == "Skeptic moved from skip to ship"
    assert event.detail == "Score rose from 48 to 71"
    assert event.flip_sentence("Patchwright") == "Skeptic flipped Patchwright to ship"


def test_a_flip_with_the_same_score_says_so():
    event = take_event(record(score=55, verdict="ship"), record(score=55, verdict="skip"))
    assert event.sentence == "Skeptic moved from ship to skip"
    assert event.detail == "Score unchanged at 55/100"


@pytest.mark.parametrize(
    ("before", "after", "sentence"),
    [
        (72, 80, "Builder's score rose from 72 to 80"),
        (80, 72, "Builder's score fell from 80 to 72"),
    ],
)
def test_a_score_move_without_a_flip(before, after, sentence):
    event = take_event(
        record(persona="builder", score=before), record(persona="builder", score=after)
    )
    assert event.kind is ChangeKind.RESCORED
    assert event.sentence == sentence
    assert event.detail == "Still ship"
    assert event.sentence_on("Inkwell") == f"Inkwell: {sentence}"


def test_a_removed_take_says_what_it_said():
    event = take_event(
        record(persona="creator", verdict="skip", score=30),
        record("-", persona="creator", verdict="skip", score=30),
    )
    assert event.kind is ChangeKind.REMOVED
    assert event.sentence == "Creator's take removed"
    assert event.detail == "It said skip · 30/100"


def test_a_text_only_revision_is_no_event():
    assert take_event(record(score=64), record(score=64)) is None


def test_a_change_with_nothing_before_it_is_no_event():
    # History began after the take: what moved cannot be told.
    assert take_event(None, record()) is None


def test_events_read_each_record_against_the_one_before():
    records = [
        record("+", persona="futurist", score=50, verdict="skip"),
        record(persona="futurist", score=50, verdict="skip"),  # wording only
        record(persona="futurist", score=58, verdict="skip"),
        record(persona="futurist", score=66, verdict="ship"),
        record("-", persona="futurist", score=66, verdict="ship"),
    ]
    assert [event.sentence for event in take_events(records)] == [
        "Futurist's take added",
        "Futurist's score rose from 50 to 58",
        "Futurist moved from skip to ship",
        "Futurist's take removed",
    ]
