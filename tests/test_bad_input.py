"""Bad input gets a clear 4xx with the site's page, never a 500; HEAD is answered like GET."""

import pytest
from django.test import Client

from tests.pages import PAGES, demo_catalog_load

BAD_REQUESTS = [
    # Characters a slug cannot hold, where the page would build a URL from them.
    ("/bookmarks/panel/?tool=x!", {200}),
    ("/compare/x!-vs-x!/", {404}),
    ("/compare/X!-vs-y/", {301, 404}),
    # NUL bytes, which PostgreSQL refuses in text.
    ("/compare/suggest/?a=%00", {400}),
    ("/compare/a%00-vs-b/", {400}),
    ("/newsletter/unsubscribe/%00/", {400}),
    ("/newsletter/archive/%00/", {400}),
    ("/votes/compare/a%00-vs-b/", {400}),
    ("/tools/?q=%00", {400}),
    ("/bookmarks/panel/?tool=%00", {400}),
]


@pytest.fixture
def demo(db):
    demo_catalog_load()


@pytest.mark.parametrize(("path", "statuses"), BAD_REQUESTS)
def test_bad_input_gets_a_clear_answer(demo, path, statuses):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code in statuses
    if response.status_code >= 400:
        assert b"<html" in response.content


def test_a_nul_byte_in_a_form_is_refused_before_anything_is_saved(demo):
    from votes.models import Vote

    response = Client(raise_request_exception=False).post(
        "/votes/tools/patchwright/", {"vote": "ship\x00"}
    )
    assert response.status_code == 400
    assert not Vote.objects.exists()


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_head_is_answered_like_get(demo, name, path):
    client = Client()
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code, name
    assert head.content == b""


def test_a_vote_whose_next_is_not_a_path_leads_back_to_the_tool_and_keeps_the_visitor(demo):
    from votes.visitors import VISITOR_COOKIE

    response = Client().post("/votes/tools/patchwright/", {"vote": "ship", "next": "x"})
    assert response.status_code == 302
    # The vote's own page, whose way back is the tool page, not the bad address.
    assert response["Location"] == "/votes/tools/patchwright/?next=/tools/patchwright/"
    assert VISITOR_COOKIE in response.cookies
