"""A reader's lens: weights over the takes there are, one spelling, the panel's pick rule."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verdicts.lens import (
    MAX_WEIGHT,
    Lens,
    LensScore,
    lens_normalised,
    lens_pick,
    lens_score,
    weight_clamped,
)
from verdicts.panel import PanelSummary
from verdicts.pick import DecidedBy, PanelPick, PickOutcome, panel_pick
from verdicts.shares import round_half_up

PERSONAS = ["builder", "skeptic", "founder", "futurist", "creator"]


def lens(**weights):
    return lens_normalised(weights, PERSONAS)


@pytest.mark.parametrize(
    ("value", "clamped"), [(-4, 0), (0, 0), (2, 2), (MAX_WEIGHT, MAX_WEIGHT), (9, MAX_WEIGHT)]
)
def test_weights_are_clamped_to_the_forms_range(value, clamped):
    assert weight_clamped(value) == clamped


def test_a_lens_keeps_the_weighed_personas_in_the_panels_order():
    assert lens(futurist=1, builder=3) == Lens((("builder", 3), ("futurist", 1)))


def test_equivalent_weights_are_one_lens_with_one_spelling():
    assert lens(builder=2, skeptic=2) == lens(builder=1, skeptic=1) == lens(builder=3, skeptic=3)
    assert lens(builder=2, skeptic=2).params == [("builder", "1"), ("skeptic", "1")]


def test_one_persona_weighed_alone_is_that_personas_lens():
    assert lens(skeptic=3) == lens(skeptic=1)
    assert lens(skeptic=3).persona == "skeptic"
    assert lens(skeptic=3).params == [("lens", "skeptic")]
    assert lens(builder=1, skeptic=1).persona is None


def test_no_weight_or_five_equal_weights_are_the_panel_not_a_lens():
    assert lens() is None
    assert lens(builder=0, skeptic=0) is None
    assert lens(**dict.fromkeys(PERSONAS, 2)) is None
    # Four equal weights leave the fifth out: a lens.
    assert lens(**dict.fromkeys(PERSONAS[:4], 2)) is not None


def test_out_of_range_weights_are_clamped_and_unknown_personas_ignored():
    assert lens(builder=7, skeptic=1, nobody=3) == Lens((("builder", 3), ("skeptic", 1)))
    assert lens(builder=-2, skeptic=1) == lens(skeptic=1)


def test_the_scorecard_order_puts_the_heaviest_first_and_keeps_the_panels_order_for_ties():
    assert lens(futurist=3, skeptic=1, creator=1).ordered(PERSONAS) == [
        "futurist",
        "skeptic",
        "creator",
        "builder",
        "founder",
    ]
    assert lens(founder=1).ordered(PERSONAS)[0] == "founder"


TAKES = {"builder": (82, "ship"), "skeptic": (45, "skip"), "futurist": (80, "ship")}


def test_a_weighted_score_counts_each_take_as_often_as_its_weight():
    score = lens_score(TAKES, lens(builder=3, skeptic=1))
    assert score.panel.exact_average == Fraction(82 * 3 + 45, 4)  # 72.75
    assert score.score == 73
    assert score.ship_percent == 75
    assert score.missing == ()


def test_weighted_scores_round_half_up():
    score = lens_score(
        {"builder": (81, "ship"), "skeptic": (70, "ship")}, lens(builder=1, skeptic=1)
    )
    assert score.panel.exact_average == Fraction(151, 2)
    assert score.score == 76  # 75.5
    score = lens_score(
        {"builder": (80, "ship"), "skeptic": (69, "ship")}, lens(builder=1, skeptic=1)
    )
    assert score.score == 75  # 74.5 rounds up, where round() gives 74


def test_weights_count_over_the_personas_with_a_take_and_name_the_rest():
    score = lens_score(TAKES, lens(builder=1, founder=3))
    assert score.score == 82  # the Founder has no take: the Builder's alone
    assert score.missing == ("founder",)


def test_a_persona_with_no_take_gives_no_score():
    score = lens_score(TAKES, lens(creator=1))
    assert score.score is None
    assert score.ship_percent is None
    assert score.missing == ("creator",)


def test_the_pick_under_a_lens_is_the_panels_rule_over_weighted_numbers():
    skeptic = lens(skeptic=1)
    left = lens_score({"skeptic": (60, "ship")}, skeptic)
    right = lens_score({"skeptic": (90, "skip")}, skeptic)
    # A ship beats a skip whatever the scores, as the panel's share beats its average.
    assert lens_pick(left, right) == PanelPick(PickOutcome.LEFT, DecidedBy.SHIP_SHARE)
    better = lens_score({"skeptic": (91, "skip")}, skeptic)
    assert lens_pick(better, right) == PanelPick(PickOutcome.LEFT, DecidedBy.AVERAGE_SCORE)
    assert lens_pick(right, right) == PanelPick(PickOutcome.TIE)


def test_unrounded_scores_settle_a_pick_that_rounds_alike():
    weights = lens(builder=2, skeptic=1)
    left = lens_score({"builder": (80, "ship"), "skeptic": (81, "ship")}, weights)  # 80.33
    right = lens_score({"builder": (80, "ship"), "skeptic": (80, "ship")}, weights)  # 80
    assert left.score == right.score == 80
    assert lens_pick(left, right) == PanelPick(PickOutcome.LEFT, DecidedBy.AVERAGE_SCORE)


def test_no_pick_when_a_weighed_persona_has_no_take_on_either_tool():
    weights = lens(builder=1, founder=1)
    full = lens_score({"builder": (80, "ship"), "founder": (80, "ship")}, weights)
    gap = lens_score({"builder": (95, "ship")}, weights)
    assert gap.score == 95  # shown, over the take there is
    assert lens_pick(full, gap) is None
    assert lens_pick(gap, full) is None
    assert lens_pick(LensScore(PanelSummary()), LensScore(PanelSummary())) is None


takes = st.dictionaries(
    st.sampled_from(PERSONAS),
    st.tuples(st.integers(0, 100), st.sampled_from(["ship", "skip"])),
)
weights = st.dictionaries(st.sampled_from(PERSONAS), st.integers(-5, 10))


@given(takes, takes)
def test_weighing_every_reviewer_alike_picks_as_the_panel_does_when_all_reviewed(left, right):
    everyone = Lens(tuple((persona, 1) for persona in PERSONAS))
    picked = lens_pick(lens_score(left, everyone), lens_score(right, everyone))
    if len(left) < len(PERSONAS) or len(right) < len(PERSONAS):
        assert picked is None
    else:
        panels = [
            PanelSummary(
                ship=sum(v == "ship" for _, v in side.values()),
                skip=sum(v == "skip" for _, v in side.values()),
                exact_average=Fraction(sum(s for s, _ in side.values()), len(side)),
            )
            for side in (left, right)
        ]
        assert picked == panel_pick(*panels)


@given(weights)
def test_a_lens_is_normal_whatever_the_weights(raw):
    found = lens_normalised(raw, PERSONAS)
    if found is None:
        return
    values = [weight for _, weight in found.weights]
    assert all(1 <= weight <= MAX_WEIGHT for weight in values)
    assert [persona for persona, _ in found.weights] == [p for p in PERSONAS if found.weight(p)]
    # One spelling: normalising the lens's own weights gives it back.
    assert lens_normalised(dict(found.weights), PERSONAS) == found


@given(weights, takes, st.integers(1, 3))
def test_scaling_every_weight_changes_no_number(raw, tool_takes, factor):
    found = lens_normalised(raw, PERSONAS)
    if found is None:
        return
    scaled = Lens(tuple((persona, weight * factor) for persona, weight in found.weights))
    ours, theirs = lens_score(tool_takes, scaled), lens_score(tool_takes, found)
    assert ours.panel.ship_share == theirs.panel.ship_share
    assert ours.panel.exact_average == theirs.panel.exact_average
    assert ours.missing == theirs.missing


@given(weights, takes)
def test_a_weighted_score_lies_within_the_scores_it_weighs(raw, tool_takes):
    found = lens_normalised(raw, PERSONAS)
    if found is None:
        return
    score = lens_score(tool_takes, found)
    counted = [tool_takes[p][0] for p, _ in found.weights if p in tool_takes]
    if not counted:
        assert score.score is None
    else:
        assert min(counted) <= score.panel.exact_average <= max(counted)
        assert score.score == round_half_up(score.panel.exact_average)
