from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from reviews.models import PanelReview, Persona, TakeSource, take_changes_from


class PanelReviewInline(admin.TabularInline):
    """The tool's panel: one row per persona, edited on the tool's page."""

    model = PanelReview
    fields = ["persona", "score", "verdict", "take"]
    extra = 0
    max_num = len(Persona)
    min_num = 0
    # A take is a paragraph: five rows, as wide as its column (static/css/admin.css).
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 5})}}

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_extra(self, request, obj=None, **kwargs):
        # Offer one blank row for each persona that has no take yet.
        return len(missing_persona_rows(obj))


def missing_persona_rows(obj):
    """Initial data that puts each persona without a take on its own blank row."""
    taken = set(obj.panel_reviews.values_list("persona", flat=True)) if obj and obj.pk else set()
    return [{"persona": persona} for persona in Persona.values if persona not in taken]


# The editor's view of a tool's panel history: every record, text revisions too.
ADMIN_HISTORY_ROWS = 50


class TakeChangesFromAdmin:
    """A ModelAdmin mixin: takes changed through its pages are recorded as the admin's.

    The editor is recorded too (simple_history's HistoryRequestMiddleware gives
    the record the request's user). Deleting a tool removes its takes, so the
    delete views are covered as well as the change form.
    """

    def changeform_view(self, *args, **kwargs):
        with take_changes_from(TakeSource.ADMIN):
            return super().changeform_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with take_changes_from(TakeSource.ADMIN):
            return super().delete_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        # Actions (deleting tools) and list edits.
        with take_changes_from(TakeSource.ADMIN):
            return super().changelist_view(*args, **kwargs)

    @admin.display(description="panel history")
    def panel_history(self, tool):
        if not tool.pk:
            return "—"
        records = (
            PanelReview.history.filter(tool_id=tool.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:ADMIN_HISTORY_ROWS]
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(localtime(record.history_date), "j M Y, H:i"),
                    record.get_persona_display(),
                    record.get_history_type_display(),
                    record.get_verdict_display(),
                    record.score,
                    record.get_source_display(),
                    record.history_user or "—",
                )
                for record in records
            ),
        )
        if not rows:
            return "No changes recorded yet."
        return format_html(
            '<table class="take-history"><thead><tr><th scope="col">When</th>'
            '<th scope="col">Persona</th><th scope="col">Change</th><th scope="col">Verdict</th>'
            '<th scope="col">Score</th><th scope="col">Source</th><th scope="col">Editor</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            rows,
        )
