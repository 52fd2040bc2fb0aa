from django.contrib import admin
from django.db.models import F

from votes.models import PairTally, ToolTally, Vote
from votes.services import visitor_votes_remove


@admin.register(ToolTally)
class ToolTallyAdmin(admin.ModelAdmin):
    """Community totals per tool; counters change only through votes."""

    list_display = ["tool", "ship_count", "skip_count", "total"]
    list_select_related = ["tool"]
    search_fields = ["tool__name"]
    readonly_fields = ["tool", "ship_count", "skip_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vote_total=F("ship_count") + F("skip_count"))

    @admin.display(description="votes", ordering="vote_total")
    def total(self, tally):
        return tally.vote_total

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PairTally)
class PairTallyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "first", "first_count", "second", "second_count"]
    list_select_related = ["first", "second"]
    search_fields = ["first__name", "second__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Votes are read-only; the one edit is removing all of a visitor's votes."""

    list_display = ["tool", "value", "visitor", "updated_at"]
    list_filter = ["value"]
    list_select_related = ["tool"]
    search_fields = ["visitor", "tool__name"]
    actions = ["remove_visitors_votes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting rows directly would leave the counters behind: use the action.
        return False

    def has_remove_votes_permission(self, request):
        return request.user.has_perm("votes.delete_vote")

    @admin.action(
        description="Remove every vote and pick of the selected votes' visitors",
        permissions=["remove_votes"],
    )
    def remove_visitors_votes(self, request, queryset):
        removed = sum(
            visitor_votes_remove(visitor=visitor)
            for visitor in set(queryset.values_list("visitor", flat=True))
        )
        noun = "vote or pick" if removed == 1 else "votes and picks"
        self.message_user(request, f"Removed {removed} {noun}; counters updated.")
