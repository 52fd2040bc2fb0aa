from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlumbingConfig(AppConfig):
    name = "plumbing"
    verbose_name = "Site plumbing"

    def ready(self):
        from plumbing import checks  # noqa: F401  (registers the system checks)
        from plumbing.editors import staff_groups_sync_after_migrate

        # Sent for this app last (it is last in INSTALLED_APPS), once every
        # other app's permissions exist.
        post_migrate.connect(staff_groups_sync_after_migrate, sender=self)
