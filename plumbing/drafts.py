"""What readers may see, and who may preview the rest."""

from django.conf import settings
from django.db.models import Q


def published(relation: str = "") -> Q:
    """The filter for published tools, directly or through a relation ("tool", "left").

    Only published tools, and what belongs to them, are shown to readers.
    """
    field = f"{relation}__is_published" if relation else "is_published"
    return Q(**{field: True})


def can_preview_drafts(request) -> bool:
    """Staff see drafts, so editors can check a tool before publishing it.

    A reader without a session cookie never loads the session: public pages then
    stay free of `Vary: Cookie` and can be cached for everyone.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff
