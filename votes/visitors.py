"""Anonymous visitors: a random id in a signed cookie, set on the first vote or bookmark."""

import uuid

from django.conf import settings

VISITOR_COOKIE = "visitor"
VISITOR_SALT = "votes.visitor"
VISITOR_MAX_AGE = 60 * 60 * 24 * 365 * 2  # two years


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
