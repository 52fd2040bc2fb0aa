from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models

from reviews.models import PanelReview, Persona


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
