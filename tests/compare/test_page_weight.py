"""The compare page's first view, page and islands with the CSS and JS they load, stays small."""

import re

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories import PanelReviewFactory

pytestmark = pytest.mark.django_db

FIRST_VIEW_LIMIT = 60 * 1024


def test_the_compare_page_first_view_is_under_60_kb_compressed(client, pair):
    left, right = pair
    for persona in ("skeptic", "founder", "futurist", "creator"):
        PanelReviewFactory(tool=left, persona=persona, take="A full take. " * 40)
        PanelReviewFactory(tool=right, persona=persona, take="Another full take. " * 40)
    page = client.get("/compare/moorhen-vs-patchwright/", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br"
    html = brotli.decompress(page.content).decode()
    sizes = {"page": len(page.content)}
    islands = client.get(
        "/islands/?vote=moorhen&vote=patchwright&on_compare=1&pick=moorhen-vs-patchwright"
        "&bookmarks=1&tool=moorhen&tool=patchwright&newsletter=1",
        headers={"Accept-Encoding": "br", "HX-Request": "true"},
    )
    sizes["islands"] = len(islands.content)
    assets = re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', html)
    assert len(assets) == 3  # the stylesheet, htmx, the islands loader
    for url in assets:
        found = finders.find(url.removeprefix(settings.STATIC_URL))
        with open(found, "rb") as asset:
            sizes[url] = len(brotli.compress(asset.read(), quality=11))
    assert sum(sizes.values()) <= FIRST_VIEW_LIMIT, sizes
