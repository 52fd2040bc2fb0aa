"""Property-based: no input to any public URL, island or form gives a 500, reflects markup,
or changes data when it is refused.

Hypothesis draws slugs, query strings, form fields, methods and headers from
all of Unicode (NUL bytes, markup, quotes, oversized text included) against
the demo catalog.
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.models import Subscriber
from tests.pages import demo_catalog_load
from votes.models import Bookmark, Pick, Vote

PROBES = ["", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "\x00", "'"]
text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["patchwright", "moorhen", "builder", "2026-W47", "ship", "skip", "on"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=20),
    st.builds(lambda a, b: a + b, st.text(max_size=10), st.sampled_from(PROBES)),
    st.just("x" * 3000),
)

PATHS = [
    "/compare/{a}-vs-{b}/",
    "/compare/{a}/",
    "/tools/{a}/",
    "/categories/{a}/",
    "/panel/{a}/",
    "/votes/tools/{a}/",
    "/votes/compare/{a}-vs-{b}/",
    "/bookmarks/tools/{a}/",
    "/newsletter/unsubscribe/{a}/",
    "/newsletter/confirm/{a}/",
    "/newsletter/archive/{a}/",
]
QUERIES = [
    "/tools/",
    "/compare/",
    "/compare/suggest/",
    "/bookmarks/panel/",
    "/islands/",
    "/categories/developer-tools/",
    "/panel/skeptic/",
    "/newsletter/",
    "/",
]
FORM_FIELDS = ["vote", "pick", "bookmark", "email", "next", "on_compare", "website", "source"]
MARKUP = ("<script>alert(1)", "<img src=x")
EXAMPLES = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def demo(db):
    demo_catalog_load()


def rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Vote, Pick, Bookmark, Subscriber))


def check(response, *, sent: str):
    assert response.status_code < 500, (sent, response.status_code)
    body = response.content.decode(errors="replace")
    for markup in MARKUP:
        if markup in sent:
            assert markup not in body, (sent, markup)


@EXAMPLES
@given(template=st.sampled_from(PATHS), a=text, b=text, method=st.sampled_from(["get", "head"]))
def test_any_path_segment_gets_a_page_never_a_500(demo, template, a, b, method):
    path = template.format(a=quote(a, safe=""), b=quote(b, safe=""))
    response = getattr(Client(raise_request_exception=False), method)(path)
    check(response, sent=a + b)


@EXAMPLES
@given(
    path=st.sampled_from(QUERIES),
    params=st.dictionaries(
        st.sampled_from(
            ["q", "category", "entry", "sort", "page", "a", "b", "field", "tool", "vote", "pick"]
        ),
        text,
        max_size=5,
    ),
    htmx=st.booleans(),
)
def test_any_query_string_gets_a_page_never_a_500(demo, path, params, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = Client(raise_request_exception=False, headers=headers).get(
        f"{path}?{urlencode(params)}"
    )
    check(response, sent=" ".join(params.values()))


@EXAMPLES
@given(
    path=st.sampled_from(
        [
            "/votes/tools/patchwright/",
            "/votes/compare/patchwright-vs-moorhen/",
            "/bookmarks/tools/moorhen/",
            "/newsletter/",
        ]
    ),
    form=st.dictionaries(st.sampled_from(FORM_FIELDS), text, max_size=4),
    htmx=st.booleans(),
    referer=st.one_of(st.none(), text),
)
def test_any_form_post_is_answered_and_a_refused_one_changes_nothing(
    demo, path, form, htmx, referer
):
    headers = {"HX-Request": "true"} if htmx else {}
    if referer is not None:
        headers["Referer"] = referer.replace("\x00", "")[:200]
    before = rows()
    response = Client(raise_request_exception=False, headers=headers).post(path, form)
    check(response, sent=" ".join(form.values()))
    if response.status_code >= 400:
        assert rows() == before, (path, form, response.status_code)


@EXAMPLES
@given(body=st.binary(max_size=20_000), kind=st.sampled_from(["text/plain", "application/json"]))
def test_a_body_that_is_not_a_form_is_answered(demo, body, kind):
    before = rows()
    response = Client(raise_request_exception=False).generic(
        "POST", "/votes/tools/patchwright/", body, content_type=kind
    )
    assert response.status_code < 500
    if response.status_code >= 400:
        assert rows() == before
