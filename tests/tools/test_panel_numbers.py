"""The panel numbers pages rank by are stored on the tool and never disagree with its takes."""

import pytest
from django.db import connection

from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Tool
from tools.selectors import DirectoryFilters, tool_directory_list
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
    ],
    ids=["ranked", "score", "newest", "name", "category"],
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
