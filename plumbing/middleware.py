"""Requests refused before any view sees them."""

from django.conf import settings
from django.core.exceptions import BadRequest

NUL = "\x00"


def _has_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


class RefuseNulBytesMiddleware:
    """A 400 for a NUL byte anywhere in the path, the query string or a form.

    No text on the site can hold one, and PostgreSQL refuses them in text
    columns: without this, a lookup by such a slug or token fails with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _has_nul(request.GET):
            raise BadRequest("The address holds a character that no page can have.")
        if request.method == "POST" and _has_nul(request.POST):
            raise BadRequest("The form holds a character that no form field can have.")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
