"""System checks for a production setup that would run but misbehave."""

from django.conf import settings
from django.core.checks import Warning, register

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
