from contextlib import contextmanager
from contextvars import ContextVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from simple_history.models import HistoricalRecords

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


class TakeSource(models.TextChoices):
    """Where a change to a take came from, as its history records it."""

    ADMIN = "admin", "Admin"
    IMPORT = "import", "Catalog import"
    # The shell, a script, a data fix: anything that did not say where it came from.
    OTHER = "other", "Other"
    # The record each take already on file got when history began (reviews migration 0005).
    BACKFILL = "backfill", "On file when history began"


_take_source: ContextVar[str] = ContextVar("take_source", default=TakeSource.OTHER)


@contextmanager
def take_changes_from(source: str):
    """Record every take change made inside the block as coming from `source`."""
    token = _take_source.set(source)
    try:
        yield
    finally:
        _take_source.reset(token)


def take_source_current() -> str:
    return _take_source.get()


class TakeChangeFields(models.Model):
    """What a take's history records beside its fields, date, type and editor."""

    source = models.CharField(max_length=10, choices=TakeSource.choices, default=TakeSource.OTHER)
    # The take's score and verdict in the record before this one (None and "" for the
    # first), written with the record (reviews/apps.py): a list of changes is
    # then read newest first from the history_date index, with no window over
    # each take's whole history.
    before_score = models.SmallIntegerField(null=True, editable=False)
    before_verdict = models.CharField(max_length=4, blank=True, default="", editable=False)

    class Meta:
        abstract = True


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

    # Every save and delete, wherever it comes from (reviews/apps.py adds the source).
    history = HistoricalRecords(
        bases=[TakeChangeFields],
        verbose_name="take change",
        verbose_name_plural="take changes",
    )

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
