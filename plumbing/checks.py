"""System checks for a production setup that would run but misbehave."""

from django.conf import settings
from django.core.checks import Warning, register

IN_PLACE_TASKS = "django.tasks.backends.immediate.ImmediateBackend"

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits live in the cache: with a per-process cache each worker counts alone."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The cache is per process, so rate limits are too: each worker "
                "counts its own votes and sign-ups.",
                hint="Set REDIS_URL to a Redis server every process can reach.",
                id="plumbing.W001",
            )
        ]
    return []


@register(deploy=True)
def task_queue_check(app_configs, **kwargs):
    """With tasks run in place, sign-ups would send email inside the reader's request."""
    if settings.TASKS["default"]["BACKEND"] == IN_PLACE_TASKS:
        return [
            Warning(
                "Tasks run in place (the immediate backend): sign-up requests send "
                "their email themselves, and the admin cannot send a digest.",
                hint="Set TASKS_BACKEND=django_tasks_db.DatabaseBackend and run "
                "`manage.py db_worker` (docs/operations.md).",
                id="plumbing.W002",
            )
        ]
    return []
