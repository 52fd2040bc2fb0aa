import json
import re

import pytest
from django.db import connection

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create


@pytest.fixture
def tool(db):
    tool = ToolFactory(name="Draftwell", slug="draftwell", pricing="Free / $9 per month")
    PanelReviewFactory(tool=tool, persona="builder", score=82, verdict="ship", take="Tidy API.")
    PanelReviewFactory(tool=tool, persona="skeptic", score=45, verdict="skip", take="Thin moat.")
    return tool


def test_tool_page_shows_the_whole_panel_in_order(client, tool):
    content = client.get("/tools/draftwell/").content.decode()
    assert "82/100 · ship" in content
    assert "45/100 · skip" in content
    assert content.index("Builder") < content.index("Skeptic") < content.index("Creator")
    assert content.count("No panel take") == 3
    assert "Split · 50%" in content
    assert "1 ship / 1 skip" in content
    assert "Free / $9 per month" in content
    assert "64/100" in content  # average of 82 and 45, halves up


def test_unknown_tool_is_a_404(client, db):
    assert client.get("/tools/nothing-here/").status_code == 404


def test_draft_is_hidden_from_readers(client, db):
    ToolFactory(slug="secret", is_published=False)
    assert client.get("/tools/secret/").status_code == 404


def test_staff_preview_a_draft_with_a_banner(admin_client, db):
    ToolFactory(slug="secret", is_published=False)
    response = admin_client.get("/tools/secret/")
    assert response.status_code == 200
    assert "Draft" in response.content.decode()


def test_tool_page_accepts_only_get(client, tool):
    assert client.post("/tools/draftwell/").status_code == 405


@pytest.mark.parametrize("review_count", [1, 5])
def test_tool_page_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, review_count
):
    tool = ToolFactory()
    for persona in ["builder", "skeptic", "founder", "futurist", "creator"][:review_count]:
        PanelReviewFactory(tool=tool, persona=persona)
    # The tool (with category and tally), its reviews, and the tools to compare it with.
    with django_assert_num_queries(3):
        client.get(tool.get_absolute_url())


