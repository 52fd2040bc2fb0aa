"""A pair's live badge and share image, and the compare page that names its image."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html import unescape

import pytest
from PIL import Image

from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Tool

SVG = "{http://www.w3.org/2000/svg}"
PERSONAS = ["builder", "skeptic", "founder", "futurist", "creator"]


def svg_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return ET.fromstring(response.content)


def texts(root) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def panel_on(tool, *verdicts, when):
    for persona, verdict in zip(PERSONAS, verdicts, strict=False):
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict, score=70)
    Tool.objects.filter(pk=tool.pk).update(panel_changed_at=when)


@pytest.fixture
def duel(db):
    """Patchwright (3 of 4 ship, changed 3 Sep) against Moorhen (1 of 2, changed 12 Oct)."""
    left = ToolFactory(name="Patchwright", slug="patchwright")
    right = ToolFactory(name="Moorhen", slug="moorhen", category=left.category)
    panel_on(left, "ship", "ship", "ship", "skip", when=datetime(2026, 9, 3, tzinfo=UTC))
    panel_on(right, "ship", "skip", when=datetime(2026, 10, 12, tzinfo=UTC))
    return left, right


def test_pair_badge_names_the_pick_the_shares_and_the_newer_date(client, duel):
    root = svg_of(client.get("/compare/patchwright-vs-moorhen/badge.svg"))
    assert texts(root) == [
        "Patchwright vs Moorhen",
        "The panel's pick: Patchwright",
        "75% vs 50% ship",
        "AI Tool Verdicts · 12 Oct 2026",
    ]
    assert root.get("aria-label") == (
        "AI Tool Verdicts: Patchwright vs Moorhen. The panel's pick: Patchwright. "
        "Patchwright Ship · 75%, Moorhen Split · 50% ship. Panel as of 12 Oct 2026."
    )
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    # The pick in the colour of its winner's verdict.
    assert "#14733a" in [rect.get("fill") for rect in root.iter(f"{SVG}rect")]
    link = root.find(f"{SVG}a")
    assert link.get("href") == "http://testserver/compare/patchwright-vs-moorhen/"


def test_pair_badge_keeps_the_readers_order(client, duel):
    root = svg_of(client.get("/compare/moorhen-vs-patchwright/badge.svg"))
    assert texts(root)[:3] == [
        "Moorhen vs Patchwright",
        "The panel's pick: Patchwright",
        "50% vs 75% ship",
    ]
    link = root.find(f"{SVG}a")
    assert link.get("href") == "http://testserver/compare/moorhen-vs-patchwright/"


def test_pair_badge_says_honestly_when_there_is_no_pick(client, db):
    left = ToolFactory(name="Vernacle", slug="vernacle")
    ToolFactory(name="Echoquill", slug="echoquill")
    panel_on(left, "ship", when=datetime(2026, 9, 3, tzinfo=UTC))
    root = svg_of(client.get("/compare/vernacle-vs-echoquill/badge.svg"))
    # No shares until both have takes.
    assert texts(root) == ["Vernacle vs Echoquill", "No pick yet", "AI Tool Verdicts · 3 Sep 2026"]
    assert "Echoquill No panel verdict yet" in root.get("aria-label")


def test_pair_badge_of_two_tools_without_takes_has_no_date(client, db):
    ToolFactory(slug="one")
    ToolFactory(slug="two")
    root = svg_of(client.get("/compare/one-vs-two/badge.svg"))
    assert texts(root)[1:] == ["No pick yet", "AI Tool Verdicts"]


def test_pair_badge_calls_a_tie_even(client, db):
    left, right = ToolFactory(slug="one"), ToolFactory(slug="two")
    for tool in (left, right):
        panel_on(tool, "ship", "skip", when=datetime(2026, 9, 3, tzinfo=UTC))
    root = svg_of(client.get("/compare/one-vs-two/badge.svg"))
    assert texts(root)[1] == "The panel calls it even"
    assert "#8a5a00" in [rect.get("fill") for rect in root.iter(f"{SVG}rect")]


def test_pair_badge_escapes_both_names(client, db):
    ToolFactory(name="A&B <x>", slug="a-and-b")
    ToolFactory(name='It\'s "quoted"', slug="quoted")
    response = client.get("/compare/a-and-b-vs-quoted/badge.svg")
    assert b"<x>" not in response.content
    assert texts(svg_of(response))[0] == 'A&B <x> vs It\'s "quoted"'


@pytest.mark.parametrize(
    "path",
    [
        "/compare/patchwright-vs-secret/",  # a draft
        "/compare/secret-vs-patchwright/",
        "/compare/patchwright-vs-nothing/",  # unknown
        "/compare/patchwright-vs-patchwright/",  # the same tool twice
        "/compare/patchwright/",  # not a pair
        "/compare/Patchwright-vs-Moorhen/",
    ],
)
@pytest.mark.parametrize("what", ["badge.svg", "share.png"])
def test_a_pair_readers_cannot_see_has_no_badge_nor_image(client, duel, path, what):
    ToolFactory(slug="secret", is_published=False)
    response = client.get(path + what)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_the_compare_page_is_still_the_compare_page(client, duel):
    response = client.get("/compare/patchwright-vs-moorhen/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("what", ["badge.svg", "share.png"])
@pytest.mark.parametrize("tool_count", [3, 300])
def test_pair_badge_and_image_cost_one_query_then_none(
    lazy_loads_raise, client, db, django_assert_num_queries, what, tool_count
):
    tools = catalog_create(tools=tool_count)
    path = f"/compare/{tools[0].slug}-vs-{tools[-1].slug}/{what}"
    with django_assert_num_queries(1):
        first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content


def png_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


def test_pair_share_image_is_a_1200_by_630_png(client, duel):
    image = png_of(client.get("/compare/patchwright-vs-moorhen/share.png"))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")


def og(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert found, name
    return unescape(found.group(1))


def test_compare_page_names_its_share_image_in_the_canonical_order(client, duel):
    html = client.get("/compare/patchwright-vs-moorhen/").content.decode()
    url = og(html, "og:image")
    assert re.fullmatch(
        r"http://testserver/compare/moorhen-vs-patchwright/share\.png\?v=[0-9a-f]{12}", url
    )
    assert og(html, "twitter:image") == url
    assert og(html, "twitter:card") == "summary_large_image"
    assert og(html, "og:image:alt") == (
        "AI Tool Verdicts: Moorhen: Split · 50% ship; Patchwright: Ship · 75%. "
        "The panel's pick: Patchwright."
    )
    # Both orders of the pair name the same image.
    other = client.get("/compare/moorhen-vs-patchwright/").content.decode()
    assert og(other, "og:image") == url
    assert png_of(client.get(url)).size == (1200, 630)


def test_the_pair_image_address_changes_when_either_panel_changes(
    client, duel, django_capture_on_commit_callbacks
):
    def image_url():
        return og(client.get("/compare/patchwright-vs-moorhen/").content.decode(), "og:image")

    before = image_url()
    with django_capture_on_commit_callbacks(execute=True):
        PanelReviewFactory(tool=duel[1], persona="creator", verdict="ship", score=90)
    after = image_url()
    assert after != before
    assert png_of(client.get(after)).size == (1200, 630)


def test_a_staff_preview_of_a_draft_pair_names_no_image(admin_client, duel):
    ToolFactory(slug="secret", is_published=False)
    html = admin_client.get("/compare/patchwright-vs-secret/").content.decode()
    assert "og:image" not in html
