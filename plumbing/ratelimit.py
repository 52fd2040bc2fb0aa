"""Fixed-window rate limits in Django's cache (shared by all processes when Redis is set).

Each limited action has its limits in settings.RATE_LIMITS: hits per client
address, optionally per visitor, and the window in seconds. Client IPs are
only ever used as a keyed hash, never stored as they are.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the configured proxy header's entry.

    Behind a proxy set CLIENT_IP_HEADER (e.g. HTTP_X_FORWARDED_FOR) and
    TRUSTED_PROXY_COUNT: the address that many hops from the right is the
    client's, which a client cannot forge by sending its own header.
    """
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        hops = [part.strip() for part in request.META[header].split(",") if part.strip()]
        index = max(len(hops) - settings.TRUSTED_PROXY_COUNT, 0)
        if hops:
            return hops[min(index, len(hops) - 1)]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(ip: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:32]


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit against `key`; True when it goes over `limit` in this window."""
    cache_key = f"ratelimit:{key}"
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window's first hit (or the last one expired)
        # Of two first hits at once, one adds the counter and the other counts on it.
        count = 1 if cache.add(cache_key, 1, timeout=window) else cache.incr(cache_key)
    return count > limit


def over_limit(request, *, action: str, visitor=None, scope: str = "") -> bool:
    """Whether this request goes over the per-IP or per-visitor limit for `action`.

    `scope` counts separately per thing acted on (a tool, say) when given.
    """
    limits = settings.RATE_LIMITS[action]
    window = limits["window"]
    action = f"{action}:{scope}" if scope else action
    by_ip = hit(f"{action}:ip:{ip_hash(client_ip(request))}", limit=limits["ip"], window=window)
    by_visitor = (
        visitor is not None
        and "visitor" in limits
        and hit(f"{action}:visitor:{visitor}", limit=limits["visitor"], window=window)
    )
    return by_ip or by_visitor
