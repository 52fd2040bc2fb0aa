import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest

from reviews.models import PanelReview
from reviews.personas import persona_profiles
from reviews.selectors import TAKES_PER_PAGE
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def review_at(hours, **kwargs):
    """A take last changed `hours` after START (auto_now would make them all “now”)."""
    review = PanelReviewFactory(**kwargs)
    stamp = START + timedelta(hours=hours)
    PanelReview.objects.filter(pk=review.pk).update(created_at=stamp, updated_at=stamp)
    return review


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.content.decode())


def head_tag(html, pattern):
    return re.search(pattern, html).group(1)


@pytest.fixture
def takes(db):
    writing = CategoryFactory(name="Writing", slug="writing")
    coding = CategoryFactory(name="Coding", slug="coding")
    for hours, name, slug, category, verdict, score in [
        (1, "Quillpad", "quillpad", writing, "skip", 41),
        (3, "Inkwell", "inkwell", writing, "ship", 88),
        (2, "Bytecraft", "bytecraft", coding, "ship", 73),
    ]:
        tool = ToolFactory(name=name, slug=slug, category=category)
        review_at(
            hours,
            tool=tool,
            persona="skeptic",
            verdict=verdict,
            score=score,
            take=f"The skeptic's take on {name}.",
        )
    review_at(4, tool=ToolFactory(name="Loomcast"), persona="builder", verdict="skip")
    hidden = ToolFactory(name="Hidden Draft", category=coding, is_published=False)
    review_at(5, tool=hidden, persona="skeptic", verdict="ship", take="Not out yet.")


def test_panel_page_introduces_all_five_and_links_to_each(client, takes):
    html = page_text(client, "/panel/")
    for profile in persona_profiles():
        assert f'href="/panel/{profile.persona}/"' in html
        assert f"The {profile.name}" in html
        assert profile.lens in html
        assert profile.excites in html
        assert profile.tired_of in html


def test_panel_page_counts_each_personas_verdicts_on_published_tools(client, takes):
    html = page_text(client, "/panel/")
    assert "3 tools, 2 shipped" in html  # skeptic, without the unpublished draft
    assert "67% ship rate" in html
    assert "1 tool, 0 shipped" in html  # builder
    assert html.count("No takes yet") == 3  # founder, futurist, creator


def test_persona_page_counts_verdicts_per_category_without_unpublished_tools(client, takes):
    html = page_text(client, "/panel/skeptic/")
    assert "<h1>The Skeptic</h1>" in html
    counts = re.findall(r'href="/categories/([\w-]+)/">([^<]+)</a> <span[^>]*>([^<]+)<', html)
    assert counts == [
        ("coding", "Coding", "1 tool, 1 shipped"),
        ("writing", "Writing", "2 tools, 1 shipped"),
    ]
    assert "3 tools, 2 shipped" in html  # all categories


def test_persona_page_lists_its_takes_newest_first(client, takes):
    html = page_text(client, "/panel/skeptic/")
    names = re.findall(r'<h3 class="take-card__tool"><a href="/tools/([\w-]+)/">', html)
    assert names == ["inkwell", "bytecraft", "quillpad"]
    assert "The skeptic's take on Inkwell." in html
    assert "88/100 · ship" in html
    assert "verdict--ship" in html
    assert "41/100 · skip" in html
    assert "verdict--skip" in html
    assert '<time datetime="2026-03-01T12:00:00+0000">1 Mar 2026</time>' in html
    assert "Hidden Draft" not in html
    assert "Not out yet." not in html
    assert "Loomcast" not in html  # the builder's take


def test_persona_page_without_takes_says_so(client, takes):
    html = page_text(client, "/panel/creator/")
    assert "The Creator has not reviewed a published tool yet." in html


def test_persona_takes_come_in_pages(client, db):
    catalog_create(tools=TAKES_PER_PAGE + 5)
    first = page_text(client, "/panel/builder/")
    second = page_text(client, "/panel/builder/?page=2")
    assert first.count('class="card take-card"') == TAKES_PER_PAGE
    assert second.count('class="card take-card"') == 5
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=1" rel="prev"' in second
    assert "Takes 21\N{EN DASH}25 of 25." in second
    assert head_tag(second, r'rel="canonical" href="([^"]+)"').endswith("/panel/builder/?page=2")
    assert head_tag(first, r'rel="canonical" href="([^"]+)"').endswith("/panel/builder/")
    assert "page 2 of 2" in head_tag(second, r"<title>([^<]+)</title>")


def test_every_panel_page_has_its_own_title_and_description(client, takes):
    paths = ["/panel/"] + [f"/panel/{profile.persona}/" for profile in persona_profiles()]
    pages = [page_text(client, path) for path in paths]
    titles = {head_tag(html, r"<title>([^<]+)</title>") for html in pages}
    descriptions = {
        head_tag(html, r'<meta name="description" content="([^"]+)"') for html in pages
    }
    assert len(titles) == len(descriptions) == len(paths)
    skeptic = pages[2]
    assert head_tag(skeptic, r'<meta name="description" content="([^"]+)"').startswith(
        "The Skeptic looks for the catch"
    )


@pytest.mark.parametrize("path", ["/panel/critic/", "/panel/Skeptic/", "/panel/skeptic/x/"])
def test_unknown_persona_is_a_404(client, db, path):
    assert client.get(path).status_code == 404


def test_panel_pages_are_read_only(client, db):
    assert client.post("/panel/").status_code == 405
    assert client.post("/panel/skeptic/").status_code == 405


@pytest.mark.parametrize("tool_count", [5, 500])
def test_panel_pages_run_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    with django_assert_num_queries(1):
        assert client.get("/panel/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/panel/builder/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/panel/creator/?page=3").status_code == 200


def test_panel_counts_are_worked_out_once_and_follow_an_editors_change(
    client, takes, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert "2 tools, 1 shipped" in page_text(client, "/panel/skeptic/?page=1")
    with django_assert_num_queries(1):  # the takes; the counts come from the cache
        assert "2 tools, 1 shipped" in page_text(client, "/panel/skeptic/?page=2")
    with django_capture_on_commit_callbacks(execute=True):
        PanelReview.objects.filter(tool__slug="quillpad").update(verdict="ship")
        PanelReview.objects.get(tool__slug="quillpad").save()
    assert "2 tools, 2 shipped" in page_text(client, "/panel/skeptic/?page=3")
    assert "3 tools, 3 shipped" in page_text(client, "/panel/")
