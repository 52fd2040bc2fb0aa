"""Public pages from the cache: stored once, invalidated by any catalog change, fit for a CDN."""

import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plumbing.pagecache import CATALOG_VERSION_KEY
from reviews.models import PanelReview
from tests.factories import PanelReviewFactory
from tools.models import FeaturedComparison
from votes.services import vote_cast

pytestmark = pytest.mark.django_db(transaction=True)


PAGES = [
    "/",
    "/compare/",
    "/compare/moorhen-vs-patchwright/",
    "/tools/",
    "/tools/?q=release",
    "/tools/patchwright/",
    "/panel/",
    "/panel/builder/",
    "/newsletter/archive/",
    "/feeds/verdicts/",
    "/sitemap.xml",
]


def queries_for(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    return response, len(queries)


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_is_rendered_once_then_served_from_the_cache(client, pair, path):
    first, first_queries = queries_for(client, path)
    again, again_queries = queries_for(client, path)
    assert first.status_code == 200
    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content
    control = again.headers["Cache-Control"]
    lifetime = 3600 if "sitemap" in path else 60  # sitemaps show no community numbers
    for part in ("public", "max-age=0", f"s-maxage={lifetime}", "stale-while-revalidate=300"):
        assert part in control
    assert again.headers["ETag"] == first.headers["ETag"]
    assert not again.cookies


def test_a_conditional_get_with_the_etag_answers_304_and_head_comes_from_the_cache(client, pair):
    page = "/compare/moorhen-vs-patchwright/"
    etag = client.get(page).headers["ETag"]
    not_modified = client.get(page, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    with CaptureQueriesContext(connection) as queries:
        head = client.head(page)
    assert (head.status_code, len(queries), head.headers["ETag"]) == (200, 0, etag)


def test_an_htmx_fragment_and_the_page_at_one_address_are_kept_apart(client, pair):
    page = client.get("/tools/?q=release")
    fragment = client.get("/tools/?q=release", headers={"HX-Request": "true"})
    assert b"<html" in page.content
    assert b"<html" not in fragment.content
    assert "HX-Request" in fragment.headers["Vary"]


def test_htmx_restoring_history_gets_the_whole_page_even_after_the_fragment_is_kept(client, pair):
    # Back after a cache miss: htmx asks again with HX-Request for the whole page.
    client.get("/tools/?q=release", headers={"HX-Request": "true"})
    restored = client.get(
        "/tools/?q=release",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert b"<html" in restored.content
    # A shared cache in front (a CDN) must keep the two apart as well.
    assert "HX-History-Restore-Request" in restored.headers["Vary"]


TAKE = "Clean API, honest docs, and it does one job well."
FRESH_TAKE = "A brand-new take that no page has shown yet."


def rename(left, right):
    left.name = "Patchwright Pro"
    left.save()
    return dict.fromkeys(("/", COMPARE, "/tools/patchwright/", "/tools/"), "Patchwright Pro")


def new_take(left, right):
    PanelReviewFactory(tool=left, persona="skeptic", take=FRESH_TAKE)
    return dict.fromkeys(("/", COMPARE, "/tools/patchwright/"), FRESH_TAKE)


def take_removed(left, right):
    PanelReview.objects.filter(tool=left).delete()
    return dict.fromkeys((COMPARE, "/tools/patchwright/"), f"!{TAKE}")


def unpublished(left, right):
    right.is_published = False
    right.save()
    return {"/tools/": "!Moorhen", COMPARE: "!Moorhen is"}


def featured(left, right):
    FeaturedComparison.objects.create(left=right, right=left, note="Worth a look.")
    return {"/": "Worth a look."}


COMPARE = "/compare/moorhen-vs-patchwright/"


@pytest.mark.parametrize("change", [rename, new_take, take_removed, unpublished, featured])
def test_an_editors_change_shows_at_once_on_every_cached_page(client, pair, change):
    pages = ["/", COMPARE, "/tools/patchwright/", "/tools/"]
    for path in pages:
        client.get(path)  # now in the cache
    expected = change(*pair)
    for path, text in expected.items():
        html = client.get(path).content.decode()
        if text.startswith("!"):
            assert text[1:] not in html, path
        else:
            assert text in html, path


def test_community_numbers_on_a_cached_page_lag_at_most_the_page_lifetime(client, pair, settings):
    settings.PAGE_CACHE_SECONDS = 1
    left, _ = pair
    page = "/tools/patchwright/"
    before = client.get(page).content
    vote_cast(visitor=uuid.uuid4(), tool=left, value="ship")
    assert client.get(page).content == before  # a vote does not empty the cache
    time.sleep(1.2)
    assert client.get(page).content != before


def test_a_reader_with_a_session_is_served_afresh_and_nothing_is_stored(client, admin_user, pair):
    client.force_login(admin_user)
    response, _ = queries_for(client, "/tools/patchwright/")
    assert "private" in response.headers["Cache-Control"]
    _, again = queries_for(client, "/tools/patchwright/")
    assert again > 0
    _, stranger = queries_for(Client(), "/tools/patchwright/")
    assert stranger > 0  # what staff saw was not stored for anyone


def test_a_reader_who_voted_sees_the_vote_counted_on_the_page_at_once(client, pair):
    page = "/tools/patchwright/"
    stranger = client.get(page).content
    response = client.post("/votes/tools/patchwright/", {"vote": "ship", "next": page})
    assert response.status_code == 302
    assert "visitor" in client.cookies
    mine = client.get(page)
    assert "private" in mine.headers["Cache-Control"]
    assert mine.content != stranger
    assert "1 vote" in mine.content.decode()
    assert Client().get(page).content == stranger  # everyone else: the cached page


def test_refusals_and_errors_are_not_stored(client, pair):
    assert client.get("/compare/a%00-vs-b/").status_code == 400
    _, queries = queries_for(client, "/compare/nope-vs-patchwright/")
    _, again = queries_for(client, "/compare/nope-vs-patchwright/")
    assert again == 0  # a helpful 404 is the same for everyone
    assert queries > 0


def test_a_lost_catalog_version_makes_every_page_fresh(client, pair):
    client.get("/tools/patchwright/")
    cache.delete(CATALOG_VERSION_KEY)
    _, queries = queries_for(client, "/tools/patchwright/")
    assert queries > 0


@pytest.mark.parametrize(("accepts", "coding"), [("br", "br"), ("gzip", "gzip"), ("", None)])
def test_pages_and_islands_go_out_compressed_as_the_client_accepts(client, pair, accepts, coding):
    page = client.get("/compare/moorhen-vs-patchwright/", headers={"Accept-Encoding": accepts})
    island = client.get(
        "/votes/tools/patchwright/", headers={"Accept-Encoding": accepts, "HX-Request": "true"}
    )
    for response in (page, island):
        assert response.headers.get("Content-Encoding") == coding
    if coding:
        for response in (page, island):
            assert "accept-encoding" in response.headers["Vary"].lower()
        # The island carries a CSRF token: its size is padded at random (BREACH).
        assert "x-noise" in island.headers
        etag = page.headers["ETag"]
        again = client.get(
            "/compare/moorhen-vs-patchwright/",
            headers={"Accept-Encoding": accepts, "If-None-Match": etag},
        )
        assert again.status_code == 304


def test_the_visitor_cookie_is_one_the_page_cache_renders_for():
    from votes.visitors import VISITOR_COOKIE

    assert VISITOR_COOKIE in settings.PAGE_CACHE_PERSONAL_COOKIES


def test_a_hit_carries_every_header_of_the_first_answer(client, pair):
    first = client.get(COMPARE)
    again = client.get(COMPARE)
    assert again.headers["X-Frame-Options"] == first.headers["X-Frame-Options"] == "DENY"
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert dict(again.headers) == dict(first.headers)


def test_a_change_committed_while_a_page_renders_is_not_hidden_by_that_rendering(rf):
    from django.http import HttpResponse

    from plumbing.pagecache import PageCacheMiddleware, catalog_changed, public_page

    renderings = []

    @public_page
    def page(request):
        renderings.append(request)
        if len(renderings) == 1:
            catalog_changed()  # an editor saves while the first rendering runs
        return HttpResponse(f"rendering {len(renderings)}")

    served = PageCacheMiddleware(page)
    assert served(rf.get("/a/")).content == b"rendering 1"
    assert served(rf.get("/a/")).content == b"rendering 2"  # stored under the old version
    assert served(rf.get("/a/")).content == b"rendering 2"  # then kept


def test_an_unmarked_view_is_never_stored(rf):
    from django.http import HttpResponse

    from plumbing.pagecache import PageCacheMiddleware

    calls = []
    served = PageCacheMiddleware(lambda request: calls.append(1) or HttpResponse("live"))
    served(rf.get("/live/"))
    served(rf.get("/live/"))
    assert len(calls) == 2


def test_a_hit_is_stored_compressed_per_coding_and_not_compressed_again(client, pair, monkeypatch):
    import django_http_compression.middleware as compression

    compressions = []
    brotli = compression.brotli_compress
    monkeypatch.setattr(
        compression, "brotli_compress", lambda *a, **kw: compressions.append(1) or brotli(*a, **kw)
    )
    first = client.get(COMPARE, headers={"Accept-Encoding": "br"})
    again, queries = queries_for(client, COMPARE, **{"Accept-Encoding": "gzip, br"})
    assert len(compressions) == 1
    assert queries == 0
    assert again.headers["Content-Encoding"] == "br"
    assert again.content == first.content
    # Another coding is its own entry, compressed (or not) as that client accepts.
    plain = client.get(COMPARE)
    assert "Content-Encoding" not in plain.headers
    assert b"</html>" in plain.content


def test_plain_http_is_sent_to_https_even_when_the_page_is_cached(client, pair, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(COMPARE, secure=True).status_code == 200
    again = client.get(COMPARE)
    assert again.status_code == 301
    assert again.headers["Location"] == "https://testserver" + COMPARE


def test_each_host_has_its_own_entries_and_an_unknown_host_is_refused(client, pair, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    client.get(COMPARE)
    _, queries = queries_for(client, COMPARE, Host="www.testserver")
    assert queries > 0
    refusing = Client(raise_request_exception=False)
    assert refusing.get(COMPARE, headers={"Host": "evil.example"}).status_code == 400
