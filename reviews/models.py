from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When

from verdicts.vocabulary import Verdict

SCORE_RANGE_MESSAGE = "Must be between 0 and 100."


class Persona(models.TextChoices):
    """The five reviewers, in the order the site always shows them."""

    BUILDER = "builder", "Builder"
    SKEPTIC = "skeptic", "Skeptic"
    FOUNDER = "founder", "Founder"
    FUTURIST = "futurist", "Futurist"
    CREATOR = "creator", "Creator"


def panel_order():
    """An expression that sorts reviews in panel order (Builder first, Creator last)."""
    return Case(
        *(
            When(persona=persona, then=Value(index))
            for index, persona in enumerate(Persona.values)
        ),
        output_field=models.IntegerField(),
    )


class PanelReview(models.Model):
    tool = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="panel_reviews")
    persona = models.CharField(max_length=20, choices=Persona.choices)
    score = models.SmallIntegerField(
        validators=[
            MinValueValidator(0, SCORE_RANGE_MESSAGE),
            MaxValueValidator(100, SCORE_RANGE_MESSAGE),
        ],
        help_text="0 to 100.",
    )
    verdict = models.CharField(max_length=4, choices=Verdict.choices)
    take = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [panel_order()]
        # The newest takes (home, the feed, a persona's page) without sorting them all.
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="panel_review_latest"),
            models.Index(
                fields=["persona", "-updated_at", "-id"], name="panel_review_latest_by_persona"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "persona"],
                name="panel_review_one_per_tool_and_persona",
                violation_error_message="This persona already has a take on this tool.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="panel_review_score_0_to_100",
                violation_error_message=SCORE_RANGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(persona__in=Persona.values),
                name="panel_review_persona_is_known",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values),
                name="panel_review_verdict_is_ship_or_skip",
            ),
        ]

    def __str__(self):
        return f"{self.get_persona_display()} on {self.tool_id}"
