from django.contrib import admin
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from reports import services
from reports.models import Report, ReportStatus


class StatusFilter(admin.SimpleListFilter):
    """Open reports unless the editor asks for others: the list is their queue."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*ReportStatus.choices, (self.ALL, "All")]

    def chosen(self) -> str:
        return self.value() or ReportStatus.OPEN

    def queryset(self, request, queryset):
        if self.chosen() == self.ALL:
            return queryset
        return queryset.filter(status=self.chosen())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.chosen() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Readers' reports as they sent them; editors only resolve or dismiss them."""

    list_display = ["created_at", "tool_link", "reason", "short_text", "status"]
    list_filter = [StatusFilter, "reason"]
    list_select_related = ["tool"]
    search_fields = ["tool__name", "text"]
    # Under "All", the open reports still come first.
    ordering = [
        Case(When(status=ReportStatus.OPEN, then=Value(0)), default=Value(1)).asc(),
        "-created_at",
    ]
    fields = readonly_fields = [
        "tool_link",
        "reason",
        "text",
        "status",
        "created_at",
        "closed_at",
        "closed_by",
    ]
    actions = ["mark_resolved", "dismiss"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's actions need it; one report's page is for reading only.
        return obj is None and super().has_change_permission(request)

    @admin.display(description="tool", ordering="tool__name")
    def tool_link(self, report):
        url = reverse("admin:tools_tool_change", args=[report.tool_id])
        return format_html('<a href="{}">{}</a>', url, report.tool.name)

    @admin.display(description="details")
    def short_text(self, report):
        return Truncator(report.text).chars(80)

    def closed_message(self, request, *, closed: int, selected: int, verb: str) -> None:
        noun = "report" if closed == 1 else "reports"
        message = f"{closed} {noun} {verb}."
        if selected > closed:
            message += f" {selected - closed} closed already kept their status."
        self.message_user(request, message)

    @admin.action(description="Mark resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        selected = queryset.count()
        closed = services.report_resolve(reports=queryset, by=request.user)
        self.closed_message(request, closed=closed, selected=selected, verb="marked resolved")

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss(self, request, queryset):
        selected = queryset.count()
        closed = services.report_dismiss(reports=queryset, by=request.user)
        self.closed_message(request, closed=closed, selected=selected, verb="dismissed")
