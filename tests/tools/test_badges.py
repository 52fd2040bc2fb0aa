"""A tool's live badge and share image, and the tool page that offers and names them."""

import io
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from plumbing import share_image
from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Tool
from votes.services import vote_cast

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return ET.fromstring(response.content)


def texts(root) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def panel_on(tool, *verdicts, when=datetime(2026, 9, 3, 10, tzinfo=UTC)):
    """Takes with these verdicts (builder first), all last changed at `when`."""
    personas = ["builder", "skeptic", "founder", "futurist", "creator"]
    for persona, verdict in zip(personas, verdicts, strict=False):
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict, score=80)
    Tool.objects.filter(pk=tool.pk).update(panel_changed_at=when)
    tool.refresh_from_db()
    return tool


@pytest.fixture
def shipped(db):
    tool = ToolFactory(name="Patchwright", slug="patchwright")
    return panel_on(tool, "ship", "ship", "ship", "skip")


# The badge


def test_badge_shows_the_verdict_in_words_and_colour_the_ship_share_and_the_date(client, shipped):
    root = svg_of(client.get("/tools/patchwright/badge.svg"))
    assert texts(root) == ["Patchwright", "Ship · 75%", "AI Tool Verdicts · 3 Sep 2026"]
    verdict = next(text for text in root.iter(f"{SVG}text") if text.text == "Ship · 75%")
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("x") is not None]
    assert "#14733a" in fills  # the site's ship green
    assert verdict.get("font-weight") == "bold"


