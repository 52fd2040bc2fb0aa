import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from tools.models import Tool


@pytest.mark.parametrize("slug", ["Upper-Case", "two--hyphens", "-leading", "spaces here", "ünï"])
def test_tool_slug_must_be_lowercase_letters_digits_and_single_hyphens(db, slug):
    tool = ToolFactory.build(slug=slug, category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "slug" in error.value.message_dict


def test_tool_slug_may_not_contain_the_compare_separator(db):
    tool = ToolFactory.build(slug="alpha-vs-beta", category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "compare URLs" in " ".join(error.value.message_dict["slug"])


def test_database_refuses_a_slug_with_the_compare_separator(db):
    with pytest.raises(IntegrityError):
        ToolFactory(slug="alpha-vs-beta")


def test_tool_slugs_are_unique(db):
    ToolFactory(slug="quill")
    with pytest.raises(IntegrityError):
        ToolFactory(slug="quill")


def test_published_excludes_drafts(db):
    published = ToolFactory(is_published=True)
    ToolFactory(is_published=False)
    assert list(Tool.objects.published()) == [published]


def test_panel_summary_comes_from_the_tools_reviews(db):
    tool = ToolFactory()
    PanelReviewFactory(tool=tool, persona="builder", verdict="ship", score=90)
    PanelReviewFactory(tool=tool, persona="skeptic", verdict="skip", score=40)
    tool = Tool.objects.with_panel().get(pk=tool.pk)
    assert tool.panel.counts_label == "1 ship / 1 skip"
    assert tool.panel.average == 65


def test_with_panel_loads_any_number_of_tools_in_two_queries(
    lazy_loads_raise, db, django_assert_num_queries
):
    for _ in range(3):
        PanelReviewFactory(tool=ToolFactory())
    with django_assert_num_queries(2):
        summaries = [tool.panel for tool in Tool.objects.with_panel()]
    assert len(summaries) == 3
