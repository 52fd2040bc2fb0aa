"""
Import a catalog JSON file (docs/catalog-format.md): categories and tools are
matched by slug and created or updated; nothing else is touched.

The import is all-or-nothing: on any problem it lists every one, with its
location in the file, changes nothing and exits non-zero.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tools.catalog import CatalogError, catalog_import, catalog_parse


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = "Import categories, tools and panel reviews from a catalog JSON file ('-' for stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the catalog JSON file, or - for standard input.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and report what would change, without writing anything.",
        )

    def handle(self, *args, file, dry_run, **options):
        text = self._read(file)
        try:
            with transaction.atomic():
                report = catalog_import(document=catalog_parse(text))
                if dry_run:
                    raise DryRunRollback
        except CatalogError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{file}: {problems_label(len(error.problems))}; nothing was imported."
            ) from None
        except DryRunRollback:
            pass

        verbosity = options["verbosity"]
        prefix = "(dry run) " if dry_run else ""
        for outcome in ("created", "updated", "unchanged"):
            names = getattr(report, outcome)
            if verbosity >= 1:
                # Unchanged entries are only counted unless asked for (-v 2).
                listed = names if outcome != "unchanged" or verbosity >= 2 else []
                self.stdout.write(
                    f"{prefix}{outcome} {len(names)}{': ' if listed else ''}" + ", ".join(listed)
                )

    def _read(self, file):
        if file == "-":
            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None


def problems_label(count: int) -> str:
    return f"{count} problem" if count == 1 else f"{count} problems"
