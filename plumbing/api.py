"""The read-only machine endpoints (JSON verdicts, llms.txt): one decorator for what they share.

`machine_endpoint` makes a view

- read-only: GET and HEAD answer, OPTIONS answers a CORS preflight, anything else is a 405;
- open to every origin: `Access-Control-Allow-Origin: *` on every answer, whatever the
  request's Origin. The header never depends on the request, so the page cache can store
  one answer for all (django-cors-headers adds it only when the request names an Origin:
  an answer cached from a request without one would then be served to a browser without
  the header). No credentials are allowed, so no cookie or session crosses origins;
- rate-limited per client address (settings.RATE_LIMITS[action]): past the limit a 429 in
  JSON with Retry-After. The limit counts renderings: PageCacheMiddleware answers a cached
  address before any view runs, at the cost of one cache round trip and no query, so only
  requests that would reach the database are counted;
- public: cached by `public_page`, with an ETag (a conditional GET gets a 304).
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from plumbing.pagecache import public_page
from plumbing.ratelimit import over_limit

SAFE_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a cross-origin script may read besides the safelisted headers.
EXPOSED_HEADERS = "ETag, Retry-After"
PREFLIGHT_SECONDS = 60 * 60 * 24


def json_answer(data: dict, *, status: int = 200) -> JsonResponse:
    """A JSON answer as the endpoints give it: UTF-8 as typed, no ASCII escapes."""
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_problem(status: int, message: str, **details) -> JsonResponse:
    """A clear 4xx in JSON: {"error": {"status": …, "message": …, **details}}."""
    error = {"status": status, "message": message, **details}
    return json_answer({"error": error}, status=status)


def _open_to_all_origins(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    # No request headers are allowed beyond the safelisted: a 304 keeps only the
    # headers RFC 9110 names (Django's conditional GET), not this one, so a script's
    # own If-None-Match would fail. A browser's cache revalidates by itself and
    # checks CORS on the stored answer, which has it.
    response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
    response["Allow"] = ALLOWED_METHODS
    return response


def machine_endpoint(*, action: str, seconds: int | None = None):
    """Decorate a view as a read-only, CORS-open, rate-limited, cached machine endpoint.

    `action` names its entry in settings.RATE_LIMITS; `seconds` is passed to
    `public_page` (None: PAGE_CACHE_SECONDS).
    """

    def decorate(view):
        cached = public_page(view, seconds=seconds)

        @wraps(view)
        def endpoint(request, *args, **kwargs):
            if request.method == "OPTIONS":
                return _open_to_all_origins(_preflight())
            if request.method not in SAFE_METHODS:
                response = json_problem(405, "Read-only: use GET or HEAD.")
                response["Allow"] = ALLOWED_METHODS
                return _open_to_all_origins(response)
            if over_limit(request, action=action):
                window = settings.RATE_LIMITS[action]["window"]
                response = json_problem(
                    429, f"Too many requests from this address; try again within {window} seconds."
                )
                # The fixed window ends within this many seconds.
                response["Retry-After"] = str(window)
                # About this client now: no cache, ours or a CDN's, may keep it.
                response["Cache-Control"] = "private, no-store"
                return _open_to_all_origins(response)
            return _open_to_all_origins(cached(request, *args, **kwargs))

        # Nothing here writes, so there is nothing for a forged request to do; without
        # this, CSRF's 403 page would answer a POST before the 405 above could.
        return csrf_exempt(endpoint)

    return decorate
