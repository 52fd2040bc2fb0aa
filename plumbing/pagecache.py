"""Public pages served from Django's cache, with one catalog version to invalidate them all.

A public page is the same for every reader (the per-visitor parts are islands,
loaded separately), so one rendering serves everyone until either

- an editor changes the catalog: `catalog_changed()` bumps the catalog
  version, on commit, and every entry carries the version it was rendered
  under, so every page in every process (the cache is Redis in production) is
  rendered afresh at once; or
- PAGE_CACHE_SECONDS pass: how far community numbers on a page may lag.

Views say they are public with `public_page`; PageCacheMiddleware, early in
the stack, answers from and stores into the cache.

Responses carry an ETag (a conditional GET gets a 304, by Django's
ConditionalGetMiddleware) and Cache-Control fit for a CDN: shared caches
keep a page PAGE_CACHE_SECONDS, browsers revalidate every time (max-age=0),
so a reader's own vote shows on the page the vote sends them back to. HEAD is
answered from the GET entry.

A request with the session cookie (staff, who may preview drafts) or one of
PAGE_CACHE_PERSONAL_COOKIES (a reader who has voted, who must see their vote
counted) is rendered afresh, never stored, and marked private; the CDN is told to do the same
(docs/deploy.md).
"""

import hashlib
import logging
import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponseRedirect
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django_http_compression.middleware import best_coding

logger = logging.getLogger(__name__)

CATALOG_VERSION_KEY = "pages:catalog-version"
# Statuses that are the same for everyone and worth keeping: pages, redirects
# to the canonical address, helpful not-founds.
STORABLE = {200, 301, 404}


def catalog_version() -> str:
    """The catalog's current version; a new one if the cache has lost it."""
    version = cache.get(CATALOG_VERSION_KEY)
    if version is None:
        version = secrets.token_hex(4)
        # add: of two processes finding it missing at once, both use the winner's.
        cache.add(CATALOG_VERSION_KEY, version, timeout=None)
        version = cache.get(CATALOG_VERSION_KEY, version)
    return version


def catalog_cached(name: str, compute, *, version: str | None = None):
    """What `compute()` returns, worked out once per catalog version for every process.

    For what only an editor changes: figures that count the whole catalog (a
    persona's takes per category), a listing's title. A view that asks several
    times passes the `version` it read once.
    """
    key = f"catalog:{version or catalog_version()}:{name}"
    return cache.get_or_set(key, compute, timeout=settings.FRAGMENT_CACHE_SECONDS)


def _bump() -> None:
    cache.set(CATALOG_VERSION_KEY, secrets.token_hex(4), timeout=None)


def catalog_changed() -> None:
    """Every cached page is stale once the current transaction commits (at once outside one)."""
    transaction.on_commit(_bump)


def _page_key(request) -> str:
    """One entry per address, per kind of request (a whole page, or htmx's fragment)
    and per content coding the client gets (entries are stored compressed)."""
    # A history restore sends HX-Request too, but asks for the whole page.
    fragment = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    variant = "fragment" if fragment else "page"
    coding = best_coding(request.headers.get("Accept-Encoding", ""))
    address = hashlib.sha256(
        f"{request.get_host()}{request.get_full_path()}".encode()
    ).hexdigest()[:32]
    return f"pages:{variant}:{coding}:{address}"


def _personal(request) -> bool:
    personal = (settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_PERSONAL_COOKIES)
    return any(name in request.COOKIES for name in personal)


def _public(response, seconds: int) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_while_revalidate=settings.PAGE_STALE_SECONDS,
    )
    # htmx asks for fragments at the same address; a shared cache keeps them
    # apart, and apart from a history restore, which asks for the whole page.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])


class PageCacheMiddleware:
    """Answers a public page from the cache before the rest of the stack runs.

    It comes first in MIDDLEWARE and stores a page as the whole stack left it:
    security headers, CSP, ETag and compressed for the client's coding. So a
    hit costs one cache round trip (the catalog version and the entry, fetched
    together; an entry stored under an older version is a miss) plus Django's
    conditional GET check, and runs nothing else: no compression, sessions,
    CSRF, auth or URL routing. It stores only what a `public_page` view marked.

    What the middleware below would refuse it refuses too, by passing the
    request down: a Host outside ALLOWED_HOSTS (get_host raises, a 400), and
    plain HTTP when SECURE_SSL_REDIRECT sends it to HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or _personal(request)
            or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        ):
            return self.get_response(request)
        key = _page_key(request)
        try:
            found = cache.get_many([CATALOG_VERSION_KEY, key])
            version = found.get(CATALOG_VERSION_KEY) or catalog_version()
        except Exception:
            # A cache that does not answer costs speed, not pages (and /healthz
            # must still say so).
            logger.exception("Page cache: the cache does not answer")
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            # A 304 when the client's ETag matches, as the stack would answer.
            return self.conditional.process_response(request, stored[1])
        response = self.get_response(request)
        lifetime = getattr(response, "page_cache_seconds", None)
        if (
            lifetime
            and response.status_code in STORABLE
            and not response.cookies
            and not response.streaming
        ):
            # Stored under the version read before rendering: a change that
            # commits meanwhile is not hidden behind this rendering.
            cache.set(key, (version, response), lifetime)
        return response


def public_page(view=None, *, seconds: int | None = None):
    """Mark the view's GET and HEAD answers public, for PageCacheMiddleware to keep.

    `seconds` keeps pages that show no community numbers (sitemaps) longer
    than PAGE_CACHE_SECONDS; catalog changes still replace them at once.
    """
    if view is None:
        return lambda view: public_page(view, seconds=seconds)

    @wraps(view)
    def marked_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if _personal(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if hasattr(response, "render"):
            response = response.render()
        if response.status_code in STORABLE and not response.streaming:
            lifetime = seconds or settings.PAGE_CACHE_SECONDS
            _public(response, lifetime)
            set_response_etag(response)
            response.page_cache_seconds = lifetime
        return response

    return marked_view


def query_free(view):
    """Send any query string to the bare address (a 302, which is never kept).

    For views whose answer does not depend on one (badges): the page cache keys
    by the whole address, so each made-up query would be kept as a copy.
    """

    @wraps(view)
    def bare_view(request, *args, **kwargs):
        if request.META.get("QUERY_STRING"):
            return HttpResponseRedirect(request.path)
        return view(request, *args, **kwargs)

    return bare_view


def _changed(sender, **kwargs) -> None:
    catalog_changed()


def pages_follow(*models) -> None:
    """Any save or delete of these models (admin, import, services) makes every page stale.

    Called from each app's ready() for the models its public pages show.
    """
    for model in models:
        uid = f"pages-follow-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
