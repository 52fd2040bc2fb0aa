import json
import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone

from reviews.models import PanelReview
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from tests.structured_data import json_ld_keys
from tools.models import Tool
from votes.services import vote_cast
from votes.visitors import VISITOR_COOKIE

ON_POSTGRESQL = connection.vendor == "postgresql"


# The tool page


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
    assert 'href="https://tool.example"' in content


@pytest.mark.parametrize("tool_count", [5, 500])
def test_a_tool_page_is_one_query_once_its_fragment_is_kept(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    client.cookies[VISITOR_COOKIE] = str(uuid.uuid4())  # past the page cache, to the fragment
    path = tools[3].get_absolute_url()
    # The tool, its takes, the tools to compare it with, its history.
    with django_assert_num_queries(4):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(1):  # the tool with its counters: the fragment's key
        assert client.get(path).status_code == 200


def test_a_kept_tool_page_shows_a_vote_a_changed_take_and_a_new_tool_to_compare(client, tool):
    client.cookies[VISITOR_COOKIE] = str(uuid.uuid4())
    before = client.get("/tools/draftwell/").content.decode()
    assert "1 ship / 1 skip" in before
    assert "No community votes yet" in before
    vote_cast(visitor=uuid.uuid4(), tool=tool, value="ship")
    take = tool.panel_reviews.get(persona="skeptic")
    take.score, take.verdict = 70, "ship"
    take.save()
    ToolFactory(name="Quillbank", slug="quillbank", category=tool.category)
    after = client.get("/tools/draftwell/").content.decode()
    assert "2 ship / 0 skip" in after
    assert "70/100 · ship" in after
    assert "100% ship · 1 vote" in after
    assert "/compare/draftwell-vs-quillbank/" in after


def test_unknown_tool_is_a_404(client, db):
    assert client.get("/tools/nothing-here/").status_code == 404


def test_draft_is_hidden_from_readers(client, db):
    ToolFactory(slug="secret", is_published=False)
    assert client.get("/tools/secret/").status_code == 404


def test_staff_preview_a_draft_with_a_banner(admin_client, db):
    ToolFactory(slug="secret", is_published=False)
    response = admin_client.get("/tools/secret/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft" in html
    assert '<meta name="robots" content="noindex">' in html


def test_tool_page_accepts_only_get(client, tool):
    assert client.post("/tools/draftwell/").status_code == 405


def test_tool_page_breadcrumb_goes_directory_then_category(client, tool):
    html = client.get("/tools/draftwell/").content.decode()
    crumbs = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', html, re.S).group(0)
    directory = crumbs.index('href="/tools/"')
    category = crumbs.index(f'href="/categories/{tool.category.slug}/"')
    current = crumbs.index('aria-current="page">Draftwell<')
    assert directory < category < current


def test_tool_page_uses_the_large_avatar(client, tool):
    html = client.get("/tools/draftwell/").content.decode()
    assert '<span class="avatar avatar--large" aria-hidden="true">D</span>' in html


@pytest.mark.parametrize("review_count", [0, 1, 5])
def test_tool_page_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, review_count
):
    tool = ToolFactory()
    for persona in ["builder", "skeptic", "founder", "futurist", "creator"][:review_count]:
        PanelReviewFactory(tool=tool, persona=persona)
    # The tool (with category and tally), its reviews, the tools to compare it with
    # and the newest changes to its takes.
    with django_assert_num_queries(4):
        client.get(tool.get_absolute_url())


@pytest.mark.parametrize("tool_count", [5, 500])
def test_tool_page_queries_do_not_grow_with_the_catalog(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    with django_assert_num_queries(4):
        response = client.get(tools[-1].get_absolute_url())
    assert response.status_code == 200


def test_tool_page_offers_comparisons_same_category_first(client, tool):
    other_category = CategoryFactory(name="Elsewhere")
    ToolFactory(name="Aardvark", slug="aardvark", category=other_category)
    ToolFactory(name="Zebra Kin", slug="zebra-kin", category=tool.category)
    ToolFactory(name="Hidden", slug="hidden", category=tool.category, is_published=False)
    html = client.get("/tools/draftwell/").content.decode()
    assert html.index('href="/compare/draftwell-vs-zebra-kin/"') < html.index(
        'href="/compare/draftwell-vs-aardvark/"'
    )
    assert "draftwell-vs-hidden" not in html
    assert "draftwell-vs-draftwell" not in html
    assert 'action="/compare/"' in html  # the picker, prefilled
    assert 'value="Draftwell"' in html


def test_tool_page_offers_at_most_six_comparisons(client, tool):
    for index in range(9):
        ToolFactory(name=f"Rival {index}", slug=f"rival-{index}", category=tool.category)
    html = client.get("/tools/draftwell/").content.decode()
    assert len(re.findall(r'href="/compare/draftwell-vs-', html)) == 6


def test_tool_page_says_how_complete_and_fresh_the_panel_is(client, tool):
    moment = timezone.now().replace(year=2026, month=11, day=20, hour=12)
    PanelReview.objects.filter(tool=tool).update(updated_at=moment - timedelta(days=3))
    PanelReview.objects.filter(tool=tool, persona="skeptic").update(updated_at=moment)
    html = client.get("/tools/draftwell/").content.decode()
    assert "2 of 5 reviewers" in html
    assert re.search(r'panel updated <time datetime="2026-11-20T[^"]+">20 Nov 2026</time>', html)


def test_tool_page_without_takes_says_so(client, db):
    ToolFactory(name="Fresh Out", slug="fresh-out")
    html = client.get("/tools/fresh-out/").content.decode()
    assert "0 of 5 reviewers" in html
    assert "No takes yet" in html
    assert "panel updated" not in html


def test_tool_page_carries_json_ld_and_social_tags(client, tool):
    html = client.get("/tools/draftwell/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    app = data["@graph"][0]
    assert app["@type"] == "SoftwareApplication"
    assert app["name"] == "Draftwell"
    assert app["url"] == "http://testserver/tools/draftwell/"
    assert [review["@type"] for review in app["review"]] == ["Review", "Review"]
    assert {review["author"]["@type"] for review in app["review"]} == {"Organization"}
    assert "aggregateRating" not in json_ld_keys(data)
    assert '<meta property="og:title" content="Draftwell: panel verdict' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<link rel="canonical" href="http://testserver/tools/draftwell/">' in html


def test_json_ld_cannot_be_closed_by_a_take(client, tool):
    PanelReviewFactory(tool=tool, persona="founder", take="</script><script>alert(1)</script>")
    html = client.get("/tools/draftwell/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script>" in json.loads(block)["@graph"][0]["review"][2]["reviewBody"]


def test_every_tool_page_has_its_own_title_and_description(client, tool):
    ToolFactory(name="Otherwise", slug="otherwise", tagline="Sorting receipts.")
    first = client.get("/tools/draftwell/").content.decode()
    second = client.get("/tools/otherwise/").content.decode()

    def head(html):
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        return title, description

    assert head(first)[0] != head(second)[0]
    assert head(first)[1] != head(second)[1]
    assert "Split · 50% ship from 2 of 5 reviewers" in head(first)[1]
    assert "Sorting receipts. Panel verdict" in head(second)[1]  # no doubled full stop


def test_tool_page_holds_the_vote_island_and_nothing_per_visitor(client, tool):
    response = client.get("/tools/draftwell/")
    html = response.content.decode()
    assert '<input type="hidden" name="vote" value="draftwell" data-island>' in html
    assert 'data-hx-get="/islands/" data-hx-trigger="load"' in html
    assert 'href="/votes/tools/draftwell/?next=/tools/draftwell/"' in html  # without JavaScript
    assert "csrfmiddlewaretoken" not in html
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not response.cookies


# The directory


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
    start = timezone.now() - timedelta(days=30)
    for day, (name, category, entry, verdicts) in enumerate(
        [
            ("Inkwell", writing, "free", ["ship", "ship", "skip"]),
            ("Quillpad", writing, "paid", ["ship"]),
            ("Bytecraft", coding, "open-source", ["skip", "skip"]),
            ("Nobody Yet", coding, "free", []),
        ]
    ):
        tool = ToolFactory(
            name=name,
            slug=name.lower().replace(" ", "-"),
            category=category,
            entry=entry,
            tagline=f"Best for {category.name.lower()} teams",
            description=f"{name} helps with {category.name.lower()} chores.",
        )
        Tool.objects.filter(pk=tool.pk).update(created_at=start + timedelta(days=day))
        for persona, verdict in zip(["builder", "skeptic", "founder"], verdicts, strict=False):
            PanelReviewFactory(
                tool=tool, persona=persona, verdict=verdict, score=90 if verdict == "ship" else 30
            )
        made[name] = tool
    return made


def test_directory_sorts_by_panel_ship_share_by_default(client, catalog):
    # 100%, 67%, 0%, then the tool without takes.
    assert names_in(directory(client)) == ["Quillpad", "Inkwell", "Bytecraft", "Nobody Yet"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("ship", ["Quillpad", "Inkwell", "Bytecraft", "Nobody Yet"]),
        ("score", ["Quillpad", "Inkwell", "Bytecraft", "Nobody Yet"]),
        ("name", ["Bytecraft", "Inkwell", "Nobody Yet", "Quillpad"]),
        ("newest", ["Nobody Yet", "Bytecraft", "Quillpad", "Inkwell"]),
    ],
)
def test_directory_sort_orders(client, catalog, sort, expected):
    assert names_in(directory(client, sort=sort)) == expected


def test_sorting_by_score_puts_a_higher_average_first_even_with_a_lower_ship_share(
    client, catalog
):
    # Inkwell: two 90s and a 30 (average 70). Quillpad drops to a single 60 ship.
    for review in PanelReview.objects.filter(tool=catalog["Quillpad"]):
        review.score = 60
        review.save()  # as the admin saves it: the stored panel numbers follow
    assert names_in(directory(client, sort="score"))[:2] == ["Inkwell", "Quillpad"]
    assert names_in(directory(client, sort="ship"))[:2] == ["Quillpad", "Inkwell"]


def votes_for(tool, *values):
    for value in values:
        vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)


def test_directory_sorts_by_community_votes_then_by_the_panel_ranking(client, catalog):
    votes_for(catalog["Bytecraft"], "skip", "skip", "ship")
    votes_for(catalog["Nobody Yet"], "ship")
    votes_for(catalog["Inkwell"], "ship")  # ties Nobody Yet, and the panel ranks it higher
    response = directory(client, sort="votes")
    html = response.content.decode()
    assert names_in(response) == [
        "Bytecraft",
        "Inkwell",
        "Nobody Yet",
        "Quillpad",
    ]
    assert '<option value="votes" selected>Reader votes</option>' in html
    assert "<title>AI tools, by reader votes · AI Tool Verdicts</title>" in html
    # The cards say the numbers the order follows, early where they are few.
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Readers: 33% ship · 3 votes early" in text
    assert "Readers: No community votes yet" in text
    assert "Readers:" not in directory(client, sort="ship").content.decode()


def test_a_vote_reorders_the_community_sort_at_once_for_the_voter(client, catalog):
    # Votes bump no catalog version: this listing must not be kept per catalog version.
    client.cookies[VISITOR_COOKIE] = "returning-reader"  # rendered for them, not the page cache
    for headers in [{}, {"HX-Request": "true"}]:
        assert names_in(client.get("/tools/", {"sort": "votes"}, headers=headers))[0] == "Quillpad"
    votes_for(catalog["Nobody Yet"], "skip")
    for headers in [{}, {"HX-Request": "true"}]:
        shown = names_in(client.get("/tools/", {"sort": "votes"}, headers=headers))
        assert shown[0] == "Nobody Yet"
    # The other sorts stay kept per catalog version: they show nothing votes move.
    assert names_in(directory(client, sort="ship"))[0] == "Quillpad"


def test_directory_filters_by_category_and_tier(client, catalog):
    assert names_in(directory(client, category="writing")) == ["Quillpad", "Inkwell"]
    assert names_in(directory(client, entry="open-source")) == ["Bytecraft"]
    assert names_in(directory(client, category="coding", entry="free")) == ["Nobody Yet"]


def test_directory_lists_only_published_tools(client, catalog):
    ToolFactory(name="Unseen", slug="unseen", is_published=False)
    assert "Unseen" not in names_in(directory(client))
    assert "Unseen" not in names_in(directory(client, q="unseen"))


def test_directory_searches_name_tagline_and_description(client, catalog):
    assert names_in(directory(client, q="quillpad")) == ["Quillpad"]
    assert names_in(directory(client, q="Quillpad", category="coding")) == []
    assert set(names_in(directory(client, q="coding teams"))) == {"Bytecraft", "Nobody Yet"}
    assert set(names_in(directory(client, q="chores"))) == set(catalog)


def test_a_name_typed_halfway_finds_the_tool(client, catalog):
    # Search as you type sends “quil” before “quillpad”; on PostgreSQL too.
    assert names_in(directory(client, q="quil")) == ["Quillpad"]


def test_search_needs_every_word_somewhere(client, catalog):
    # Full-text search on PostgreSQL, the substring fallback on SQLite: same rule.
    assert names_in(directory(client, q="bytecraft chores")) == ["Bytecraft"]
    assert names_in(directory(client, q="bytecraft writing")) == []


@pytest.mark.skipif(not ON_POSTGRESQL, reason="full-text ranking needs PostgreSQL")
def test_postgres_search_ranks_name_matches_first(client, catalog):
    ToolFactory(name="Helper", slug="helper", description="Works like Inkwell but slower.")
    assert names_in(directory(client, q="inkwell")) == ["Inkwell", "Helper"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="full-text search needs PostgreSQL")
def test_postgres_search_ranks_tagline_above_description(client, db):
    ToolFactory(name="Alpha", slug="alpha", tagline="Plain", description="Good for invoices.")
    ToolFactory(name="Beta", slug="beta", tagline="Invoices without tears", description="Plain.")
    assert names_in(directory(client, q="invoices")) == ["Beta", "Alpha"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="web search syntax needs PostgreSQL")
def test_postgres_search_understands_web_search_syntax_and_word_forms(client, catalog):
    assert names_in(directory(client, q="writing -quillpad")) == ["Inkwell"]
    assert set(names_in(directory(client, q="chore"))) == set(catalog)  # stemmed
    assert names_in(directory(client, q='"coding chores" bytecraft')) == ["Bytecraft"]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "nope"},
        {"entry": "cheap"},
        {"sort": "random"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-3"},
        {"page": "99"},
        {"page": "9" * 40},
        {"q": "a" * 5000},
        {"q": "'\"()&|!:*<>"},
        {"q": "   "},
    ],
)
def test_directory_survives_bad_query_values(lazy_loads_raise, client, catalog, params):
    response = client.get("/tools/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tool-card" in html or "No tools match" in html


def test_directory_explains_an_unknown_filter_and_shows_everything(client, catalog):
    response = directory(client, category="nope", entry="cheap", sort="random")
    html = response.content.decode()
    assert "No category “nope”: showing all categories." in html
    assert "No entry tier “cheap”: showing every tier." in html
    assert "No sort order “random”" in html
    assert 'aria-invalid="true"' in html
    assert len(names_in(response)) == 4


def test_directory_shows_the_count_and_an_empty_state_with_a_way_back(client, catalog):
    assert "4 tools</h2>" in directory(client).content.decode()
    html = directory(client, q="nothing like this").content.decode()
    assert "0 tools matching “nothing like this”" in html
    assert "No tools match “nothing like this”" in html
    assert '<a class="button" href="/tools/">Show all tools</a>' in html


def test_directory_form_works_without_javascript(client, catalog):
    html = directory(client, category="writing").content.decode()
    assert '<form class="card filters" method="get" action="/tools/"' in html
    assert '<button class="button" type="submit">Show tools</button>' in html
    for field in ("id_q", "id_category", "id_entry", "id_sort"):
        assert f'<label for="{field}">' in html
    assert '<option value="writing" selected>Writing</option>' in html


def test_directory_form_is_enhanced_with_data_hx_attributes_only(client, catalog):
    html = directory(client).content.decode()
    assert 'data-hx-get="/tools/"' in html
    assert 'data-hx-target="#directory-results"' in html
    assert 'data-hx-push-url="true"' in html
    assert "data-hx-trigger=" in html
    assert not re.search(r"\shx-[a-z]", html)
    assert 'style="' not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)(?![^>]*application/ld\+json)", html)


