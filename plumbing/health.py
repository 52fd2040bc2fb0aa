"""/healthz for the load balancer: 200 only while the database and the cache answer."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer")
        return False


def _cache_answers() -> bool:
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse(
        {name: "ok" if up else "down" for name, up in checks.items()}, status=status
    )
