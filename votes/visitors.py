"""Anonymous visitors: a random id in a signed cookie, set on the first vote or bookmark."""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

from plumbing.ratelimit import client_ip, ip_hash

VISITOR_COOKIE = "visitor"
VISITOR_SALT = "votes.visitor"
VISITOR_MAX_AGE = 60 * 60 * 24 * 365 * 2  # two years
# How long a browser's first writes share the visitor id the first one made.
FIRST_WRITE_SECONDS = 10


def visitor_get(request) -> uuid.UUID | None:
    """The visitor's id from their signed cookie; None for a new or tampered cookie."""
    value = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_SALT)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def visitor_remember(response, visitor: uuid.UUID) -> None:
    response.set_signed_cookie(
        VISITOR_COOKIE,
        str(visitor),
        salt=VISITOR_SALT,
        max_age=VISITOR_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


def visitor_for_first_write(request) -> tuple[uuid.UUID, bool]:
    """A new visitor id for a browser without the cookie; the same one for its racing writes.

    A browser's first vote, pick or bookmark can go out several times at once
    (two islands, a double click) before any answer has set the cookie. Each
    would otherwise be a new visitor and count again; for a few seconds the
    first one's id is handed to the others from the same address and browser.
    The cache is shared by all processes when Redis is set. Returns the id
    and whether this request made it (the others only reuse it).
    """
    browser = hashlib.sha256(request.headers.get("User-Agent", "").encode()).hexdigest()[:16]
    key = f"first-write:{ip_hash(client_ip(request))}:{browser}"
    candidate = uuid.uuid4()
    if cache.add(key, str(candidate), timeout=FIRST_WRITE_SECONDS):
        return candidate, True
    stored = cache.get(key)
    return (uuid.UUID(stored), False) if stored else (candidate, True)