def test_directory_paginates(client, db):
    catalog_create(tools=30)
    first = directory(client, sort="name")
    second = directory(client, sort="name", page="2")
    assert len(names_in(first)) == 24
    assert len(names_in(second)) == 6
    assert names_in(first)[0] == "Bulk Tool 0000"
    assert names_in(second)[0] == "Bulk Tool 0024"
    assert 'href="?sort=name&amp;page=2" rel="next"' in first.content.decode()
    assert 'href="?sort=name&amp;page=1" rel="prev"' in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_directory_falls_back_to_a_real_page(client, db):
    catalog_create(tools=30)
    assert names_in(directory(client, sort="name", page="abc"))[0] == "Bulk Tool 0000"
    assert names_in(directory(client, sort="name", page="99"))[0] == "Bulk Tool 0024"


def test_directory_answers_htmx_with_the_results_alone(client, catalog):
    response = client.get(
        "/tools/",
        {"q": "", "category": "writing", "entry": "", "sort": ""},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert 'id="directory-results"' in html
    assert "HX-Request" in response.headers["Vary"]
    assert names_in(response) == ["Quillpad", "Inkwell"]
    # The address bar gets only the filters in use; the title and the status follow.
    assert response.headers["HX-Push-Url"] == "/tools/?category=writing"
    assert "<title>AI tools (Writing)" in html
    assert '<p id="results-status" data-hx-swap-oob="innerHTML">2 tools</p>' in html


def test_directory_full_page_also_varies_on_htmx(client, catalog):
    response = directory(client)
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" in response.content.decode()


def test_directory_history_restore_gets_the_whole_page(client, catalog):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/tools/", headers=headers).content.decode()


def test_directory_titles_name_the_filters(client, db):
    category = catalog_create(tools=30, categories=1)[0].category
    titles = {
        re.search(r"<title>(.*?)</title>", directory(client, **params).content.decode()).group(1)
        for params in [
            {},
            {"category": category.slug},
            {"entry": "paid"},
            {"q": "bulk"},
            {"page": "2"},
            {"sort": "newest"},
        ]
    }
    assert len(titles) == 6


def test_only_the_plain_directory_is_indexed(client, catalog):
    assert '<meta name="robots"' not in directory(client).content.decode()
    filtered = directory(client, category="writing").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in filtered
    assert '<link rel="canonical" href="http://testserver/tools/">' in filtered


def test_directory_cards_say_how_complete_and_fresh_each_panel_is(client, catalog):
    html = directory(client, category="writing").content.decode()
    assert "1 of 5 reviewers" in html  # Quillpad
    assert "3 of 5 reviewers" in html  # Inkwell
    assert html.count("updated <time datetime=") == 2
    assert '<span class="avatar" aria-hidden="true">Q</span>' in html


@pytest.mark.parametrize("tool_count", [5, 500])
@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"sort": "score"}, {}),
        ({"sort": "votes"}, {}),
        ({"sort": ""}, {}),
        ({"q": "bulk", "entry": "free"}, {}),
        ({"category": "first", "page": "2"}, {"HX-Request": "true"}),
    ],
)
def test_directory_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count, params, headers
):
    tools = catalog_create(tools=tool_count)
    if params.get("category") == "first":
        params = {**params, "category": tools[0].category.slug}
    # Categories for the filter, the count, the page, the page's reviews.
    with django_assert_num_queries(4):
        response = client.get("/tools/", params, headers=headers)
    assert response.status_code == 200


