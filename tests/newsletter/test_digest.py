"""Which tools go in the digest: plain functions, no database."""

from newsletter.digest import (
    WeekFeatured,
    WeekFlip,
    WeekMover,
    WeekVerdict,
    digest_items,
    flip_item,
    mover_item,
    verdict_item,
    week_flips,
)
from verdicts.panel import PanelSummary


def verdict(name, ship, skip):
    return WeekVerdict(
        name=name,
        path=f"/tools/{name.lower()}/",
        tagline="Best for tests",
        panel=PanelSummary(ship=ship, skip=skip),
    )


def mover(name, ship, skip):
    return WeekMover(name=name, path=f"/tools/{name.lower()}/", ship=ship, skip=skip)


def test_a_verdict_item_words_the_panel_as_the_site_does():
    item = verdict_item(verdict("Inkwell", 3, 1))
    assert item.kind == "verdict"
    assert item.title == "Inkwell: Ship · 75% (3 ship / 1 skip)"
    assert item.summary == "Best for tests"
    assert item.path == "/tools/inkwell/"


def test_a_mover_item_gives_votes_and_their_ship_share():
    item = mover_item(mover("Quillpad", 1, 2))
    assert item.title == "Quillpad: 3 votes this week"
    assert item.summary == "33% of this week's votes said ship. (Early: fewer than 10 votes.)"
    assert mover_item(mover("Busy", 6, 4)).summary == "60% of this week's votes said ship."
    assert mover_item(mover("Solo", 1, 0)).title == "Solo: 1 vote this week"


def test_verdicts_come_strongest_first_and_tools_without_takes_are_left_out():
    items = digest_items(
        verdicts=[
            verdict("Bravo", 1, 1),
            verdict("Alpha", 4, 1),
            verdict("Empty", 0, 0),
            verdict("Charlie", 4, 1),
            verdict("Delta", 3, 0),
        ],
        featured=[],
        movers=[],
    )
    assert [item.title.split(":")[0] for item in items] == ["Delta", "Alpha", "Charlie", "Bravo"]


def test_sections_run_verdicts_then_featured_pairs_in_the_editors_order_then_movers():
    items = digest_items(
        verdicts=[verdict("Alpha", 1, 0)],
        featured=[
            WeekFeatured(
                left="Zed",
                right="Amp",
                path="/compare/zed-vs-amp/",
                note="Second pick.",
                pick="The panel's pick: Zed. 3 of 4 reviewers ship it, against 1 of 4 for Amp.",
            ),
            WeekFeatured(left="Amp", right="Bee", path="/compare/amp-vs-bee/", note=""),
        ],
        movers=[mover("Bee", 4, 2)],
    )
    assert [(item.kind, item.title) for item in items] == [
        ("verdict", "Alpha: Ship · 100% (1 ship / 0 skip)"),
        ("featured", "Zed vs Amp"),
        ("featured", "Amp vs Bee"),
        ("community", "Bee: 6 votes this week"),
    ]
    assert items[1].summary == (
        "The panel's pick: Zed. 3 of 4 reviewers ship it, against 1 of 4 for Amp. Second pick."
    )
    assert items[2].summary == ""


def test_only_the_busiest_movers_make_it_ties_by_name():
    movers = [mover("Echo", 3, 3), mover("Able", 7, 0), mover("Dawn", 3, 3), mover("Cove", 0, 9)]
    items = digest_items(verdicts=[], featured=[], movers=movers, movers_limit=3)
    assert [item.title.split(":")[0] for item in items] == ["Cove", "Able", "Dawn"]


def test_a_tool_with_fewer_than_five_votes_this_week_is_no_mover():
    movers = [mover("Solo", 1, 0), mover("Four", 2, 2), mover("Five", 3, 2)]
    items = digest_items(verdicts=[], featured=[], movers=movers)
    assert [item.title for item in items] == ["Five: 5 votes this week"]


def test_a_quiet_week_has_no_items():
    assert digest_items(verdicts=[], featured=[], movers=[mover("Nil", 0, 0)]) == []


def flip(tool, persona, before, after, scores=(50, 70)):
    return WeekFlip(
        tool=tool,
        path=f"/tools/{tool.lower()}/#history",
        persona=persona,
        verdict_before=before,
        verdict_after=after,
        score_before=scores[0],
        score_after=scores[1],
    )


def test_a_flip_item_names_the_persona_the_tool_and_the_new_verdict():
    item = flip_item(flip("Patchwright", "skeptic", "skip", "ship", scores=(48, 71)))
    assert item.kind == "flip"
    assert item.title == "Skeptic flipped Patchwright to ship"
    assert item.summary == "Skeptic moved from skip to ship. Score rose from 48 to 71."
    assert item.path == "/tools/patchwright/#history"
    same_score = flip_item(flip("Moorhen", "builder", "ship", "skip", scores=(60, 60)))
    assert same_score.summary == "Builder moved from ship to skip. Score unchanged at 60/100."


def test_a_take_flipped_twice_counts_once_and_one_flipped_back_not_at_all():
    flips = week_flips(
        [
            flip("Zed", "founder", "skip", "ship", scores=(40, 61)),
            flip("Amp", "creator", "ship", "skip"),
            flip("Amp", "builder", "skip", "ship"),
            flip("Zed", "founder", "ship", "skip", scores=(61, 55)),
            flip("Amp", "creator", "skip", "ship"),
            flip("Zed", "founder", "skip", "ship", scores=(55, 66)),
        ]
    )
    # By tool name, then in panel order; Amp's creator ended where the week began.
    assert [(f.tool, f.persona, f.verdict_before, f.verdict_after) for f in flips] == [
        ("Amp", "builder", "skip", "ship"),
        ("Zed", "founder", "skip", "ship"),
    ]
    assert (flips[1].score_before, flips[1].score_after) == (40, 66)


def test_flips_come_after_new_verdicts_and_before_featured_pairs():
    items = digest_items(
        verdicts=[verdict("Alpha", 1, 0)],
        featured=[WeekFeatured(left="Amp", right="Bee", path="/compare/amp-vs-bee/", note="")],
        movers=[],
        flips=[flip("Bee", "skeptic", "skip", "ship")],
    )
    assert [item.kind for item in items] == ["verdict", "flip", "featured"]
