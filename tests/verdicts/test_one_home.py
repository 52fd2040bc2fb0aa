"""Each number has one home: the pages, the admin and the digest show the same figure."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletter.services import digest_compose
from newsletter.weeks import week_of
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from tools.models import Tool
from verdicts.ranking import panel_rank_key
from verdicts.shares import round_half_up, ship_percent
from verdicts.vocabulary import Verdict
from votes.services import vote_cast

PERSONAS = ["builder", "skeptic", "founder", "futurist", "creator"]


def panel_of(tool, takes):
    for persona, (verdict, score) in zip(PERSONAS, takes, strict=False):
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict, score=score)
    return tool


def test_halves_round_up_everywhere_never_to_even():
    from fractions import Fraction

    assert ship_percent(ship=1, skip=7) == 13  # 12.5 %; round() would say 12
    assert round_half_up(Fraction(5, 2)) == 3
    assert round(2.5) == 2  # why round() is never used for a figure


def test_the_digest_and_the_tool_page_show_the_same_community_share(db, client):
    tool = ToolFactory(name="Octant", slug="octant")
    for value in [Verdict.SHIP] + [Verdict.SKIP] * 7:
        vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)

    page = client.get(reverse("tools:detail", args=["octant"])).content.decode()
    assert "13% ship · 8 votes" in page
    assert "early: fewer than 10 votes" in page

    issue, _ = digest_compose(week=week_of(timezone.now().date()))
    community = [item for item in issue.items.all() if item.kind == "community"]
    # The same share, marked early as the page marks it.
    assert [item.summary for item in community] == [
        "13% of this week's votes said ship. (Early: fewer than 10 votes.)"
    ]


@pytest.fixture
def tied_shelf(db):
    """Tools whose ship shares tie, so that only the later keys order them."""
    category = CategoryFactory(name="Shelf", slug="shelf")
    made = {}
    for name, takes in [
        # 50 % each: average decides (85 before 70), then more takes, then the name.
        ("Fewer", [("ship", 90), ("skip", 80)]),
        ("More", [("ship", 90), ("skip", 80), ("ship", 90), ("skip", 80)]),
        ("Lower", [("ship", 70), ("skip", 70)]),
        ("Alpha", [("ship", 70), ("skip", 70)]),
        ("Top", [("ship", 60)]),
        ("Unreviewed", []),
    ]:
        made[name] = panel_of(ToolFactory(name=name, slug=name.lower(), category=category), takes)
    return made


EXPECTED_ORDER = ["Top", "More", "Fewer", "Alpha", "Lower", "Unreviewed"]


def test_the_ranking_query_and_the_python_rule_agree(tied_shelf):
    by_query = [tool.name for tool in Tool.objects.published().ranked()]
    tools = Tool.objects.published().with_panel()
    by_rule = [tool.name for tool in sorted(tools, key=lambda t: panel_rank_key(t.panel, t.name))]
    assert by_query == by_rule == EXPECTED_ORDER


def names_on(page: str, pattern: str) -> list[str]:
    return [name for name in re.findall(pattern, page) if name in EXPECTED_ORDER]


def test_home_most_shipped_and_the_directory_agree_on_ties(tied_shelf, client):
    home = client.get(reverse("home")).content.decode()
    top = home[home.index('id="top-heading"') :]
    directory = client.get(reverse("tools:directory"), {"sort": "ship"}).content.decode()
    leaderboard = client.get(reverse("tools:category", args=["shelf"])).content.decode()
    link = r'href="/tools/[a-z]+/">([A-Z][a-z]+)<'
    # Home lists tools with takes only.
    assert list(dict.fromkeys(names_on(top, link))) == EXPECTED_ORDER[:-1]
    assert list(dict.fromkeys(names_on(directory, link))) == EXPECTED_ORDER
    assert list(dict.fromkeys(names_on(leaderboard, link))) == EXPECTED_ORDER


def test_the_admin_list_shows_the_ship_percent_of_the_page(tied_shelf, admin_client):
    tool = panel_of(
        ToolFactory(name="Thirds", slug="thirds"),
        [("ship", 50), ("ship", 50), ("skip", 50)],
    )
    page = admin_client.get(reverse("tools:detail", args=["thirds"])).content.decode()
    assert "Ship · 67%" in page
    listing = admin_client.get(reverse("admin:tools_tool_changelist"), {"q": "Thirds"})
    assert "67% (Ship)" in listing.content.decode()
    assert tool.panel.ship_percent == 67


def test_a_digest_lists_the_weeks_verdicts_in_the_ranking_order(tied_shelf):
    issue, _ = digest_compose(week=week_of(timezone.now().date()))
    titles = [item.title.split(":")[0] for item in issue.items.all() if item.kind == "verdict"]
    assert titles == EXPECTED_ORDER[:-1]
