"""Who may preview unpublished tools."""

from django.conf import settings


def can_preview_drafts(request) -> bool:
    """Staff see drafts, so editors can check a tool before publishing it.

    A reader without a session cookie never loads the session: public pages then
    stay free of `Vary: Cookie` and can be cached for everyone.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff
