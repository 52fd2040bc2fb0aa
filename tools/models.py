from fractions import Fraction

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Greatest, Least, Lower
from django.urls import reverse

from plumbing.drafts import published
from plumbing.pairs import COMPARE_SEPARATOR, SLUG_FORMAT, comparison_path
from tools import freshness as freshness_rule
from tools.freshness import FRESHNESS_DAYS, Freshness, tool_freshness
from verdicts.community import CommunitySummary
from verdicts.panel import PANEL_SIZE, PanelSummary

slug_format_validator = RegexValidator(
    SLUG_FORMAT,
    "Use lowercase letters, digits and single hyphens (e.g. quill-stack).",
    code="invalid_slug",
)
slug_separator_validator = RegexValidator(
    COMPARE_SEPARATOR,
    f"A tool slug cannot contain “{COMPARE_SEPARATOR}”: compare URLs use it.",
    code="reserved_separator",
    inverse_match=True,
)


def not_after_today(day):
    if day > freshness_rule.today():
        raise ValidationError(
            "Pricing cannot have been verified on a day still to come.", code="future_date"
        )


class CategoryQuerySet(models.QuerySet):
    def with_tool_counts(self):
        """Categories that have published tools, each with `tool_count` of them.

        The count is stored (tools.services.category_counts_refresh), so no page
        counts the catalog to list its categories.
        """
        return self.filter(published_tool_count__gt=0).annotate(
            tool_count=F("published_tool_count")
        )


