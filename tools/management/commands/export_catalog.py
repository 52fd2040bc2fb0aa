"""
Export every category and tool, with its panel, as a catalog JSON document
(docs/catalog-format.md): a backup that import_catalog restores exactly.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tools.catalog import catalog_dumps, catalog_export


class Command(BaseCommand):
    help = "Write the whole catalog as JSON to FILE, or to standard output."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write (default: standard output).")

    def handle(self, *args, file, **options):
        text = catalog_dumps(catalog_export())
        if file is None or file == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error}") from None
        if options["verbosity"] >= 1:
            self.stderr.write(f"Wrote {file}.")
