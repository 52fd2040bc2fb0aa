"""Which tools go in the digest: plain functions, no database."""

from newsletter.digest import (
    WeekFeatured,
    WeekMover,
    WeekVerdict,
    digest_items,
    mover_item,
    verdict_item,
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
