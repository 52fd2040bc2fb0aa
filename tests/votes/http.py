"""Posting to the live server the way a browser's htmx island does, for the concurrency tests."""

import secrets
import string
import urllib.error
import urllib.request
from urllib.parse import urlencode


def island_post(
    url: str, data: dict, *, cookie: str = "", user_agent: str = "test browser"
) -> int:
    """POST a form with a fresh CSRF token (and any other cookie); returns the status."""
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    request = urllib.request.Request(
        url,
        data=urlencode(data).encode(),
        headers={
            "Cookie": f"csrftoken={csrf}; {cookie}" if cookie else f"csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "HX-Request": "true",
            "User-Agent": user_agent,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