# The category leaderboard


def test_category_page_ranks_its_tools_by_ship_share_then_average(client, catalog):
    writing = catalog["Inkwell"].category
    # Same ship share as Quillpad (100%) but a higher average: it goes first.
    better = ToolFactory(name="Penworth", slug="penworth", category=writing)
    PanelReviewFactory(tool=better, persona="builder", verdict="ship", score=95)
    unreviewed = ToolFactory(name="Blank Page", slug="blank-page", category=writing)
    ToolFactory(name="Draft Only", slug="draft-only", category=writing, is_published=False)
    html = client.get("/categories/writing/").content.decode()
    order = [html.index(f">{name}</a>") for name in ["Penworth", "Quillpad", "Inkwell"]]
    assert order == sorted(order)
    assert html.index(">Inkwell</a>") < html.index(f">{unreviewed.name}</a>")
    assert "Bytecraft" not in html
    assert "Draft Only" not in html
    ranks = re.findall(r'<span class="visually-hidden">Rank </span>(\d+)', html)
    assert ranks == ["1", "2", "3"]
    assert "Unranked" in html


def test_category_page_shows_verdict_counts_average_and_freshness(client, catalog):
    html = client.get("/categories/writing/").content.decode()
    assert "✓</span> Ship · 67%" in html
    assert "2 ship / 1 skip" in html
    assert "<strong>70</strong>" in html  # (90 + 90 + 30) / 3
    assert "3 of 5 reviewers" in html
    assert html.count('updated <time datetime="') == 2
    assert '<th scope="col">Rank</th>' in html
    assert '<th scope="row" class="leaderboard__tool">' in html
    assert 'href="/compare/quillpad-vs-inkwell/"' in html


