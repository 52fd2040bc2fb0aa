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
            self.stdout.write(f"Loaded the demo catalog: {demo_contents(report.created)}.")


# Import report entries start with their kind: "tool moorhen", "featured a-vs-b".
REPORTED_KINDS = [
    ("category", "category", "categories"),
    ("tool", "tool", "tools"),
    ("featured", "featured comparison", "featured comparisons"),
]


def demo_contents(created: list[str]) -> str:
    """“4 categories, 16 tools, 5 featured comparisons” from the import report's entries."""
    kinds = [entry.split(" ", 1)[0] for entry in created]
    counts = [(kinds.count(kind), one, many) for kind, one, many in REPORTED_KINDS]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)
