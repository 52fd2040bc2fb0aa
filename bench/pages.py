"""How page time grows with the catalog: each page timed at 5 and at 500 tools, in one run.

    make bench            # or: .venv/bin/python bench/pages.py [--repeat N]

Prints, per page, the median time at each size and their ratio. The pages
run a fixed number of queries, so the ratio shows what is left: rendering
and the database's own work, which should grow far slower than the catalog.
Uses a throwaway in-memory SQLite database unless DATABASE_URL is set.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compare.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.factories import catalog_create  # noqa: E402
from tools.models import Category, Tool  # noqa: E402

SIZES = (5, 500)


def pages_for(tools):
    first, second = tools[0], tools[3]
    return {
        "home": "/",
        "compare": f"/compare/{first.slug}-vs-{second.slug}/",
        "tool": f"/tools/{first.slug}/",
        "directory": "/tools/?sort=score",
        "search": "/tools/?q=bulk",
        "category": f"/categories/{first.category.slug}/",
        "panel persona": "/panel/builder/",
        "feed": "/feeds/verdicts/",
    }


def median_ms(client, path, repeat):
    client.get(path)  # warm up templates and connections
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    results = {}
    for size in SIZES:
        Tool.objects.all().delete()
        Category.objects.all().delete()
        tools = catalog_create(tools=size)
        for name, path in pages_for(tools).items():
            results.setdefault(name, {})[size] = median_ms(client, path, args.repeat)

    small, large = SIZES
    print(f"database: {connection.vendor}; median of {args.repeat} requests each")
    print(f"{'page':<15}{small:>6} tools{large:>8} tools{'ratio':>9}")
    for name, times in results.items():
        ratio = times[large] / times[small]
        print(f"{name:<15}{times[small]:>9.1f} ms{times[large]:>9.1f} ms{ratio:>8.2f}x")


if __name__ == "__main__":
    main()
