"""Recompute every community counter from the votes and picks, and report any drift."""

from django.core.management.base import BaseCommand

from votes.services import tallies_recount


class Command(BaseCommand):
    help = (
        "Recount every tool's ship/skip counters and every pair's pick counters from "
        "the rows, report any drift, and fix it (unless --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report drift without fixing it."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        drift = tallies_recount(fix=not dry_run)
        for item in drift:
            self.stdout.write(
                f"{item.what}: stored {item.stored[0]}/{item.stored[1]}, "
                f"counted {item.counted[0]}/{item.counted[1]}"
            )
        if not drift:
            if verbosity:
                self.stdout.write(self.style.SUCCESS("Counters match the votes: no drift."))
        elif dry_run:
            self.stdout.write(self.style.WARNING(f"{len(drift)} counters drifted (not fixed)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Fixed {len(drift)} drifted counters."))
