from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Tool
from tools.selectors import (
    PAGE_SIZE,
    DirectoryFilters,
    DirectorySort,
    category_leaderboard_list,
    compare_candidates_list,
    compare_links_list,
    directory_categories_list,
    tool_directory_list,
    tool_directory_page,
)
from verdicts.ranking import panel_rank_key
from votes.models import ToolTally


def panel_of(tool, verdicts_and_scores):
    personas = ["builder", "skeptic", "founder", "futurist", "creator"]
    for persona, (verdict, score) in zip(personas, verdicts_and_scores, strict=False):
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict, score=score)
    return tool


def names(tools):
    return [tool.name for tool in tools]


@pytest.fixture
def shelf(db):
    """Four tools whose ship share and average disagree, and one without takes."""
    category = CategoryFactory(slug="shelf", name="Shelf")
    start = timezone.now() - timedelta(days=10)
    made = {}
    for day, (name, panel) in enumerate(
        [
            ("Alder", [("ship", 60), ("ship", 60)]),  # 100%, average 60
            ("Birch", [("ship", 90), ("skip", 80)]),  # 50%, average 85
            ("cedar", [("ship", 95), ("ship", 95), ("skip", 10)]),  # 67%, average 67
            ("Damson", [("ship", 70), ("ship", 70)]),  # 100%, average 70
            ("Elm", []),
        ]
    ):
        tool = panel_of(ToolFactory(name=name, slug=name.lower(), category=category), panel)
        Tool.objects.filter(pk=tool.pk).update(created_at=start + timedelta(days=day))
        made[name] = tool
    return made


def test_panel_numbers_are_counted_in_the_database(shelf):
    tools = {tool.name: tool for tool in Tool.objects.with_panel_numbers()}
    birch = tools["Birch"]
    assert (birch.take_count, birch.ship_count, birch.average_score) == (2, 1, 85)
    assert birch.ship_share == pytest.approx(0.5)
    assert tools["Elm"].take_count == 0
    assert tools["Elm"].ship_share is None
    assert tools["Elm"].average_score is None


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # Ship share, then the higher average breaks the tie; no takes last.
        (DirectorySort.BEST, ["Damson", "Alder", "cedar", "Birch", "Elm"]),
        (DirectorySort.SHIP, ["Damson", "Alder", "cedar", "Birch", "Elm"]),
        (DirectorySort.SCORE, ["Birch", "Damson", "cedar", "Alder", "Elm"]),
        (DirectorySort.NEWEST, ["Elm", "Damson", "cedar", "Birch", "Alder"]),
        # Case does not matter: “cedar” sits between Birch and Damson.
        (DirectorySort.NAME, ["Alder", "Birch", "cedar", "Damson", "Elm"]),
    ],
)
def test_directory_sort_orders(shelf, sort, expected):
    assert names(tool_directory_list(filters=DirectoryFilters(sort=sort))) == expected


def test_directory_filters_combine(db):
    writing = CategoryFactory(slug="writing")
    coding = CategoryFactory(slug="coding")
    ToolFactory(name="Paid Writer", category=writing, entry="paid")
    ToolFactory(name="Free Writer", category=writing, entry="free")
    ToolFactory(name="Free Coder", category=coding, entry="free")
    ToolFactory(name="Draft Writer", category=writing, entry="free", is_published=False)
    found = tool_directory_list(filters=DirectoryFilters(category="writing", entry="free"))
    assert names(found) == ["Free Writer"]


def test_search_matches_any_of_the_three_fields(db):
    ToolFactory(name="Ledgerly", tagline="Books", description="Accounts.")
    ToolFactory(name="Other", tagline="Ledger-free invoices", description="Plain.")
    ToolFactory(name="Third", tagline="Plain", description="Reads a ledger aloud.")
    ToolFactory(name="Unrelated", tagline="Plain", description="Plain.")
    found = tool_directory_list(filters=DirectoryFilters(query="ledger"))
    assert set(names(found)) == {"Ledgerly", "Other", "Third"}
    # With no sort chosen, the best match (the name) comes first.
    assert names(found)[0] == "Ledgerly"