@pytest.mark.parametrize("tool_count", [5, 500])
def test_tool_page_queries_do_not_grow_with_the_catalog(
    client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    with django_assert_num_queries(3):
        response = client.get(tools[-1].get_absolute_url())
    assert response.status_code == 200


def test_tool_page_offers_comparisons_same_category_first(client, tool):
    other_category = CategoryFactory(name="Elsewhere")
    ToolFactory(name="Aardvark", slug="aardvark", category=other_category)
    ToolFactory(name="Zebra Kin", slug="zebra-kin", category=tool.category)
    html = client.get("/tools/draftwell/").content.decode()
    assert html.index("/compare/draftwell-vs-zebra-kin/") < html.index(
        "/compare/draftwell-vs-aardvark/"
    )
    assert 'action="/compare/"' in html  # the picker, prefilled
    assert 'value="Draftwell"' in html


def test_tool_page_says_how_complete_and_fresh_the_panel_is(client, tool):
    html = client.get("/tools/draftwell/").content.decode()
    assert "2 of 5 reviewers" in html
    assert "panel updated <time datetime=" in html


def test_tool_page_carries_json_ld_and_social_tags(client, tool):
    html = client.get("/tools/draftwell/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    app = data["@graph"][0]
    assert app["@type"] == "SoftwareApplication"
    assert app["name"] == "Draftwell"
    assert {review["author"]["@type"] for review in app["review"]} == {"Organization"}
    assert "aggregateRating" not in json.dumps(data)
    assert '<meta property="og:title" content="Draftwell: panel verdict' in html
    assert '<link rel="canonical" href="http://testserver/tools/draftwell/">' in html


def test_tool_page_holds_the_vote_island_and_nothing_per_visitor(client, tool):
    response = client.get("/tools/draftwell/")
    html = response.content.decode()
    assert 'data-hx-get="/votes/tools/draftwell/?next=/tools/draftwell/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not response.cookies


def directory(client, **params):
    response = client.get("/tools/", params)
    assert response.status_code == 200
    return response


def names_in(response):
    return re.findall(
        r'<h3 class="tool-card__name"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def catalog(db):
    writing = CategoryFactory(slug="writing", name="Writing")
    coding = CategoryFactory(slug="coding", name="Coding")
    made = {}
    for name, category, entry, verdicts in [
        ("Inkwell", writing, "free", ["ship", "ship", "skip"]),
        ("Quillpad", writing, "paid", ["ship"]),
        ("Bytecraft", coding, "open-source", ["skip", "skip"]),
        ("Nobody Yet", coding, "free", []),
    ]:
        tool = ToolFactory(
            name=name,
            slug=name.lower().replace(" ", "-"),
            category=category,
            entry=entry,
            description=f"{name} helps with {category.name.lower()} chores.",
        )
        for persona, verdict in zip(["builder", "skeptic", "founder"], verdicts, strict=False):
            PanelReviewFactory(
                tool=tool, persona=persona, verdict=verdict, score=90 if verdict == "ship" else 30
            )
        made[name] = tool
    return made


def test_directory_sorts_by_panel_ship_share_by_default(client, catalog):
    assert names_in(directory(client)) == ["Quillpad", "Inkwell", "Bytecraft", "Nobody Yet"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("score", ["Quillpad", "Inkwell", "Bytecraft", "Nobody Yet"]),
        ("name", ["Bytecraft", "Inkwell", "Nobody Yet", "Quillpad"]),
        ("newest", ["Nobody Yet", "Bytecraft", "Quillpad", "Inkwell"]),
    ],
)
def test_directory_sort_orders(client, catalog, sort, expected):
    assert names_in(directory(client, sort=sort)) == expected


def test_directory_filters_by_category_and_tier(client, catalog):
    assert names_in(directory(client, category="writing")) == ["Quillpad", "Inkwell"]
    assert names_in(directory(client, entry="open-source")) == ["Bytecraft"]
    assert names_in(directory(client, category="coding", entry="free")) == ["Nobody Yet"]


def test_directory_searches_name_tagline_and_description(client, catalog):
    assert names_in(directory(client, q="quillpad")) == ["Quillpad"]
    assert set(names_in(directory(client, q="coding chores"))) == {"Bytecraft", "Nobody Yet"}
    empty = directory(client, q="nothing like this")
    assert "No tools match these filters." in empty.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking needs PostgreSQL")
def test_postgres_search_ranks_name_matches_first(client, catalog):
    ToolFactory(name="Helper", slug="helper", description="Works like Inkwell but slower.")
    assert names_in(directory(client, q="inkwell"))[0] == "Inkwell"


@pytest.mark.parametrize(
    "params",
    [
        {"category": "nope"},
        {"entry": "cheap"},
        {"sort": "random"},
        {"page": "abc"},
        {"page": "99"},
    ],
)
def test_directory_survives_bad_query_values(client, catalog, params):
    response = directory(client, **params)
    assert len(names_in(response)) >= 1


def test_directory_paginates(client, db):
    catalog_create(tools=30)
    first = directory(client, sort="name")
    second = directory(client, sort="name", page="2")
    assert len(names_in(first)) == 24
    assert len(names_in(second)) == 6
    assert 'href="?sort=name&amp;page=2"' in first.content.decode()


def test_directory_answers_htmx_with_the_results_alone(client, catalog):
    response = client.get("/tools/", {"category": "writing"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="directory-results"' in html
    assert "HX-Request" in response.headers["Vary"]
    assert names_in(response) == ["Quillpad", "Inkwell"]


def test_directory_history_restore_gets_the_whole_page(client, catalog):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/tools/", headers=headers).content.decode()


@pytest.mark.parametrize("tool_count", [5, 500])
def test_directory_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    # Categories for the filter, the count, the page, the page's reviews.
    with django_assert_num_queries(4):
        directory(client, sort="score")


def test_category_page_ranks_its_tools(client, catalog):
    html = client.get("/categories/writing/").content.decode()
    assert html.index("Quillpad") < html.index("Inkwell")
    assert "Bytecraft" not in html
    assert client.get("/categories/nope/").status_code == 404


@pytest.mark.parametrize("tool_count", [5, 500])
def test_category_page_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    with django_assert_num_queries(3):
        response = client.get(f"/categories/{tools[0].category.slug}/")
    assert response.status_code == 200
