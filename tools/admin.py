from django.contrib import admin, messages
from django.db.models import Count, Max

from reviews.admin import PanelReviewInline, missing_persona_rows
from reviews.models import PanelReview
from tools.models import Category, FeaturedComparison, Tool
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


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "entry",
        "panel_ship_percent",
        "takes",
        "is_published",
        "last_updated",
    ]
    list_filter = ["category", "entry", "is_published"]
    list_select_related = ["category"]
    search_fields = ["name", "tagline"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PanelReviewInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "tagline", "is_published"]}),
        ("Details", {"fields": ["description", "pricing", "entry", "website", "logo"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_panel_numbers()
            # The tool row or any of its reviews, whichever changed last.
            .annotate(panel_updated_at=Max("panel_reviews__updated_at"))
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

    @admin.display(description="last updated", ordering="updated_at")
    def last_updated(self, tool):
        if tool.panel_updated_at and tool.panel_updated_at > tool.updated_at:
            return tool.panel_updated_at
        return tool.updated_at


@admin.register(FeaturedComparison)
class FeaturedComparisonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "position", "created_at"]
    list_editable = ["position"]
    list_select_related = ["left", "right"]
    autocomplete_fields = ["left", "right"]
    search_fields = ["left__name", "right__name", "note"]
    fields = ["left", "right", "note", "position"]