def test_an_explicit_sort_wins_over_relevance(db):
    ToolFactory(name="Zed Ledger")
    ToolFactory(name="Abacus", description="A ledger for small shops.")
    found = tool_directory_list(filters=DirectoryFilters(query="ledger", sort=DirectorySort.NAME))
    assert names(found) == ["Abacus", "Zed Ledger"]


def test_filters_report_what_is_in_use():
    assert not DirectoryFilters().active
    filters = DirectoryFilters(query="notes", entry="paid")
    assert filters.active
    assert filters.as_params() == {"q": "notes", "entry": "paid"}


@pytest.mark.parametrize("tool_count", [5, 500])
def test_a_directory_page_takes_three_queries(
    lazy_loads_raise, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    with django_assert_num_queries(3):
        page = tool_directory_page(
            filters=DirectoryFilters(sort=DirectorySort.SHIP), page_number="1"
        )
        # Reading the panels touches only what was prefetched.
        panels = [tool.panel for tool in page.object_list]
    assert len(panels) == min(tool_count, PAGE_SIZE)
    assert page.paginator.count == tool_count


def test_page_sorted_by_ship_share_agrees_with_the_panel_summaries(db):
    catalog_create(tools=60)
    tools = [
        tool
        for number in (1, 2, 3)
        for tool in tool_directory_page(
            filters=DirectoryFilters(sort=DirectorySort.SHIP), page_number=str(number)
        ).object_list
    ]
    shares = [tool.panel.ship / tool.panel.takes for tool in tools]
    assert shares == sorted(shares, reverse=True)
    assert len({tool.pk for tool in tools}) == 60


def votes_on(tool, *, ship, skip):
    """The counters votes/ keeps for a tool, as its services leave them."""
    ToolTally.objects.create(tool=tool, ship_count=ship, skip_count=skip)


def test_directory_sorts_by_community_votes_then_by_the_panel_ranking(shelf):
    votes_on(shelf["Birch"], ship=1, skip=4)
    votes_on(shelf["cedar"], ship=5, skip=0)  # as many votes as Birch, and ranked above it
    votes_on(shelf["Elm"], ship=2, skip=0)  # votes, but no takes yet
    votes_on(shelf["Alder"], ship=0, skip=0)  # every vote taken back: counts as none
    found = tool_directory_list(filters=DirectoryFilters(sort=DirectorySort.VOTES))
    assert names(found) == ["cedar", "Birch", "Elm", "Damson", "Alder"]
    assert [tool.community_votes for tool in found] == [5, 5, 2, 0, 0]


def test_the_community_votes_sort_narrows_with_search_and_filters(shelf):
    votes_on(shelf["Birch"], ship=3, skip=0)
    votes_on(shelf["Damson"], ship=1, skip=0)
    ToolFactory(name="Birchwood Draft", is_published=False)
    found = tool_directory_list(filters=DirectoryFilters(query="birch", sort=DirectorySort.VOTES))
    assert names(found) == ["Birch"]


@pytest.mark.parametrize("tool_count", [5, 500])
def test_a_directory_page_sorted_by_community_votes_takes_three_queries(
    lazy_loads_raise, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    ToolTally.objects.bulk_create(
        ToolTally(tool=tool, ship_count=index % 7, skip_count=index % 4)
        for index, tool in enumerate(tools[::2])
    )
    with django_assert_num_queries(3):
        page = tool_directory_page(
            filters=DirectoryFilters(sort=DirectorySort.VOTES), page_number="1"
        )
        panels = [tool.panel for tool in page.object_list]
    assert len(panels) == min(tool_count, PAGE_SIZE)
    assert page.paginator.count == tool_count
    # The query's order is the rule said in Python: votes, then the one ranking order.
    tools = Tool.objects.published().with_panel().with_community()
    expected = sorted(
        tools, key=lambda tool: (-tool.community.votes, panel_rank_key(tool.panel, tool.name))
    )
    assert [tool.pk for tool in page.object_list] == [tool.pk for tool in expected[:PAGE_SIZE]]


@pytest.mark.parametrize(("asked", "given"), [(None, 1), ("abc", 1), ("2", 2), ("40", 2)])
def test_a_page_number_that_does_not_exist_gives_a_real_page(db, asked, given):
    catalog_create(tools=PAGE_SIZE + 1)
    page = tool_directory_page(filters=DirectoryFilters(), page_number=asked)
    assert page.number == given


def test_empty_directory_page_is_page_one(db):
    page = tool_directory_page(filters=DirectoryFilters(query="nothing"), page_number="3")
    assert page.number == 1
    assert page.object_list == []


def test_directory_categories_leave_out_empty_ones(db, django_assert_num_queries):
    CategoryFactory(name="Beta", slug="beta")
    ToolFactory(category=CategoryFactory(name="Alpha", slug="alpha"))
    ToolFactory(category=CategoryFactory(name="Gamma", slug="gamma"), is_published=False)
    with django_assert_num_queries(1):
        categories = directory_categories_list()
    assert [category.slug for category in categories] == ["alpha"]


def test_leaderboard_ranks_by_ship_share_then_average(shelf):
    category = shelf["Alder"].category
    ToolFactory(name="Elsewhere", slug="elsewhere")
    ToolFactory(name="Hidden", slug="hidden", category=category, is_published=False)
    ranked = category_leaderboard_list(category=category)
    assert names(ranked) == ["Damson", "Alder", "cedar", "Birch", "Elm"]


@pytest.mark.parametrize("tool_count", [5, 500])
def test_leaderboard_takes_two_queries(
    lazy_loads_raise, db, django_assert_num_queries, tool_count
):
    category = catalog_create(tools=tool_count)[0].category
    with django_assert_num_queries(2):
        ranked = category_leaderboard_list(category=category)
        [tool.panel for tool in ranked]
    assert len(ranked) == len(range(0, tool_count, 3))


def test_compare_links_put_the_same_category_first(db, django_assert_num_queries):
    home = CategoryFactory(name="Home")
    away = CategoryFactory(name="Away")
    tool = ToolFactory(name="Middle", slug="middle", category=home)
    ToolFactory(name="Aaron", slug="aaron", category=away)
    ToolFactory(name="Zara", slug="zara", category=home)
    ToolFactory(name="Yusuf", slug="yusuf", category=home)
    ToolFactory(name="Draft", slug="draft", category=home, is_published=False)
    with django_assert_num_queries(1):
        links = compare_links_list(tool=tool)
        [link.other.category.name for link in links]
    assert [link.other.name for link in links] == ["Yusuf", "Zara", "Aaron"]
    assert [link.same_category for link in links] == [True, True, False]
    assert links[0].path == "/compare/middle-vs-yusuf/"


def test_compare_links_are_bounded(db):
    tool = ToolFactory()
    for _ in range(10):
        ToolFactory(category=tool.category)
    assert len(compare_links_list(tool=tool)) == 6
    assert len(compare_links_list(tool=tool, limit=2)) == 2


def test_compare_links_prefer_the_nearest_panel_score_within_the_category(db):
    home = CategoryFactory(name="Home")
    away = CategoryFactory(name="Away")
    tool = panel_of(ToolFactory(name="Middle", category=home), [("ship", 60)])
    panel_of(ToolFactory(name="Far Above", category=home), [("ship", 95)])
    panel_of(ToolFactory(name="Just Below", category=home), [("ship", 57)])
    panel_of(ToolFactory(name="Just Above", category=home), [("ship", 64)])
    ToolFactory(name="Aaa Unscored", category=home)
    panel_of(ToolFactory(name="Away Twin", category=away), [("ship", 60)])
    tool.refresh_from_db()  # its stored average, as a page loads it
    links = compare_links_list(tool=tool)
    # Same category first, nearest score first, unscored last; then the other categories.
    assert [link.other.name for link in links] == [
        "Just Below",
        "Just Above",
        "Far Above",
        "Aaa Unscored",
        "Away Twin",
    ]


def test_compare_candidates_read_few_rows_whatever_the_catalog(db, django_assert_num_queries):
    tools = catalog_create(tools=300)
    with django_assert_num_queries(1):
        candidates = compare_candidates_list(tools=tools[:2], limit=3)
    scored = tools[0].average_score
    assert len(candidates[tools[0].pk]) == 3
    home = tools[0].category_id
    inside = [other for other in candidates[tools[0].pk] if other.category_id == home]
    gaps = [abs(other.average_score - scored) for other in inside]
    nearest = sorted(
        abs(other.average_score - scored)
        for other in tools[2:]
        if other.category_id == home and other.average_score is not None
    )
    assert gaps == nearest[: len(gaps)]
