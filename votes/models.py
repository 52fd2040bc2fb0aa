"""Community votes, head-to-head picks and bookmarks, by anonymous visitors.

Pages never count rows: each tool's ToolTally and each pair's PairTally hold
the counters, changed in the same transaction as the vote they count
(see votes/services.py). `manage.py recount_votes` checks them.
"""

from django.db import models
from django.db.models import F, Q

from verdicts.vocabulary import Verdict


class Vote(models.Model):
    """One visitor's ship-or-skip on one tool."""

    visitor = models.UUIDField(db_index=True)
    tool = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="votes")
    value = models.CharField(max_length=4, choices=Verdict.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "tool"], name="vote_one_per_visitor_and_tool"
            ),
            models.CheckConstraint(
                condition=Q(value__in=Verdict.values), name="vote_value_is_ship_or_skip"
            ),
        ]

    def __str__(self):
        return f"{self.value} on {self.tool_id} by {self.visitor}"


class ToolTally(models.Model):
    """A tool's community counters, kept in step with its votes."""

    tool = models.OneToOneField(
        "tools.Tool", on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    ship_count = models.PositiveIntegerField(default=0)
    skip_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "tool tallies"
        constraints = [
            models.CheckConstraint(
                condition=Q(ship_count__gte=0) & Q(skip_count__gte=0),
                name="tool_tally_never_negative",
            )
        ]

    def __str__(self):
        return f"{self.tool_id}: {self.ship_count} ship / {self.skip_count} skip"


def pair_order(left, right):
    """The stored order of a pair of tools: lower id first (as Pick and PairTally keep it)."""
    return (left, right) if left.pk < right.pk else (right, left)


class Pick(models.Model):
    """One visitor's head-to-head choice between two tools.

    The pair is stored in a fixed order (lower tool id first), so a pick is the
    same whichever order the compare URL names the tools in.
    """

    visitor = models.UUIDField(db_index=True)
    first = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    chosen = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "first", "second"], name="pick_one_per_visitor_and_pair"
            ),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="pick_pair_in_order"),
            models.CheckConstraint(
                condition=Q(chosen=F("first")) | Q(chosen=F("second")),
                name="pick_chosen_from_the_pair",
            ),
        ]

    def __str__(self):
        return f"{self.chosen_id} of {self.first_id}/{self.second_id} by {self.visitor}"


class PairTally(models.Model):
    """Head-to-head counters for one pair, in the same fixed order as Pick."""

    first = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="+")
    first_count = models.PositiveIntegerField(default=0)
    second_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "pair tallies"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="pair_tally_one_per_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="pair_tally_pair_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} vs {self.second_id}: {self.first_count} to {self.second_count}"


class Bookmark(models.Model):
    visitor = models.UUIDField(db_index=True)
    tool = models.ForeignKey("tools.Tool", on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "tool"], name="bookmark_one_per_visitor_and_tool"
            )
        ]

    def __str__(self):
        return f"{self.tool_id} by {self.visitor}"
