"""
Load the demo catalog (tools/demo_catalog.json) into an empty database.

`make run` calls this on every start: once the catalog holds any tool it does
nothing, so editors' changes are never overwritten. The demo panel then gets a
past (tools/demo_history.json), dated back from the day it loads, so the
verdict history, its feeds and the digest's flips have something to show.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from reviews.models import PanelReview
from tools.catalog import catalog_import, catalog_parse
from tools.models import Tool

DEMO_CATALOG = Path(__file__).resolve().parents[2] / "demo_catalog.json"
DEMO_HISTORY = Path(__file__).resolve().parents[2] / "demo_history.json"


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
            demo_history_replay(json.loads(DEMO_HISTORY.read_text("utf-8")), now=timezone.now())
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


def demo_history_replay(history: dict, *, now: datetime.datetime) -> None:
    """Date the freshly imported demo takes back and give a few of them an earlier state.

    Demo data only: the import has just written one "added" record per take,
    dated now. Each is moved back `takes_added_days_ago` days; a revised take's
    "added" record takes its `before` values and a "changed" record, dated
    `days_ago`, carries the value the catalog gives it now.
    """
    records = PanelReview.history.model.objects
    added_at = now - datetime.timedelta(days=history["takes_added_days_ago"])
    PanelReview.objects.update(created_at=added_at, updated_at=added_at)
    records.update(history_date=added_at, created_at=added_at, updated_at=added_at)
    for revision in history["revisions"]:
        take = PanelReview.objects.get(tool__slug=revision["tool"], persona=revision["persona"])
        changed_at = now - datetime.timedelta(days=revision["days_ago"])
        changed = records.get(id=take.pk)
        records.filter(pk=changed.pk).update(**revision["before"])
        changed.pk = None
        changed.history_type = "~"
        changed.history_date = changed.updated_at = changed_at
        changed.before_score = revision["before"]["score"]
        changed.before_verdict = revision["before"]["verdict"]
        changed.save()
        PanelReview.objects.filter(pk=take.pk).update(updated_at=changed_at)
    for tool in Tool.objects.annotate(last_take=Max("panel_reviews__updated_at")):
        Tool.objects.filter(pk=tool.pk).update(panel_changed_at=tool.last_take)
