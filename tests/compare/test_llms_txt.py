"""/llms.txt (llmstxt.org's layout) and the format doc it links, /machine-readable.md."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

from compare.api import FORMAT_DOC, LLMS_TOOLS
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create
from tools.models import FeaturedComparison

LINK = re.compile(r"^- \[(?P<title>(?:[^\]\\]|\\.)+)\]\((?P<url>https?://[^)\s]+)\)(?:: .+)?$")


@pytest.fixture
def catalog(db):
    shipped = ToolFactory(slug="quillstack", name="Quill [beta] Stack")
    PanelReviewFactory(tool=shipped, persona="builder", score=80, verdict="ship")
    other = ToolFactory(slug="moorhen", name="Moorhen")
    PanelReviewFactory(tool=other, persona="skeptic", score=40, verdict="skip")
    draft = ToolFactory(slug="secret", is_published=False)
    PanelReviewFactory(tool=draft)
    FeaturedComparison.objects.create(left=shipped, right=other)
    return shipped, other


def llms_txt(client):
    response = client.get("/llms.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode()


def test_llms_txt_opens_with_the_sites_name_and_a_summary(client, catalog):
    lines = llms_txt(client).splitlines()
    assert lines[0] == f"# {settings.SITE_NAME}"
    assert lines[1] == ""
    assert lines[2].startswith("> ")
    assert "ship or skip" in lines[2]
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        f"# {settings.SITE_NAME}",
        "## The panel and its method",
        "## Machine-readable verdicts",
        "## Most shipped tools",
        "## Comparisons",
        "## Optional",
    ]


def test_every_section_is_a_list_of_markdown_links_that_answer(client, catalog):
    text = llms_txt(client)
    sections = text.split("\n## ")[1:]
    for section in sections:
        entries = [line for line in section.splitlines()[1:] if line]
        assert entries, section
        for entry in entries:
            assert LINK.match(entry), entry
    for url in re.findall(r"\]\((http://testserver[^)]+)\)", text):
        path = url.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_it_links_the_method_the_formats_the_index_and_each_tools_json(client, catalog):
    text = llms_txt(client)
    assert "(http://testserver/panel/how-we-review/)" in text
    assert "(http://testserver/machine-readable.md)" in text
    assert "(http://testserver/tools.json)" in text
    assert "(http://testserver/sitemap.xml)" in text
    assert "(http://testserver/feeds/verdicts/)" in text
    assert "(http://testserver/panel/changes.atom)" in text
    assert "JSON: http://testserver/tools/quillstack.json" in text
    assert "JSON: http://testserver/compare/quillstack-vs-moorhen.json" in text
    # A name's brackets cannot end its link early.
    assert "- [Quill \\[beta\\] Stack](http://testserver/tools/quillstack/)" in text
    assert "Ship · 100%" in text
    assert "secret" not in text


@pytest.mark.parametrize("size", [5, LLMS_TOOLS + 30])
def test_its_size_stays_bounded_and_its_queries_constant_as_the_catalog_grows(
    client, db, django_assert_num_queries, size
):
    catalog_create(tools=size)
    with django_assert_num_queries(4):  # top tools, featured pairs (none: leaders), categories
        text = client.get("/llms.txt").content.decode()
    tool_links = re.findall(r"JSON: http://testserver/tools/[^\s]+\.json", text)
    # Tools with takes only (every catalog_create tool has some), at most LLMS_TOOLS.
    assert len(tool_links) == min(size, LLMS_TOOLS)


def test_llms_txt_is_cached_open_to_every_origin_and_read_only(
    client, catalog, django_assert_num_queries
):
    first = client.get("/llms.txt")
    with django_assert_num_queries(0):
        again = client.get("/llms.txt")
    assert again.content == first.content
    assert again["Content-Type"] == "text/plain; charset=utf-8"
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "public" in first["Cache-Control"]
    assert client.get("/llms.txt", headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert client.head("/llms.txt").status_code == 200
    assert client.post("/llms.txt").status_code == 405


@override_settings(RATE_LIMITS={"machine-read": {"window": 60, "ip": 1}})
def test_llms_txt_shares_the_machine_rate_limit(client, catalog):
    assert client.get("/llms.txt").status_code == 200
    assert client.get("/tools.json").status_code == 429


def test_the_format_doc_is_served_as_it_is_in_the_repository(client, db):
    response = client.get("/machine-readable.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.content.decode() == FORMAT_DOC.read_text()
    assert response["Access-Control-Allow-Origin"] == "*"