class Category(models.Model):
    name = models.CharField(max_length=80)
    slug = models.CharField(max_length=60, unique=True, validators=[slug_format_validator])
    description = models.CharField(max_length=200, blank=True)
    # Kept in step with its tools in the same transaction as every change to them.
    published_tool_count = models.PositiveIntegerField(
        "published tools", db_default=0, editable=False
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


# Stemming for English text on both sides of the match, so “drafts” finds “draft”.
SEARCH_CONFIG = "english"


def search_vector():
    """The weighted text a tool is found by, as stored in Tool.search_document.

    Name first, then what it is for and its category, then its description. A
    change here needs a migration that refills the column.
    """
    category_name = Subquery(Category.objects.filter(pk=OuterRef("category_id")).values("name"))
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("tagline", weight="B", config=SEARCH_CONFIG)
        + SearchVector(category_name, weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


class EntryTier(models.TextChoices):
    FREE = "free", "Free"
    PAID = "paid", "Paid"
    OPEN_SOURCE = "open-source", "Open source"


class ToolManager(models.Manager):
    def get_queryset(self):
        # The stored search document is for PostgreSQL to match on; no page
        # reads it, and loading it costs more than any other column.
        return super().get_queryset().defer("search_document")


class ToolQuerySet(models.QuerySet):
    def published(self):
        """Tools readers may see."""
        return self.filter(published())

    def with_panel(self):
        """Tools with their category and panel reviews loaded (two queries in all)."""
        return self.select_related("category").prefetch_related("panel_reviews")

    def with_community(self):
        """Tools with their community counters joined (no query of its own)."""
        return self.select_related("tally")

    def with_panel_numbers(self):
        """Tools with take_count, ship_count, average_score and ship_share at hand.

        They are columns now (kept by tools.services.panel_numbers_refresh), so
        this adds nothing to the query; it stays as the name callers read by.
        """
        return self

    def ranked(self):
        """Best panel first, tools without takes last: verdicts.ranking's order as a query."""
        return self.with_panel_numbers().order_by(*PANEL_RANKING)


# The order of verdicts.ranking.panel_rank_key, over with_panel_numbers().
PANEL_RANKING = [
    F("ship_share").desc(nulls_last=True),
    F("average_score").desc(nulls_last=True),
    F("take_count").desc(),
    Lower("name"),
    "pk",
]


class Tool(models.Model):
    name = models.CharField(max_length=80)
    # A CharField, not a SlugField: its stricter validator is the only one, so
    # a bad slug gets one clear message instead of two.
    slug = models.CharField(
        max_length=60,
        unique=True,
        validators=[slug_format_validator, slug_separator_validator],
        help_text="Used in URLs: lowercase letters, digits and hyphens, never “-vs-”.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="tools")
    tagline = models.CharField(
        "best for", max_length=140, help_text="One line: what the tool is best for."
    )
    description = models.TextField()
    pricing = models.CharField(
        max_length=200, help_text="Free text, e.g. “Free (4 workspaces) / $49 one-time”."
    )
    # No default: an editor picks the tier, so no tool is called free by accident.
    entry = models.CharField("entry tier", max_length=20, choices=EntryTier.choices)
    pricing_verified_on = models.DateField(
        "pricing verified on",
        null=True,
        blank=True,
        validators=[not_after_today],
        help_text=(
            "The day an editor last checked the pricing and entry tier against the tool's "
            f"own site. Pages mark a listing possibly out of date {FRESHNESS_DAYS} days on."
        ),
    )
    website = models.URLField(blank=True)
    logo = models.ImageField(
        upload_to="logos/",
        blank=True,
        help_text="Optional square image; readers see the tool's initial without one.",
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published tools are shown to readers."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What pages rank and filter by, stored so no page counts every tool's takes:
    # the panel's numbers, kept in step with the takes in the same transaction
    # (tools.services.panel_numbers_refresh). Shares and averages are None
    # without takes, and sort last.
    take_count = models.PositiveSmallIntegerField("panel takes", db_default=0, editable=False)
    ship_count = models.PositiveSmallIntegerField("panel ships", db_default=0, editable=False)
    average_score = models.FloatField("panel average", null=True, editable=False)
    ship_share = models.FloatField("panel ship share", null=True, editable=False)
    # When a take was last added, changed or removed (panel_numbers_refresh too);
    # None for a tool that never had one. A tool whose last take goes keeps the time.
    panel_changed_at = models.DateTimeField("panel last changed", null=True, editable=False)
    # What the directory's search reads on PostgreSQL: name, tagline, category and
    # description, weighted, stored and GIN-indexed (tools.services.search_documents_refresh).
    # Empty on SQLite, whose search is a plain scan.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ToolManager.from_queryset(ToolQuerySet)()

    class Meta:
        ordering = ["name"]
        indexes = [
            # The comparisons sitemap reads a slice of one category's tools by slug.
            models.Index(
                "category", "slug", name="tool_in_category_by_slug", condition=Q(is_published=True)
            ),
            # The sitemap index's newest change.
            models.Index("updated_at", name="tool_last_changed", condition=Q(is_published=True)),
            # Tools to compare with: the nearest average scores in a category (outside
            # it, tool_by_score from migration 0005 serves).
            models.Index(
                "category",
                "average_score",
                name="tool_in_category_by_score",
                condition=Q(is_published=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__contains=COMPARE_SEPARATOR),
                name="tool_slug_without_compare_separator",
                violation_error_message=slug_separator_validator.message,
            ),
            models.CheckConstraint(
                condition=Q(entry__in=EntryTier.values),
                name="tool_entry_is_known_tier",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tools:detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        tool = super().from_db(db, field_names, values, **kwargs)
        # Moving a tool changes the count of the category it leaves, too (tools/apps.py).
        tool.category_id_loaded = tool.__dict__.get("category_id")
        return tool

    @property
    def panel(self) -> PanelSummary:
        """The panel's numbers, from prefetched reviews when loaded with_panel()."""
        return PanelSummary.from_reviews(self.panel_reviews.all())

    @property
    def panel_counts(self) -> PanelSummary:
        """The panel's ship and skip counts from the stored columns, without loading its takes.

        Enough for the verdict, ship % and average; freshness needs `panel`.
        """
        average = self.average_score
        return PanelSummary(
            ship=self.ship_count,
            skip=self.take_count - self.ship_count,
            # A mean of at most five whole scores: its fraction is found again exactly.
            exact_average=None
            if average is None
            else Fraction(average).limit_denominator(PANEL_SIZE),
        )

    @property
    def best_for(self) -> str:
        """The tagline as “who it suits”: “teams that want …” from “Best for teams that want …”."""
        tagline = self.tagline.strip()
        if tagline.lower().startswith("best for "):
            return tagline[len("best for ") :]
        return ""

    @property
    def community(self) -> CommunitySummary:
        """The community's numbers, from the counters votes keeps (load with_community())."""
        try:
            tally = self.tally
        except ObjectDoesNotExist:
            return CommunitySummary()
        return CommunitySummary(ship=tally.ship_count, skip=tally.skip_count)

    @property
    def freshness(self) -> Freshness:
        """Which parts of the listing may be out of date today (tools.freshness)."""
        return tool_freshness(
            pricing_verified_on=self.pricing_verified_on,
            panel_changed_at=self.panel_changed_at,
            has_takes=self.take_count > 0,
            entered_at=self.created_at,
            today=freshness_rule.today(),
        )

    @property
    def fragment_version(self) -> str:
        """Changes whenever anything a cached fragment shows of this tool changes.

        Its row (updated_at moves on every save, every change to its takes and
        to its category: tools.services) and its community counters, so a
        vote shows at once. Load with_community(). And which parts of it are
        old today: that changes with the calendar, not with an edit, and a
        fragment kept from before the day its pricing turned old must not go
        on calling it current (the state, not the date, so the fragment is
        redrawn on that one day rather than every day).
        """
        community = self.community
        return (
            f"{self.pk}.{self.updated_at.timestamp()}.{community.ship}.{community.skip}"
            f".{self.freshness.state}"
        )


class FeaturedComparisonQuerySet(models.QuerySet):
    def published(self):
        """Featured pairs whose two tools are both published."""
        return self.filter(published("left"), published("right"))

    def with_tools(self):
        """Both tools with their categories and panels (three queries in all)."""
        return self.select_related("left__category", "right__category").prefetch_related(
            "left__panel_reviews", "right__panel_reviews"
        )


class FeaturedComparison(models.Model):
    """A pair of tools the editors put forward on the home and picker pages."""

    left = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(
        "editor's note",
        max_length=240,
        blank=True,
        help_text="Optional: one or two sentences on why this pair is worth a look.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are shown first."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeaturedComparisonQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the model lived in compare/.
        db_table = "compare_featuredcomparison"
        ordering = ["position", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(left=F("right")),
                name="featured_comparison_two_different_tools",
                violation_error_message="Pick two different tools.",
            ),
            # One entry per pair, whichever tool is on the left.
            models.UniqueConstraint(
                Least("left", "right"),
                Greatest("left", "right"),
                name="featured_comparison_unique_pair",
                violation_error_message="This pair is already featured.",
            ),
        ]

    def __str__(self):
        return f"{self.left} vs {self.right}"

    def get_absolute_url(self):
        return comparison_path(self.left.slug, self.right.slug)
