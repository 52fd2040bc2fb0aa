from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _take_changed(sender, instance, **kwargs):
    from tools.services import panel_numbers_refresh

    panel_numbers_refresh(tool_ids=[instance.tool_id], panel_changed=True)


def _tool_changed(sender, instance, **kwargs):
    from tools.services import category_counts_refresh

    left = getattr(instance, "category_id_loaded", None)
    category_counts_refresh(category_ids=[instance.category_id, left])
    instance.category_id_loaded = instance.category_id


def _tool_saved(sender, instance, **kwargs):
    from tools.services import panel_numbers_refresh, search_documents_refresh

    search_documents_refresh(sender.objects.filter(pk=instance.pk))
    # save() wrote the stored panel numbers as this instance held them, which
    # may be older than its takes: count them again.
    panel_numbers_refresh(tool_ids=[instance.pk])
    _tool_changed(sender, instance)


def _category_changed(sender, instance, **kwargs):
    from tools.services import category_counts_refresh, category_tools_touch

    # Likewise the stored tool count, from an instance loaded before its tools changed.
    category_counts_refresh(category_ids=[instance.pk])
    category_tools_touch(category_id=instance.pk)


class ToolsConfig(AppConfig):
    name = "tools"
    verbose_name = "Catalog"

    def ready(self):
        from plumbing.pagecache import pages_follow
        from reviews.models import PanelReview

        shown = ("Tool", "Category", "FeaturedComparison")
        pages_follow(*(self.get_model(name) for name in shown))
        # Every way a take changes (the admin's inline, the import, a delete)
        # moves the tool's stored panel numbers with it.
        post_save.connect(_take_changed, sender=PanelReview, dispatch_uid="take-saved")
        post_delete.connect(_take_changed, sender=PanelReview, dispatch_uid="take-deleted")
        tool = self.get_model("Tool")
        post_save.connect(_tool_saved, sender=tool, dispatch_uid="tool-saved")
        post_delete.connect(_tool_changed, sender=tool, dispatch_uid="tool-deleted")
        post_save.connect(
            _category_changed, sender=self.get_model("Category"), dispatch_uid="category-saved"
        )
