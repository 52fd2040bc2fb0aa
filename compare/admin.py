from django.contrib import admin

from compare.models import FeaturedComparison


@admin.register(FeaturedComparison)
class FeaturedComparisonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "position", "created_at"]
    list_editable = ["position"]
    list_select_related = ["left", "right"]
    autocomplete_fields = ["left", "right"]
    search_fields = ["left__name", "right__name", "note"]
    fields = ["left", "right", "note", "position"]
