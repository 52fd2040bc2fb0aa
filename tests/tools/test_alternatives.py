"""Alternatives pages: a tool's category ranked by the panel, each a link to the pair's page."""

import re
from html import unescape

import pytest

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def reviewed(name, category, verdicts, score=70):
    """A published tool with one take per verdict in `verdicts` (builder, skeptic, ...)."""
    tool = ToolFactory(name=name, slug=name.lower().replace(" ", "-"), category=category)
    for persona, verdict in zip(
        ["builder", "skeptic", "founder", "futurist"], verdicts, strict=False
    ):
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict, score=score)
    return tool


@pytest.fixture
def category(db):
    code = CategoryFactory(name="Code Review", slug="code-review")
    reviewed("Subject", code, ["ship", "skip"])
    reviewed("Half Ship", code, ["ship", "skip"], score=90)
    reviewed("All Ship", code, ["ship", "ship"], score=40)
    reviewed("Same Share Lower", code, ["ship", "skip"], score=60)
    ToolFactory(name="Unreviewed", slug="unreviewed", category=code)
    ToolFactory(name="Draft", slug="draft", category=code, is_published=False)
    writing = CategoryFactory(name="Writing", slug="writing")
    reviewed("Writer Best", writing, ["ship"])
    reviewed("Writer Worst", writing, ["skip"])
    ToolFactory(name="Writer Unreviewed", category=writing)
    return code


def ranked_names(html):
    return re.findall(r'class="alternatives__name"><a href="[^"]+">([^<]+)<', html)


def test_alternatives_are_the_category_ranked_by_the_panel(client, category):
    html = page(client, "/tools/subject/alternatives/")
    # Ship share first, then the unrounded average; no takes last; drafts never.
    assert ranked_names(html) == ["All Ship", "Half Ship", "Same Share Lower", "Unreviewed"]
    assert 'href="/compare/subject-vs-all-ship/"' in html
    text = text_of(html)
    first = text[text.index("1 All Ship") : text.index("2 Half Ship")]
    assert "✓ Ship · 100%" in first
    assert "Subject vs All Ship" in first
    assert "Alternatives to Subject" in text
    assert "4 other tools in Code Review" in text
    # Other categories' best-ranked tools with takes follow, each against this one.
    elsewhere = text[text.index("Best ranked outside Code Review") :]
    assert elsewhere.index("Subject vs Writer Best") < elsewhere.index("Subject vs Writer Worst")
    assert "Writer Unreviewed" not in elsewhere
    assert '<meta name="robots"' not in html


def test_fewer_than_three_alternatives_are_kept_out_of_search_engines(client, db):
    lonely = CategoryFactory(name="Niche", slug="niche")
    reviewed("Only One", lonely, ["ship"])
    reviewed("Second", lonely, ["ship"])
    reviewed("Third", lonely, ["skip"])
    html = page(client, "/tools/only-one/alternatives/")
    assert ranked_names(html) == ["Second", "Third"]
    assert '<meta name="robots" content="noindex">' in html
    assert "2 other tools in Niche" in text_of(html)


def test_a_tool_alone_in_its_category_says_so(client, db):
    reviewed("Hermit", CategoryFactory(name="Solitude", slug="solitude"), ["ship"])
    html = page(client, "/tools/hermit/alternatives/")
    assert "No other Solitude tool is listed yet." in text_of(html)
    assert "Hermit is alone in Solitude so far." in html


@pytest.mark.parametrize("slug", ["draft", "no-such-tool"])
def test_unpublished_or_unknown_tools_have_no_alternatives_page(client, category, slug):
    assert client.get(f"/tools/{slug}/alternatives/").status_code == 404


def test_tool_and_compare_pages_link_the_alternatives(client, category):
    assert 'href="/tools/subject/alternatives/"' in page(client, "/tools/subject/")
    html = page(client, "/compare/subject-vs-writer-best/")
    assert 'href="/tools/subject/alternatives/"' in html
    assert 'href="/tools/writer-best/alternatives/"' in html


def test_the_sitemap_lists_only_alternatives_pages_worth_indexing(client, category):
    CategoryFactory(name="Small", slug="small")
    reviewed("Small One", CategoryFactory(slug="small"), ["ship"])
    body = client.get("/sitemap-alternatives.xml").content.decode()
    listed = re.findall(r"<loc>http://testserver/tools/([^/]+)/alternatives/</loc>", body)
    # Code Review has five published tools (four alternatives each); Writing three.
    assert listed == sorted(["subject", "half-ship", "all-ship", "same-share-lower", "unreviewed"])


@pytest.mark.parametrize("tool_count", [6, 300])
def test_alternatives_page_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    # The tool, its category's ranked tools, the best ranked elsewhere.
    with django_assert_num_queries(3):
        response = client.get(f"/tools/{tools[0].slug}/alternatives/")
    assert response.status_code == 200
