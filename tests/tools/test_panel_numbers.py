"""The panel numbers pages rank by are stored on the tool and never disagree with its takes."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from compare import selectors as compare_selectors
from compare import sitemaps
from reviews.models import PanelReview
from reviews.selectors import published_takes
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Category, Tool
from tools.selectors import (
    DirectoryFilters,
    alternatives_page_get,
    compare_candidates_list,
    directory_categories_list,
    tool_directory_list,
    tool_search_list,
)
from tools.services import category_counts_refresh
from verdicts.panel import PanelSummary

pytestmark = pytest.mark.django_db


def stored(tool):
    tool = Tool.objects.get(pk=tool.pk)
    return tool.take_count, tool.ship_count, tool.average_score, tool.ship_share


def test_every_change_of_a_take_moves_the_stored_numbers_with_it():
    tool = ToolFactory()
    assert stored(tool) == (0, 0, None, None)
    builder = PanelReviewFactory(tool=tool, persona="builder", score=80, verdict="ship")
    PanelReviewFactory(tool=tool, persona="skeptic", score=40, verdict="skip")
    assert stored(tool) == (2, 1, 60.0, 0.5)
    builder.verdict, builder.score = "skip", 20
    builder.save()
    assert stored(tool) == (2, 0, 30.0, 0.0)
    PanelReview.objects.filter(tool=tool).delete()
    assert stored(tool) == (0, 0, None, None)


def test_the_stored_numbers_agree_with_the_panel_rule_for_a_whole_catalog():
    for tool in catalog_create(tools=30):
        reviews = list(tool.panel_reviews.all())
        summary = PanelSummary(
            ship=sum(review.verdict == "ship" for review in reviews),
            skip=sum(review.verdict == "skip" for review in reviews),
        )
        assert tool.take_count == len(reviews)
        assert tool.ship_share == (float(summary.ship_share) if reviews else None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize(
    "filters",
    [
        DirectoryFilters(),
        DirectoryFilters(sort="score"),
        DirectoryFilters(sort="newest"),
        DirectoryFilters(sort="name"),
        DirectoryFilters(category="category-0"),
        DirectoryFilters(query="notes"),
    ],
    ids=["ranked", "score", "newest", "name", "category", "search"],
)
def test_the_directorys_queries_can_be_answered_from_an_index(filters):
    catalog_create(tools=40)
    page = tool_directory_list(filters=filters)[:24]
    with connection.cursor() as cursor:
        # With sequential scans priced out, the plan shows whether an index can serve it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = page.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on tools_tool" not in plan, plan


def plan_of(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize("persona", ["", "builder"], ids=["all", "one persona"])
def test_the_newest_takes_are_read_from_an_index(persona):
    catalog_create(tools=40)
    takes = published_takes().select_related("tool__category").order_by("-updated_at", "-pk")
    if persona:
        takes = takes.filter(persona=persona)
    plan = plan_of(takes[:20])
    assert "Seq Scan on reviews_panelreview" not in plan, plan


def category_counts():
    return dict(Category.objects.values_list("slug", "published_tool_count"))


def test_category_counts_follow_every_change_of_a_tool():
    writing, design = CategoryFactory(slug="writing"), CategoryFactory(slug="design")
    tool = ToolFactory(category=writing)
    ToolFactory(category=writing, is_published=False)
    assert category_counts() == {"writing": 1, "design": 0}
    tool.category = design
    tool.save()
    assert category_counts() == {"writing": 0, "design": 1}
    tool = Tool.objects.get(pk=tool.pk)  # as the admin loads it
    tool.category = writing
    tool.save()
    assert category_counts() == {"writing": 1, "design": 0}
    tool.is_published = False
    tool.save()
    assert category_counts() == {"writing": 0, "design": 0}
    Tool.objects.filter(category=writing).update(is_published=True)  # no signal: refresh by hand
    category_counts_refresh(category_ids=[writing.pk])
    assert category_counts() == {"writing": 2, "design": 0}
    Tool.objects.get(pk=tool.pk).delete()
    assert category_counts() == {"writing": 1, "design": 0}


def test_the_directory_lists_only_categories_with_published_tools_and_their_counts():
    writing, _ = CategoryFactory(name="Writing"), CategoryFactory(name="Empty")
    ToolFactory.create_batch(2, category=writing)
    listed = {category.name: category.tool_count for category in directory_categories_list()}
    assert listed == {"Writing": 2}


def test_search_finds_a_tool_by_its_category_and_follows_a_rename():
    category = CategoryFactory(name="Transcription")
    ToolFactory(name="Quillmate", category=category, tagline="Notes", description="Plain.")
    found = [
        tool.name for tool in tool_directory_list(filters=DirectoryFilters(query="transcription"))
    ]
    assert found == ["Quillmate"]
    category.name = "Dictation"
    category.save()
    by_old = tool_directory_list(filters=DirectoryFilters(query="transcription"))
    by_new = tool_directory_list(filters=DirectoryFilters(query="dictation"))
    assert [tool.name for tool in by_old] == []
    assert [tool.name for tool in by_new] == ["Quillmate"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once")
def test_two_tools_saved_into_one_category_at_once_are_both_counted(transactional_db):
    category = CategoryFactory(slug="busy")
    first_saved = threading.Event()

    def first():
        with transaction.atomic():
            ToolFactory(category=category, slug="first")
            first_saved.set()
            time.sleep(0.5)  # the second writer counts meanwhile
        connection.close()

    def second():
        first_saved.wait(10)
        with transaction.atomic():
            ToolFactory(category=category, slug="second")
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert category_counts() == {"busy": 2}


def test_saving_a_tool_loaded_before_its_takes_keeps_its_stored_numbers():
    tool = ToolFactory()
    PanelReviewFactory(tool=tool, persona="builder", verdict="ship", score=80)
    tool.name = "Renamed"  # this instance still holds the numbers from before the take
    tool.save()
    tool.refresh_from_db()
    assert (tool.take_count, tool.ship_count, tool.average_score) == (1, 1, 80)


def test_saving_a_category_loaded_before_its_tools_keeps_its_stored_count():
    category = CategoryFactory()
    ToolFactory(category=category)
    category.name = "Renamed"  # this instance still says it has no published tools
    category.save()
    category.refresh_from_db()
    assert category.published_tool_count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize(
    "read",
    [
        lambda: compare_selectors.closest_tool_names("tool-1x"),
        lambda: tool_search_list("ool 1", limit=8),
        lambda: sitemaps.NeighbourPairs()[0:30],
        lambda: compare_candidates_list(tools=list(Tool.objects.order_by("pk")[:2]), limit=6),
        lambda: alternatives_page_get(slug=Tool.objects.order_by("pk").first().slug),
    ],
    ids=["near-miss address", "picker suggestions", "sitemap page", "nearest", "alternatives"],
)
def test_lookups_by_name_and_sitemap_pages_are_read_from_an_index(read):
    catalog_create(tools=40, categories=3)
    with CaptureQueriesContext(connection) as queries:
        read()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in queries.captured_queries:
            if "tools_tool" in query["sql"]:
                cursor.execute(f"EXPLAIN {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Seq Scan on tools_tool" not in plan, plan
