from datetime import UTC, datetime, timedelta

import pytest

from reviews.models import PanelReview, Persona
from reviews.selectors import (
    TAKES_PER_PAGE,
    VerdictCount,
    latest_takes_list,
    panel_counts_get,
    persona_category_counts_list,
    persona_takes_page,
    verdict_count_total,
)
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def review_at(hours, **kwargs):
    """A take last changed `hours` after START (auto_now would make them all “now”)."""
    review = PanelReviewFactory(**kwargs)
    stamp = START + timedelta(hours=hours)
    PanelReview.objects.filter(pk=review.pk).update(created_at=stamp, updated_at=stamp)
    return review


# VerdictCount and its total: plain Python.


@pytest.mark.parametrize(
    ("tools", "shipped", "sentence"),
    [(12, 9, "12 tools, 9 shipped"), (1, 0, "1 tool, 0 shipped"), (0, 0, "0 tools, 0 shipped")],
)
def test_a_count_reads_as_a_sentence(tools, shipped, sentence):
    assert VerdictCount("Coding", tools=tools, shipped=shipped).sentence == sentence


def test_a_count_takes_its_ship_percent_from_the_panel_rules():
    assert VerdictCount("Coding", tools=8, shipped=3).ship_percent == 38  # 37.5 rounds up
    assert VerdictCount("Coding", tools=8, shipped=3).skipped == 5
    assert VerdictCount("Coding", tools=0, shipped=0).ship_percent is None


def test_a_total_adds_up_its_categories():
    counts = [VerdictCount("Coding", tools=4, shipped=1), VerdictCount("Writing", 3, 3)]
    assert verdict_count_total(counts, label="All") == VerdictCount("All", tools=7, shipped=4)
    assert verdict_count_total([], label="All") == VerdictCount("All", tools=0, shipped=0)


# Reads.


@pytest.fixture
def skeptic_takes(db):
    writing = CategoryFactory(name="Writing", slug="writing")
    coding = CategoryFactory(name="Coding", slug="coding")
    for hours, name, category, verdict in [
        (3, "Inkwell", writing, "ship"),
        (1, "Quillpad", writing, "skip"),
        (2, "Bytecraft", coding, "ship"),
    ]:
        tool = ToolFactory(name=name, category=category)
        review_at(hours, tool=tool, persona="skeptic", verdict=verdict)
        review_at(hours, tool=tool, persona="builder", verdict="skip")
    hidden = ToolFactory(name="Hidden Draft", category=coding, is_published=False)
    review_at(9, tool=hidden, persona="skeptic", verdict="ship")


def test_category_counts_group_one_persona_and_leave_out_unpublished_tools(skeptic_takes):
    assert persona_category_counts_list(persona="skeptic") == [
        VerdictCount("Coding", tools=1, shipped=1, slug="coding"),
        VerdictCount("Writing", tools=2, shipped=1, slug="writing"),
    ]
    assert persona_category_counts_list(persona="creator") == []


def test_panel_counts_cover_all_five_personas_even_without_takes(skeptic_takes):
    counts = panel_counts_get()
    assert list(counts) == Persona.values
    assert (counts["skeptic"].tools, counts["skeptic"].shipped) == (3, 2)
    assert (counts["builder"].tools, counts["builder"].shipped) == (3, 0)
    assert (counts["creator"].tools, counts["creator"].shipped) == (0, 0)


def test_latest_takes_are_newest_first_and_only_of_published_tools(skeptic_takes):
    takes = latest_takes_list(persona="skeptic")
    assert [take.tool.name for take in takes] == ["Inkwell", "Bytecraft", "Quillpad"]
    assert len(latest_takes_list()) == 6
    assert [
        take.tool.name for take in latest_takes_list(persona="skeptic", limit=1, offset=1)
    ] == ["Bytecraft"]


def test_a_revised_take_comes_back_to_the_top(skeptic_takes):
    quillpad = PanelReview.objects.get(tool__name="Quillpad", persona="skeptic")
    quillpad.take = "A week later: better than I said."
    quillpad.save()
    assert latest_takes_list(persona="skeptic")[0] == quillpad


@pytest.mark.parametrize(
    ("asked", "number", "shown"),
    [(None, 1, TAKES_PER_PAGE), ("2", 2, 5), ("nope", 1, TAKES_PER_PAGE), ("99", 2, 5)],
)
def test_takes_come_in_pages_without_counting_them_again(
    db, django_assert_num_queries, asked, number, shown
):
    tool_count = TAKES_PER_PAGE + 5
    catalog_create(tools=tool_count)  # every tool has a builder take
    with django_assert_num_queries(1):
        page = persona_takes_page(persona="builder", takes=tool_count, page_number=asked)
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (number, 2, shown)


@pytest.mark.parametrize("tool_count", [5, 500])
def test_each_read_runs_one_query_whatever_the_catalog_size(
    lazy_loads_raise, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    with django_assert_num_queries(1):
        counts = persona_category_counts_list(persona="builder")
    assert sum(count.tools for count in counts) == tool_count
    with django_assert_num_queries(1):
        assert panel_counts_get()["builder"].tools == tool_count
    with django_assert_num_queries(1):
        takes = latest_takes_list(limit=30)
        assert all(take.tool.category.name for take in takes)