def test_unknown_category_is_a_404(client, db):
    assert client.get("/categories/nope/").status_code == 404


def test_empty_category_says_so(client, db):
    CategoryFactory(slug="empty", name="Empty Shelf")
    html = client.get("/categories/empty/").content.decode()
    assert "Nothing here yet" in html
    assert "<table" not in html


def test_category_pages_have_their_own_titles(client, catalog):
    writing = client.get("/categories/writing/").content.decode()
    coding = client.get("/categories/coding/").content.decode()
    assert "<title>Writing: AI tools ranked by the panel" in writing
    assert "<title>Coding: AI tools ranked by the panel" in coding


@pytest.mark.parametrize("tool_count", [5, 500])
def test_category_page_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    # The category, its ranked tools, their reviews.
    with django_assert_num_queries(4):
        response = client.get(f"/categories/{tools[0].category.slug}/")
    assert response.status_code == 200


# The shared tool card


def test_tool_card_keeps_its_old_inputs(db, tool):
    html = render_to_string(
        "components/tool_card.html", {"tool": Tool.objects.with_panel().get(pk=tool.pk)}
    )
    assert "Draftwell" in html
    assert "Split · 50%" in html
    assert "2 of 5 reviewers" in html
    assert "updated <time datetime=" in html
    assert "?next=/tools/draftwell/" in html  # the bookmark fallback returns to the tool


def test_a_large_category_pages_its_leaderboard(client, db):
    tools = catalog_create(tools=180, categories=1)
    category = tools[0].category
    first = client.get(f"/categories/{category.slug}/").content.decode()
    second = client.get(f"/categories/{category.slug}/?page=2").content.decode()
    assert first.count('class="leaderboard__rank"') == 50
    assert "Ranks 1 to 50 of 180" in first
    assert "Ranks 51 to 100 of 180" in second
    assert '<span class="visually-hidden">Rank </span>51<' in second
    assert '<link rel="canonical" href="http://testserver/categories/' in second
    assert "?page=2" in second.split('rel="canonical"')[1].split(">")[0]
    assert client.get(f"/categories/{category.slug}/?page=abc").status_code == 200
