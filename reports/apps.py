from django.apps import AppConfig


class ReportsConfig(AppConfig):
    # Readers' reports show on no public page, so no save or delete of one
    # bumps the page cache's catalog version (no pages_follow here).
    name = "reports"
    verbose_name = "Reader reports"
