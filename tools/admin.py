from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import ngettext

from reviews.admin import PanelReviewInline, TakeChangesFromAdmin, missing_persona_rows
from reviews.models import PanelReview
from tools import freshness as freshness_rule
from tools.freshness import possibly_out_of_date_q
from tools.models import Category, FeaturedComparison, Tool
from tools.services import pricing_verified_mark
from verdicts.panel import PanelSummary, score_contradicts_verdict


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "tool_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tool_count=Count("tools"))

    @admin.display(description="tools", ordering="tool_count")
    def tool_count(self, category):
        return category.tool_count


class FreshnessFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("old", "Possibly out of date"), ("current", "Up to date")]

    def queryset(self, request, queryset):
        # The pages' rule as a query (tools.freshness), for today.
        old = possibly_out_of_date_q(today=freshness_rule.today())
        if self.value() == "old":
            return queryset.filter(old)
        if self.value() == "current":
            return queryset.exclude(old)
        return queryset


@admin.register(Tool)
class ToolAdmin(TakeChangesFromAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "entry",
        "panel_ship_percent",
        "takes",
        "is_published",
        "freshness",
        "last_updated",
    ]
    list_filter = ["category", "entry", "is_published", FreshnessFilter]
    actions = ["mark_pricing_verified"]
    list_select_related = ["category"]
    search_fields = ["name", "tagline"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PanelReviewInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "tagline", "is_published"]}),
        (
            "Details",
            {
                "fields": [
                    "description",
                    "pricing",
                    "entry",
                    "pricing_verified_on",
                    "website",
                    "logo",
                ]
            },
        ),
        # Every recorded change to the tool's takes, newest first (reviews.admin).
        ("Panel history", {"fields": ["panel_history"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["panel_history"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_panel_numbers()

    @admin.action(description="Mark pricing verified today", permissions=["change"])
    def mark_pricing_verified(self, request, queryset):
        count = pricing_verified_mark(tools=queryset, on=freshness_rule.today())
        self.message_user(
            request,
            ngettext(
                "Pricing of %(count)d tool marked verified today.",
                "Pricing of %(count)d tools marked verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is PanelReview:
            # A warning, not a refusal: a low-scoring ship can be deliberate.
            for review in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
                if score_contradicts_verdict(review.score, review.verdict):
                    messages.warning(
                        request,
                        f"{review.get_persona_display()} gives {form.instance.name} "
                        f"{review.score}/100 but says {review.verdict}: check the score "
                        "or the verdict.",
                    )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, PanelReviewInline):
            # Also on POST: a row left as offered is then unchanged and ignored.
            kwargs["initial"] = missing_persona_rows(obj)
        return kwargs

    @admin.display(description="panel ship %", ordering="ship_share")
    def panel_ship_percent(self, tool):
        summary = PanelSummary(ship=tool.ship_count, skip=tool.take_count - tool.ship_count)
        percent = summary.ship_percent
        return "—" if percent is None else f"{percent}% ({summary.verdict})"

    @admin.display(description="takes", ordering="take_count")
    def takes(self, tool):
        return tool.take_count

    @admin.display(description="freshness", ordering="pricing_verified_on")
    def freshness(self, tool):
        freshness = tool.freshness
        if not freshness.possibly_out_of_date:
            return "Up to date"
        parts = "; ".join(part[0].lower() + part[1:] for part in freshness.old_parts)
        return f"Possibly out of date: {parts}"

    @admin.display(description="last updated", ordering="updated_at")
    def last_updated(self, tool):
        # The tool row moves with every change to its takes, too (tools.services).
        return tool.updated_at


@admin.register(FeaturedComparison)
class FeaturedComparisonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "position", "created_at"]
    list_editable = ["position"]
    list_select_related = ["left", "right"]
    autocomplete_fields = ["left", "right"]
    search_fields = ["left__name", "right__name", "note"]
    fields = ["left", "right", "note", "position"]
