"""
Load the demo catalog (tools/demo_catalog.json) into an empty database.

`make run` calls this on every start: once the catalog holds any tool it does
nothing, so editors' changes are never overwritten.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from tools.catalog import catalog_import, catalog_parse
from tools.models import Tool

DEMO_CATALOG = Path(__file__).resolve().parents[2] / "demo_catalog.json"


class Command(BaseCommand):
    help = "Import the demo catalog when the database has no tools yet."

    def handle(self, *args, **options):
        with transaction.atomic():
            existing = Tool.objects.count()
            if existing:
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"The catalog already has {existing} tools; demo not loaded."
                    )
                return
            report = catalog_import(document=catalog_parse(DEMO_CATALOG.read_text("utf-8")))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Loaded the demo catalog: {len(report.created)} entries created.")
