"""Editors' text is text everywhere: markup typed into a tool or a take never becomes markup."""

import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from newsletter.emails import digest_content, digest_message
from newsletter.services import digest_compose
from newsletter.weeks import week_of
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from tests.newsletter.conftest import subscriber_create

NAME = '<b>Evil</b> & "Co"'
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
ENDS_BLOCK = "</script><script>alert(3)</script>"
LIVE_MARKUP = ("<script>alert", "<img src=x", "<b>Evil</b>")


@pytest.fixture
def hostile(db):
    category = CategoryFactory(name=f"Cat {SCRIPT}", slug="cat")
    evil = ToolFactory(
        name=NAME,
        slug="evil",
        category=category,
        tagline=f"Best for {IMAGE}",
        description=f"Para one {SCRIPT}\n\nPara two {IMAGE}",
        pricing=f"Free {SCRIPT}",
    )
    other = ToolFactory(name="Plain", slug="plain", category=category)
    PanelReviewFactory(tool=evil, persona="builder", take=f"Take {ENDS_BLOCK} {IMAGE}")
    PanelReviewFactory(tool=other, persona="builder", verdict="skip", take="Fine.")
    return evil


def assert_no_live_markup(text: str, where: str):
    for markup in LIVE_MARKUP:
        assert markup not in text, f"{where} carries {markup!r} as markup"


PATHS = [
    "/",
    "/tools/",
    "/tools/?q=evil",
    "/categories/cat/",
    "/tools/evil/",
    "/compare/evil-vs-plain/",
    "/compare/?a=evil&b=",
    "/panel/builder/",
    "/votes/tools/evil/",
    "/votes/compare/evil-vs-plain/",
    "/bookmarks/tools/evil/",
    "/bookmarks/panel/?tool=evil",
    "/islands/?vote=evil&on_compare=1&pick=evil-vs-plain&bookmarks=1&tool=evil&newsletter=1",
    "/feeds/verdicts/",
    "/sitemap-tools.xml",
    "/sitemap-comparisons.xml",
]


@pytest.mark.parametrize("path", PATHS)
def test_pages_islands_feed_and_sitemaps_show_markup_as_text(hostile, path):
    response = Client().get(path, HTTP_HX_REQUEST="true" if "votes" in path else "")
    assert response.status_code == 200, path
    assert_no_live_markup(response.content.decode(), path)


def test_json_ld_holds_the_text_as_typed_and_cannot_end_its_block(hostile):
    html = Client().get("/tools/evil/").content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    app = data["@graph"][0]
    assert app["name"] == NAME
    assert app["review"][0]["reviewBody"] == f"Take {ENDS_BLOCK} {IMAGE}"
    assert "</script" not in block


def test_emails_show_markup_as_text(hostile):
    issue, _ = digest_compose(week=week_of(timezone.now().date()))
    message = digest_message(digest_content(issue), subscriber_create("reader@example.com"))
    html = message.alternatives[0].content
    assert_no_live_markup(html, "the digest's HTML")
    assert NAME in message.body  # the text part is text: the name as typed
