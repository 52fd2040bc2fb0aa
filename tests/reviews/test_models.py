import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory


def test_one_review_per_tool_and_persona(db):
    review = PanelReviewFactory(persona="skeptic")
    with pytest.raises(IntegrityError):
        PanelReviewFactory(tool=review.tool, persona="skeptic")


def test_the_same_persona_may_review_different_tools(db):
    PanelReviewFactory(persona="founder")
    PanelReviewFactory(persona="founder")
    assert PanelReview.objects.count() == 2


@pytest.mark.parametrize("score", [101, 1000])
def test_database_refuses_a_score_above_100(db, score):
    tool = ToolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelReview.objects.create(tool=tool, persona="builder", score=score, verdict="ship")


def test_database_refuses_an_unknown_verdict(db):
    tool = ToolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelReview.objects.create(tool=tool, persona="builder", score=50, verdict="nah")


def test_database_refuses_an_unknown_persona(db):
    tool = ToolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelReview.objects.create(tool=tool, persona="critic", score=50, verdict="ship")


def test_validation_explains_the_score_range(db):
    review = PanelReviewFactory.build(tool=ToolFactory(), score=120)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert error.value.message_dict["score"] == ["Must be between 0 and 100."]


def test_reviews_come_back_in_panel_order(db):
    tool = ToolFactory()
    for persona in ["creator", "builder", "futurist", "skeptic", "founder"]:
        PanelReviewFactory(tool=tool, persona=persona)
    personas = list(tool.panel_reviews.values_list("persona", flat=True))
    assert personas == ["builder", "skeptic", "founder", "futurist", "creator"]