def test_badge_is_valid_accessible_svg_linking_to_the_tool_page(client, shipped):
    root = svg_of(client.get("/tools/patchwright/badge.svg"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    label = "AI Tool Verdicts: Patchwright, Ship · 75%. Panel as of 3 Sep 2026."
    assert root.get("aria-label") == label
    assert root.find(f"{SVG}title").text == label
    width, height = int(root.get("width")), int(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    link = root.find(f"{SVG}a")
    assert link.get("href") == "http://testserver/tools/patchwright/"
    # Each part is as wide as its text and padding, and the parts fill the badge.
    rects = list(link.iter(f"{SVG}rect"))
    assert sum(int(rect.get("width")) for rect in rects) == width
    for rect, text in zip(rects, link.iter(f"{SVG}text"), strict=True):
        assert float(text.get("textLength")) + 12 <= int(rect.get("width"))


def test_badge_says_so_for_a_tool_without_takes(client, db):
    ToolFactory(name="Echoquill", slug="echoquill")
    root = svg_of(client.get("/tools/echoquill/badge.svg"))
    assert texts(root) == ["Echoquill", "No panel verdict yet", "AI Tool Verdicts"]
    assert root.get("aria-label") == "AI Tool Verdicts: Echoquill, No panel verdict yet."


@pytest.mark.parametrize(
    ("verdicts", "words", "colour"),
    [
        (["skip", "skip", "ship"], "Skip · 33% ship", "#b42318"),
        (["ship", "skip"], "Split · 50% ship", "#8a5a00"),
    ],
)
def test_badge_words_and_colours_follow_the_verdict(client, db, verdicts, words, colour):
    panel_on(ToolFactory(slug="quillmate"), *verdicts)
    root = svg_of(client.get("/tools/quillmate/badge.svg"))
    assert texts(root)[1] == words
    assert colour in [rect.get("fill") for rect in root.iter(f"{SVG}rect")]


def test_badge_escapes_the_tool_name(client, db):
    ToolFactory(name='A&B <x> "quoted"', slug="a-and-b")
    response = client.get("/tools/a-and-b/badge.svg")
    assert b"<x>" not in response.content
    root = svg_of(response)
    assert texts(root)[0] == 'A&B <x> "quoted"'
    assert root.get("aria-label").startswith('AI Tool Verdicts: A&B <x> "quoted",')


def test_a_long_name_is_cut_to_fit_its_part(client, db):
    ToolFactory(name="An Extraordinarily Long Tool Name " * 2, slug="long")
    root = svg_of(client.get("/tools/long/badge.svg"))
    name = texts(root)[0]
    assert name.endswith("…")
    assert len(name) < 50
    assert int(root.get("width")) < 600
    # The accessible name keeps the whole name.
    assert "An Extraordinarily Long Tool Name An Extraordinarily" in root.get("aria-label")


def test_other_sites_may_embed_the_badge(client, shipped):
    response = client.get("/tools/patchwright/badge.svg")
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The pages themselves still refuse to be framed.
    assert client.get("/tools/patchwright/").headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/tools/nothing-here/badge.svg", "/tools/secret/badge.svg"])
def test_badge_of_an_unknown_or_unpublished_tool_is_a_plain_404(client, db, path):
    ToolFactory(slug="secret", is_published=False)
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_staff_get_no_badge_for_a_draft_either(admin_client, db):
    ToolFactory(slug="secret", is_published=False)
    assert admin_client.get("/tools/secret/badge.svg").status_code == 404


@pytest.mark.parametrize("takes", [0, 5])
@pytest.mark.parametrize("tool_count", [3, 300])
def test_badge_costs_one_query_then_none(
    lazy_loads_raise, client, db, django_assert_num_queries, takes, tool_count
):
    tools = catalog_create(tools=tool_count)
    tool = ToolFactory(slug="measured", category=tools[0].category)
    panel_on(tool, *["ship"] * takes)
    with django_assert_num_queries(1):
        first = client.get("/tools/measured/badge.svg")
    with django_assert_num_queries(0):
        again = client.get("/tools/measured/badge.svg")
    assert again.content == first.content
    assert "s-maxage=60" in again.headers["Cache-Control"]
    not_modified = client.get(
        "/tools/measured/badge.svg", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert not_modified.status_code == 304


def test_badge_follows_a_changed_take_at_once(client, shipped, django_capture_on_commit_callbacks):
    assert texts(svg_of(client.get("/tools/patchwright/badge.svg")))[1] == "Ship · 75%"
    with django_capture_on_commit_callbacks(execute=True):
        PanelReview.objects.get(tool=shipped, persona="futurist").delete()
    root = svg_of(client.get("/tools/patchwright/badge.svg"))
    assert texts(root)[1] == "Ship · 100%"
    # Removing a take changed the panel today.
    assert texts(root)[2] != "AI Tool Verdicts · 3 Sep 2026"


# The share image


def png_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


def test_share_image_is_a_1200_by_630_png(client, shipped):
    image = png_of(client.get("/tools/patchwright/share.png"))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.mode == "RGB"


def test_share_image_of_a_tool_without_takes_is_drawn_too(client, db):
    ToolFactory(name="Echoquill", slug="echoquill")
    assert png_of(client.get("/tools/echoquill/share.png")).size == (1200, 630)


@pytest.mark.parametrize("path", ["/tools/nothing-here/share.png", "/tools/secret/share.png"])
def test_share_image_of_an_unknown_or_unpublished_tool_is_a_404(client, db, path):
    ToolFactory(slug="secret", is_published=False)
    assert client.get(path).status_code == 404


def og(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert found, name
    return unescape(found.group(1))


def test_tool_page_names_its_share_image_for_link_previews(client, shipped):
    html = client.get("/tools/patchwright/").content.decode()
    url = og(html, "og:image")
    assert re.fullmatch(r"http://testserver/tools/patchwright/share\.png\?v=[0-9a-f]{12}", url)
    assert og(html, "twitter:image") == url
    assert og(html, "twitter:card") == "summary_large_image"
    assert (og(html, "og:image:width"), og(html, "og:image:height")) == ("1200", "630")
    assert og(html, "og:image:type") == "image/png"
    assert og(html, "og:image:alt") == "AI Tool Verdicts: Patchwright: Ship · 75%."
    assert png_of(client.get(url)).size == (1200, 630)


def test_the_image_address_changes_with_a_take_and_not_with_a_vote(
    client, shipped, django_capture_on_commit_callbacks
):
    def image_url():
        return og(client.get("/tools/patchwright/").content.decode(), "og:image")

    before = image_url()
    vote_cast(visitor=uuid.uuid4(), tool=shipped, value="skip")
    cache.clear()  # past the page cache's lifetime
    assert image_url() == before  # the image shows no community numbers
    with django_capture_on_commit_callbacks(execute=True):
        PanelReviewFactory(tool=shipped, persona="creator", verdict="skip", score=30)
    after = image_url()
    assert after != before
    assert png_of(client.get(after)).size == (1200, 630)


def test_each_version_is_drawn_once_for_every_address(client, shipped, monkeypatch):
    drawn = []
    draw = share_image.share_card_png
    monkeypatch.setattr(
        share_image, "share_card_png", lambda card: drawn.append(card) or draw(card)
    )
    first = client.get("/tools/patchwright/share.png")
    current = og(client.get("/tools/patchwright/").content.decode(), "og:image")
    # The image's other address, with its version: a page-cache miss, but the drawing is kept.
    with CaptureQueriesContext(connection) as queries:
        other = client.get(current)
    assert len(queries) == 1
    assert other.content == first.content
    assert len(drawn) == 1


@pytest.mark.parametrize("query", ["v=old", "v=zzz1", "x=1", "v=&v=old"])
def test_any_other_query_redirects_to_the_current_version_and_is_not_kept(client, shipped, query):
    current = og(client.get("/tools/patchwright/").content.decode(), "og:image")
    for _ in range(2):  # the second is not answered from the page cache either
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/tools/patchwright/share.png?{query}")
        assert len(queries) == 1
        assert response.status_code == 302
        assert response["Location"] == current.removeprefix("http://testserver")
        assert "public" not in response.get("Cache-Control", "")


def test_a_badge_with_a_query_redirects_to_its_bare_address_and_is_not_kept(client, shipped):
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/tools/patchwright/badge.svg?style=flat")
        assert len(queries) == 0
        assert (response.status_code, response["Location"]) == (
            302,
            "/tools/patchwright/badge.svg",
        )
    assert client.get("/compare/patchwright-vs-moorhen/badge.svg?x=1")["Location"] == (
        "/compare/patchwright-vs-moorhen/badge.svg"
    )


@pytest.mark.parametrize("takes", [0, 5])
@pytest.mark.parametrize("tool_count", [3, 300])
def test_share_image_costs_one_query_then_none(
    lazy_loads_raise, client, db, django_assert_num_queries, takes, tool_count
):
    tools = catalog_create(tools=tool_count)
    panel_on(ToolFactory(slug="measured", category=tools[0].category), *["ship"] * takes)
    with django_assert_num_queries(1):
        client.get("/tools/measured/share.png")
    with django_assert_num_queries(0):
        response = client.get("/tools/measured/share.png")
    assert "s-maxage=3600" in response.headers["Cache-Control"]


def test_a_draft_preview_names_no_image_and_offers_no_badge(admin_client, db):
    ToolFactory(slug="secret", is_published=False)
    html = admin_client.get("/tools/secret/").content.decode()
    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "badge.svg" not in html


# The embed snippet on the tool page


def test_tool_page_offers_the_embed_snippet_with_a_preview(client, shipped):
    html = client.get("/tools/patchwright/").content.decode()
    assert 'id="badge-embed-heading">Embed this verdict' in html
    preview = re.search(
        r'<img src="/tools/patchwright/badge\.svg" width="(\d+)" height="20"', html
    )
    served = svg_of(client.get("/tools/patchwright/badge.svg"))
    assert preview.group(1) == served.get("width")
    assert '<label for="badge-embed-code">' in html
    code = re.search(r'<textarea id="badge-embed-code"[^>]*readonly[^>]*>(.*?)</textarea>', html)
    assert unescape(code.group(1)) == (
        '<a href="http://testserver/tools/patchwright/">'
        '<img src="http://testserver/tools/patchwright/badge.svg" '
        'alt="AI Tool Verdicts: panel verdict on Patchwright"></a>'
    )


def test_the_embed_snippet_is_html_escaped_twice_for_a_hostile_name(client, db):
    ToolFactory(name="A&B <x>", slug="a-and-b")
    html = client.get("/tools/a-and-b/").content.decode()
    code = re.search(r'<textarea id="badge-embed-code"[^>]*>(.*?)</textarea>', html).group(1)
    assert "<x>" not in code
    # What a reader copies is HTML whose alt text reads A&B <x>.
    assert "A&amp;B &lt;x&gt;" in unescape(code)
