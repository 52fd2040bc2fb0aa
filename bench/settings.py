"""The production settings plus the benchmark's floor view (bench/urls.py); nothing else."""

from compare.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
