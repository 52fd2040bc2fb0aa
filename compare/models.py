from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from plumbing.pairs import comparison_path


class FeaturedComparisonQuerySet(models.QuerySet):
    def published(self):
        """Featured pairs whose two tools are both published."""
        return self.filter(left__is_published=True, right__is_published=True)

    def with_tools(self):
        """Both tools with their categories and panels (three queries in all)."""
        return self.select_related("left__category", "right__category").prefetch_related(
            "left__panel_reviews", "right__panel_reviews"
        )


class FeaturedComparison(models.Model):
    """A pair of tools the editors put forward on the home and picker pages."""

    left = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
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
