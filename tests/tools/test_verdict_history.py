"""The verdict history readers see: the tool page, its history page, compare pages, feeds."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse

from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools.selectors import HISTORY_PER_PAGE, HISTORY_SHOWN

ATOM = "{http://www.w3.org/2005/Atom}"
History = PanelReview.history.model
SEPT_3 = datetime(2026, 9, 3, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def flipped(tool, persona="skeptic", *, at=None):
    """A take added as skip and then moved to ship; the move dated `at` if given."""
    take = PanelReviewFactory(tool=tool, persona=persona, score=52, verdict="skip")
    take.score, take.verdict = 74, "ship"
    take.save()
    if at:
        History.objects.filter(id=take.pk, history_type="+").update(history_date=at - DAY)
        History.objects.filter(id=take.pk, history_type="~").update(history_date=at)
    return take


@pytest.fixture
def patchwright(db):
    return ToolFactory(name="Patchwright", slug="patchwright")


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_tool_page_shows_a_dated_history_newest_first(client, patchwright):
    flipped(patchwright, at=SEPT_3)
    PanelReviewFactory(tool=patchwright, persona="founder").delete()
    html = html_of(client, patchwright.get_absolute_url())
    section = html[html.index('id="history"') :]
    assert 'Skeptic moved from skip to ship <span class="muted">· <time' in section
    assert ">3 Sep 2026</time>" in section
    assert "Score rose from 52 to 74" in section
    removed, added = section.index("Founder's take removed"), section.index("Founder's take added")
    assert removed < added < section.index("Skeptic moved from skip to ship")


def test_the_tool_page_links_its_feed_in_the_head_and_the_section(client, patchwright):
    html = html_of(client, patchwright.get_absolute_url())
    feed = reverse("tools:changes_feed", args=["patchwright"])
    head = html[: html.index("</head>")]
    assert (
        f'type="application/atom+xml" title="Patchwright: verdict changes" href="{feed}">' in head
    )
    assert f'<a href="{feed}" type="application/atom+xml">' in html


def test_a_tool_without_takes_says_no_changes_yet(client, patchwright):
    html = html_of(client, patchwright.get_absolute_url())
    assert "No changes to the panel's takes on Patchwright yet." in html
    assert "verdict-history__list" not in html


def test_a_long_history_shows_the_newest_and_links_the_rest(client, patchwright):
    take = PanelReviewFactory(tool=patchwright, persona="builder", score=10)
    for score in range(11, 11 + HISTORY_SHOWN):
        take.score = score
        take.save()
    html = html_of(client, patchwright.get_absolute_url())
    assert html.count('class="verdict-history__item') == HISTORY_SHOWN
    assert f"rose from {9 + HISTORY_SHOWN} to {10 + HISTORY_SHOWN}" in html
    assert "Builder's take added" not in html
    assert f'href="{reverse("tools:history", args=["patchwright"])}"' in html
    history = html_of(client, reverse("tools:history", args=["patchwright"]))
    assert history.count('class="verdict-history__item') == HISTORY_SHOWN + 1
    assert "Builder's take added" in history


def test_the_history_shows_at_once_after_a_change(
    client, patchwright, django_capture_on_commit_callbacks
):
    # Both pages are kept whole in the page cache: the change must make them stale.
    take = PanelReviewFactory(tool=patchwright, persona="builder", score=72)
    path = reverse("tools:history", args=["patchwright"])
    assert "Builder's score" not in html_of(client, path)
    assert "Builder's score" not in html_of(client, patchwright.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        take.score = 80
        take.save()
    assert "Builder's score rose from 72 to 80" in html_of(client, path)
    assert "Builder's score rose from 72 to 80" in html_of(client, patchwright.get_absolute_url())


def test_the_history_page_pages_older_changes(client, patchwright):
    take = PanelReviewFactory(tool=patchwright, persona="builder", score=0)
    for score in range(1, HISTORY_PER_PAGE + 1):
        take.score = score
        take.save()
    path = reverse("tools:history", args=["patchwright"])
    second = html_of(client, f"{path}?page=2")
    assert second.count('class="verdict-history__item') == 1
    assert "Builder's take added" in second
    assert (
        '<link rel="canonical" href="http://testserver/tools/patchwright/history/?page=2">'
        in second
    )
    assert (
        html_of(client, f"{path}?page=x").count('class="verdict-history__item') == HISTORY_PER_PAGE
    )


def test_unpublished_tools_have_no_history_page_or_feed(client, db):
    draft = ToolFactory(slug="hidden", is_published=False)
    PanelReviewFactory(tool=draft)
    assert client.get(reverse("tools:history", args=["hidden"])).status_code == 404
    assert client.get(reverse("tools:changes_feed", args=["hidden"])).status_code == 404
    assert client.get(reverse("tools:history", args=["nope"])).status_code == 404


@pytest.mark.parametrize("changes", [1, 30])
def test_tool_and_history_pages_run_a_fixed_number_of_queries(
    lazy_loads_raise, client, patchwright, django_assert_num_queries, changes
):
    take = PanelReviewFactory(tool=patchwright, score=0)
    for score in range(1, changes):
        take.score = score
        take.save()
    with django_assert_num_queries(4):
        client.get(patchwright.get_absolute_url())
    # The tool, the count of its changes, one page of them.
    with django_assert_num_queries(3):
        client.get(reverse("tools:history", args=["patchwright"]))


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def titles(root):
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_the_site_wide_feed_lists_changes_on_published_tools(client, patchwright):
    flipped(patchwright)
    PanelReviewFactory(
        tool=ToolFactory(name="Moorhen", slug="moorhen"), persona="creator"
    ).delete()
    PanelReviewFactory(tool=ToolFactory(name="Hidden", is_published=False))
    root = feed(client, reverse("reviews:changes_feed"))
    assert titles(root) == [
        "Moorhen: Creator's take removed",
        "Moorhen: Creator's take added",
        "Patchwright: Skeptic moved from skip to ship",
        "Patchwright: Skeptic's take added",
    ]
    entry = root.find(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/tools/moorhen/history/#change-")
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


def test_the_per_tool_feed_lists_only_that_tools_changes(client, patchwright):
    flipped(patchwright)
    PanelReviewFactory(tool=ToolFactory(name="Moorhen"))
    root = feed(client, reverse("tools:changes_feed", args=["patchwright"]))
    assert root.find(f"{ATOM}title").text.endswith("verdict changes on Patchwright")
    assert titles(root) == ["Skeptic moved from skip to ship", "Skeptic's take added"]
    summary = root.find(f"{ATOM}entry/{ATOM}summary").text
    assert summary == "Score rose from 52 to 74"


@pytest.mark.parametrize("tools", [2, 15])
def test_the_feeds_run_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tools
):
    for _ in range(tools):
        tool = ToolFactory()
        flipped(tool)
    with django_assert_num_queries(1):
        client.get(reverse("reviews:changes_feed"))
    with django_assert_num_queries(2):
        client.get(reverse("tools:changes_feed", args=[tool.slug]))


def test_the_compare_page_says_when_each_panel_last_changed(client, patchwright):
    moorhen = ToolFactory(name="Moorhen", slug="moorhen", category=patchwright.category)
    flipped(patchwright)
    type(patchwright).objects.filter(pk=patchwright.pk).update(panel_changed_at=SEPT_3)
    html = html_of(client, "/compare/moorhen-vs-patchwright/")
    row = html[html.index("Panel last changed") :]
    row = row[: row.index("</tr>")]
    assert "No takes yet" in row  # Moorhen
    assert '>3 Sep 2026</time> · <a href="/tools/patchwright/history/">' in row
    assert moorhen.panel_changed_at is None


@pytest.mark.parametrize("tool_count", [2, 40])
def test_the_compare_page_line_costs_no_query(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count, categories=1)
    with django_assert_num_queries(3):
        response = client.get(f"/compare/{tools[0].slug}-vs-{tools[1].slug}/")
    assert "Panel last changed" in response.content.decode()
