import json
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from tests.structured_data import json_ld_keys
from tools.models import FeaturedComparison


def panel(tool, *takes):
    """Give `tool` reviews: (persona, score, verdict) triples."""
    for persona, score, verdict in takes:
        PanelReviewFactory(
            tool=tool, persona=persona, score=score, verdict=verdict, take=f"{persona} on {tool}"
        )


@pytest.fixture
def pair(db):
    tools = CategoryFactory(slug="developer-tools", name="Developer Tools")
    relay = ToolFactory(slug="relaykit", name="Relaykit", category=tools, pricing="$49 once")
    baton = ToolFactory(slug="batonette", name="Batonette", category=tools, entry="paid")
    panel(relay, ("builder", 82, "ship"), ("skeptic", 74, "ship"), ("founder", 78, "ship"))
    panel(relay, ("futurist", 80, "ship"))
    panel(baton, ("builder", 80, "ship"), ("skeptic", 45, "skip"), ("futurist", 80, "ship"))
    panel(baton, ("creator", 80, "ship"))
    return relay, baton


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_compare_page_shows_both_panels_side_by_side(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    text = text_of(html)
    assert '<h1>Relaykit <span class="compare-hero__vs">vs</span> Batonette</h1>' in html
    breadcrumb = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', html, re.S).group()
    assert text_of(breadcrumb).split() == ["Compare", "Relaykit", "vs", "Batonette"]
    assert "Ship · 100%" in text
    assert "Ship · 75%" in text
    assert "4 ship / 0 skip" in text
    assert "3 ship / 1 skip" in text
    assert "No community votes yet" in text
    assert "$49 once" in text
    assert "Developer Tools" in text
    assert "79/100" in text  # Relaykit's average of 82, 74, 78, 80 (78.5 rounds up)
    assert "71/100" in text  # Batonette's: 71.25
    assert "<table" in html
    assert '<th scope="row">Panel verdict</th>' in html
    assert '<th scope="col">Relaykit</th>' in html


def test_scorecard_goes_persona_by_persona_with_gaps_marked(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    text = text_of(html)
    scorecard = text[text.index("Reviewer scorecard") : text.index("Community vote")]
    personas = re.findall(r'<h3><a href="/panel/(\w+)/">', html)
    assert personas == ["builder", "skeptic", "founder", "futurist", "creator"]
    assert "82/100 · ship" in scorecard
    assert "45/100 · skip" in scorecard
    # Founder reviewed only Relaykit; Creator only Batonette.
    assert scorecard.count("No panel take") == 2
    assert "Creator" in scorecard


def test_a_persona_with_no_take_on_either_tool_is_left_out(client, db):
    left, right = ToolFactory(slug="left"), ToolFactory(slug="right")
    panel(left, ("builder", 70, "ship"))
    panel(right, ("builder", 40, "skip"))
    text = text_of(page(client, "/compare/left-vs-right/"))
    scorecard = text[text.index("Reviewer scorecard") : text.index("Community vote")]
    assert "Builder" in scorecard
    for persona in ("Skeptic", "Founder", "Futurist", "Creator"):
        assert persona not in scorecard


def test_compare_page_names_where_the_panel_disagrees(client, pair):
    text = text_of(page(client, "/compare/relaykit-vs-batonette/"))
    assert "Where the panel splits: Skeptic (ships Relaykit, skips Batonette)." in text


def test_compare_page_says_when_the_panel_agrees(client, db):
    left, right = ToolFactory(slug="left"), ToolFactory(slug="right")
    panel(left, ("builder", 70, "ship"))
    panel(right, ("builder", 90, "ship"))
    text = text_of(page(client, "/compare/left-vs-right/"))
    assert "Where the panel splits" not in text
    assert "Every reviewer who took on both tools gave them the same verdict." in text


def test_tools_without_takes_compare_without_numbers(client, db):
    ToolFactory(slug="new-one"), ToolFactory(slug="new-two")
    text = text_of(page(client, "/compare/new-one-vs-new-two/"))
    assert "No takes yet" in text
    assert "The panel has not reviewed either tool yet." in text
    assert "None" not in text


def test_both_orders_render_in_the_readers_order_with_one_canonical_url(client, pair):
    forward = page(client, "/compare/relaykit-vs-batonette/")
    backward = page(client, "/compare/batonette-vs-relaykit/")
    canonical = '<link rel="canonical" href="http://testserver/compare/batonette-vs-relaykit/">'
    assert canonical in forward
    assert canonical in backward
    assert text_of(forward).index("Relaykit") < text_of(forward).index("Batonette")
    assert text_of(backward).index("Batonette") < text_of(backward).index("Relaykit")


def test_uppercase_urls_redirect_permanently_to_lowercase(client, pair):
    response = client.get("/compare/RelayKit-vs-Batonette/")
    assert response.status_code == 301
    assert response.headers["Location"] == "/compare/relaykit-vs-batonette/"


def test_a_tool_compared_with_itself_redirects_to_its_page(client, pair):
    response = client.get("/compare/relaykit-vs-relaykit/")
    assert response.status_code == 301
    assert response.headers["Location"] == "/tools/relaykit/"


@pytest.mark.parametrize(
    "path",
    [
        "/compare/relaykit-vs-nothing/",
        "/compare/relaykit/",
        "/compare/relaykit-vs-batonette-vs-other/",
        "/compare/-vs-relaykit/",
    ],
)
def test_unknown_pairs_are_a_helpful_404(client, pair, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'action="/compare/"' in html  # the picker
    assert "<title>Comparison not found" in html


def test_a_misspelt_tool_gets_the_closest_names_suggested(client, pair):
    response = client.get("/compare/relaykit-vs-batonete/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Did you mean" in html
    assert 'href="/tools/batonette/"' in html


@pytest.mark.parametrize(
    "path", ["/compare/relaykit-vs-batonete/", "/compare/relaykt-vs-batonete/"]
)
def test_a_misspelt_compare_address_offers_the_corrected_pair(client, pair, path):
    html = client.get(path).content.decode()
    assert re.search(
        r'Did you mean <a href="/compare/relaykit-vs-batonette/"><strong>Relaykit vs Batonette',
        html,
    )


def test_no_corrected_pair_when_nothing_is_close(client, pair):
    html = client.get("/compare/relaykit-vs-zzzzzzzz/").content.decode()
    assert "corrected-pair" not in html


def test_unpublished_tools_are_hidden_from_readers(client, pair):
    ToolFactory(slug="secret", is_published=False)
    assert client.get("/compare/relaykit-vs-secret/").status_code == 404


def test_staff_preview_unpublished_tools_with_a_draft_banner(client, pair, admin_user):
    ToolFactory(slug="secret", name="Secret", is_published=False)
    client.force_login(admin_user)
    html = page(client, "/compare/relaykit-vs-secret/")
    assert "Draft" in html
    assert '<meta name="robots" content="noindex">' in html


def test_compare_page_carries_json_ld_without_aggregate_ratings(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload.group(1))
    apps = data["@graph"]
    assert [app["@type"] for app in apps] == ["SoftwareApplication", "SoftwareApplication"]
    assert [app["name"] for app in apps] == ["Relaykit", "Batonette"]
    reviews = apps[0]["review"]
    assert len(reviews) == 4
    assert reviews[0]["author"]["@type"] == "Organization"
    assert reviews[0]["reviewRating"]["ratingValue"] == 82
    assert "aggregateRating" not in json_ld_keys(data)


def test_a_take_cannot_break_out_of_the_json_ld_block(client, db):
    left, _right = ToolFactory(slug="left"), ToolFactory(slug="right")
    PanelReviewFactory(tool=left, take="</script><script>alert(1)</script>")
    html = page(client, "/compare/left-vs-right/")
    assert "</script><script>alert(1)" not in html


def test_compare_page_has_social_tags_and_links_to_both_tools(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    assert '<meta property="og:title" content="Relaykit vs Batonette' in html
    # A large card: the pair has a share image (tests/compare/test_badges.py).
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'href="/tools/relaykit/"' in html
    assert 'href="/tools/batonette/"' in html


def test_related_comparisons_put_the_same_category_first(client, pair):
    other_category = CategoryFactory(name="Writing")
    ToolFactory(slug="aardvark-writer", name="Aardvark Writer", category=other_category)
    ToolFactory(slug="zeta-dev", name="Zeta Dev", category=pair[0].category)
    text = text_of(page(client, "/compare/relaykit-vs-batonette/"))
    related = text[text.index("Related comparisons") :]
    assert related.index("Zeta Dev") < related.index("Aardvark Writer")


def test_related_comparisons_pivot_on_both_tools_nearest_score_first(client, db):
    code = CategoryFactory(name="Code", slug="code")
    words = CategoryFactory(name="Words", slug="words")
    left = ToolFactory(name="Left Coder", slug="left-coder", category=code)
    right = ToolFactory(name="Right Writer", slug="right-writer", category=words)
    for tool, score in [
        (left, 80),
        (right, 40),
        (ToolFactory(name="Coder Near", slug="coder-near", category=code), 78),
        (ToolFactory(name="Coder Far", slug="coder-far", category=code), 20),
        (ToolFactory(name="Writer Near", slug="writer-near", category=words), 41),
    ]:
        PanelReviewFactory(tool=tool, score=score)
    html = page(client, "/compare/left-coder-vs-right-writer/")
    related = re.findall(r'class="related__pair">([^<]+)<', html)
    # Taking turns: each tool against its own category's nearest score first;
    # a tool near both is paired once.
    assert related == [
        "Left Coder vs Coder Near",
        "Right Writer vs Writer Near",
        "Left Coder vs Coder Far",
    ]


def test_the_scorecard_links_how_the_panel_reviews(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    scorecard = html[html.index('id="scorecard-heading"') :]
    assert scorecard.index('href="/panel/how-we-review/"') < scorecard.index("versus__row")


def test_compare_page_is_the_same_for_every_reader(client, pair):
    response = client.get("/compare/relaykit-vs-batonette/")
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize("tool_count", [5, 500])
def test_compare_page_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    path = f"/compare/{tools[0].slug}-vs-{tools[1].slug}/"
    # The two tools, their reviews, and the related tools.
    with django_assert_num_queries(3):
        response = client.get(path)
    assert response.status_code == 200


def test_picker_goes_to_the_compare_page_of_two_named_tools(client, pair):
    response = client.get("/compare/", {"a": "relaykit", "b": "BATONETTE"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/compare/relaykit-vs-batonette/"


def test_picker_explains_an_unknown_tool_and_links_the_closest(client, pair):
    html = page(client, "/compare/?a=Relaykit&b=Batonete")
    # The other field named a tool: the correction leads straight to the pair.
    assert (
        "No tool called “Batonete” is listed. Did you mean: "
        '<a href="/compare/relaykit-vs-batonette/">Batonette</a>?'
    ) in html
    assert 'aria-invalid="true"' in html


def test_picker_corrections_keep_the_other_field_when_it_is_wrong_too(client, pair):
    html = unescape(page(client, "/compare/?a=Relaykt&b=Batonete"))
    assert '<a href="/compare/?a=Relaykit&b=Batonete">Relaykit</a>?' in html
    assert '<a href="/compare/?a=Relaykt&b=Batonette">Batonette</a>?' in html


def test_a_unique_partial_match_goes_straight_to_the_pair(client, pair):
    response = client.get("/compare/", {"a": "relay", "b": "BATON"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/compare/relaykit-vs-batonette/"


def test_the_picker_searches_as_the_directory_does(client, pair):
    for tool, tagline in zip(
        pair, ["Reviews every pull request", "Reviews release notes"], strict=True
    ):
        tool.tagline = tagline
        tool.save()  # and its search document
    ToolFactory(slug="quillpad", name="Quillpad", category=pair[0].category, tagline="Drafts")
    # One tool's tagline matches: taken as meant.
    response = client.get("/compare/", {"a": "pull request", "b": "quillpad"})
    assert response.headers["Location"] == "/compare/relaykit-vs-quillpad/"
    # Two match: each is a link, the other field kept.
    html = unescape(page(client, "/compare/?a=reviews&b=quillpad"))
    assert "“reviews” matches more than one tool. Did you mean:" in html
    assert '<a href="/compare/batonette-vs-quillpad/">Batonette</a>' in html
    assert '<a href="/compare/relaykit-vs-quillpad/">Relaykit</a>' in html


def test_picker_refuses_the_same_tool_twice(client, pair):
    html = page(client, "/compare/?a=Relaykit&b=relaykit")
    assert "Pick a second, different tool." in html


def test_picker_lists_featured_comparisons_with_the_editors_note(client, pair):
    FeaturedComparison.objects.create(left=pair[0], right=pair[1], note="Same job, two prices.")
    html = page(client, "/compare/")
    assert "Same job, two prices." in html
    assert 'href="/compare/relaykit-vs-batonette/"' in html


def test_featured_comparisons_with_a_draft_tool_are_not_shown(client, pair):
    draft = ToolFactory(name="Hidden Thing", is_published=False)
    FeaturedComparison.objects.create(left=pair[0], right=draft, note="Not yet.")
    assert "Hidden Thing" not in page(client, "/compare/")


def test_suggestions_are_a_fragment_of_matching_tools(client, pair):
    response = client.get(
        "/compare/suggest/", {"field": "b", "b": "bat"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<option value="Batonette">' in html
    assert "Relaykit" not in html
    assert "HX-Request" in response.headers["Vary"]


def test_suggestions_search_taglines_and_show_the_verdict(client, pair):
    pair[1].tagline = "Hands work between agents"
    pair[1].save()
    response = client.get("/compare/suggest/", {"field": "a", "a": "agents"})
    assert response.content.decode().strip() == (
        '<option value="Batonette">Developer Tools · Ship · 75%</option>'
    )


def test_suggestions_for_nothing_are_empty(client, pair):
    response = client.get("/compare/suggest/", {"field": "x", "a": "rel"})
    assert response.content.decode().strip() == ""


def test_home_shows_featured_latest_top_categories_and_the_panel(client, pair):
    FeaturedComparison.objects.create(left=pair[0], right=pair[1], note="Head to head.")
    text = text_of(page(client, reverse("home")))
    assert "Head to head." in text
    assert "Latest verdicts" in text
    assert "Most shipped by the panel" in text
    assert "Developer Tools 2 tools" in text
    for persona in ("Builder", "Skeptic", "Founder", "Futurist", "Creator"):
        assert persona in text
    top = text[text.index("Most shipped by the panel") :]
    assert top.index("Relaykit") < top.index("Batonette")  # 100% before 75%


def test_home_leaves_out_unpublished_tools(client, db):
    hidden = ToolFactory(name="Hidden Draft", is_published=False)
    PanelReviewFactory(tool=hidden)
    assert "Hidden Draft" not in page(client, reverse("home"))


@pytest.mark.parametrize("tool_count", [5, 500])
def test_home_runs_a_fixed_number_of_queries(
    lazy_loads_raise,
    client,
    db,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    tool_count,
):
    tools = catalog_create(tools=tool_count)
    FeaturedComparison.objects.create(left=tools[0], right=tools[1])
    # Featured, latest takes, top tools (+ reviews), categories.
    with django_assert_num_queries(5):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        FeaturedComparison.objects.all().delete()  # the page cache's version moves on commit
    # No featured pair: one more query for each category's top two.
    with django_assert_num_queries(6):
        response = client.get(reverse("home"))
    assert "Top two in each category" in response.content.decode()


def leaderboard(category, *shares):
    """Tools in `category`, one per (name, ships out of 4) in `shares`."""
    tools = []
    for name, ships in shares:
        tool = ToolFactory(name=name, slug=name.lower(), category=category)
        for index, persona in enumerate(["builder", "skeptic", "founder", "futurist"]):
            PanelReviewFactory(
                tool=tool, persona=persona, verdict="ship" if index < ships else "skip"
            )
        tools.append(tool)
    return tools


@pytest.mark.parametrize("path", ["/", "/compare/"])
def test_without_featured_pairs_each_categorys_top_two_are_put_forward(client, db, path):
    writing = CategoryFactory(name="Writing", slug="writing")
    voice = CategoryFactory(name="Voice", slug="voice")
    leaderboard(writing, ("Quillby", 2), ("Inkmoth", 4), ("Scrawl", 3))
    leaderboard(voice, ("Murmur", 1), ("Hushcast", 3))
    leaderboard(CategoryFactory(name="Alone", slug="alone"), ("Solo", 4))
    ToolFactory(name="Unreviewed", category=voice)  # no takes: never a leader
    hidden = ToolFactory(name="Hidden", category=voice, is_published=False)
    PanelReviewFactory(tool=hidden)

    html = page(client, path)
    assert "Top two in each category" in html
    assert "Featured comparisons" not in html
    links = re.findall(r'class="featured__title"><a href="([^"]+)"', html)
    # By category name; the leader on the left; a category of one has no pair.
    assert links == ["/compare/hushcast-vs-murmur/", "/compare/inkmoth-vs-scrawl/"]


def test_editors_featured_pairs_replace_the_computed_ones(client, db):
    writing = CategoryFactory(name="Writing", slug="writing")
    quillby, _, scrawl = leaderboard(writing, ("Quillby", 2), ("Inkmoth", 4), ("Scrawl", 3))
    FeaturedComparison.objects.create(left=quillby, right=scrawl, note="Two drafts.")
    html = page(client, "/")
    assert "Featured comparisons" in html
    assert re.findall(r'class="featured__title"><a href="([^"]+)"', html) == [
        "/compare/quillby-vs-scrawl/"
    ]


def test_the_picker_says_so_when_no_pair_can_be_put_forward(client, db):
    ToolFactory(name="Lonely")
    assert "No two tools in one category have the panel's takes yet." in page(client, "/compare/")


def test_an_unknown_page_is_a_404_with_the_picker(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'action="/compare/"' in response.content.decode()


def test_pages_send_a_content_security_policy_without_inline_allowances(client, db):
    policy = client.get(reverse("home")).headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_scripts_or_style_attributes(client, pair):
    for url in (reverse("home"), "/compare/relaykit-vs-batonette/", "/compare/"):
        content = client.get(url).content.decode()
        assert "style=" not in content
        assert "<script>" not in content
        assert "<style" not in content


def test_the_verdicts_feed_is_linked_from_every_page(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    assert 'type="application/atom+xml"' in html


def test_the_json_ld_key_search_finds_keys_at_any_depth():
    assert "aggregateRating" in json_ld_keys({"@graph": [{"review": [{"aggregateRating": 1}]}]})
    assert "aggregateRating" not in json_ld_keys({"name": "aggregateRating"})


# The panel's pick


def opening(html):
    section = re.search(r'<section class="card pick-summary.*?</section>', html, re.S).group()
    return " ".join(unescape(text_of(section)).split())


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html).group(1)


def test_the_page_opens_with_the_panels_pick_and_who_should_choose_the_other(client, pair):
    _, baton = pair
    baton.tagline = "Best for teams that hand work over between shifts"
    baton.save()
    html = page(client, "/compare/batonette-vs-relaykit/")
    assert opening(html) == (
        "The panel's pick: Relaykit "
        "4 of 4 reviewers ship it, against 3 of 4 for Batonette. "
        "Choose Batonette instead for teams that hand work over between shifts."
    )
    assert title_of(html) == "Batonette vs Relaykit: the panel picks Relaykit"
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert description.startswith(
        "The panel&#x27;s pick: Relaykit. 4 of 4 reviewers ship it, against 3 of 4 for Batonette."
    )


def test_equal_shares_are_settled_by_the_average_score(client, db):
    category = CategoryFactory()
    first = ToolFactory(slug="first", name="First", category=category)
    second = ToolFactory(slug="second", name="Second", category=category)
    panel(first, ("builder", 70, "ship"), ("skeptic", 60, "skip"))
    panel(second, ("builder", 90, "ship"), ("skeptic", 62, "skip"))
    html = page(client, "/compare/first-vs-second/")
    assert opening(html).startswith(
        "The panel's pick: Second Both at 50% ship; Second averages 76 against 65 for First."
    )


def test_a_tie_and_a_tool_without_takes_are_said_plainly(client, db):
    category = CategoryFactory()
    first = ToolFactory(slug="first", name="First", category=category)
    second = ToolFactory(slug="second", name="Second", category=category)
    ToolFactory(slug="third", name="Third", category=category)
    panel(first, ("builder", 70, "ship"))
    panel(second, ("skeptic", 70, "ship"))
    tie = page(client, "/compare/first-vs-second/")
    assert opening(tie) == (
        "The panel calls it even 1 of 1 reviewers ship each, with the same average score of 70."
    )
    assert title_of(tie) == "First vs Second: the panel calls it even"
    none = page(client, "/compare/first-vs-third/")
    assert opening(none) == (
        "No pick yet The panel has not reviewed Third yet, so it cannot choose between them."
    )
    assert "pick-summary--decided" not in none


def decision_row(html, heading):
    row = re.search(rf'<th scope="row">{heading}</th>(.*?)</tr>', html, re.S).group(1)
    return [" ".join(text_of(cell).split()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_the_decision_table_names_the_better_value_in_words(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    verdicts = decision_row(html, "Panel verdict")
    assert verdicts[0].endswith("Higher ship share")
    assert "Higher" not in verdicts[1]
    scores = decision_row(html, "Average score")
    assert scores[0].endswith("Higher score")  # 78.5 against 71.25
    assert "Higher" not in scores[1]
    # Pricing, best-for and category compare nothing.
    assert "Higher" not in " ".join(decision_row(html, "Pricing"))


def test_community_shares_are_only_compared_once_both_have_enough_votes(client, pair):
    import uuid

    from votes.services import vote_cast

    relay, baton = pair
    for index in range(10):
        vote_cast(visitor=uuid.uuid4(), tool=baton, value="ship")
        vote_cast(visitor=uuid.uuid4(), tool=relay, value="ship" if index < 3 else "skip")
    community = decision_row(page(client, "/compare/relaykit-vs-batonette/"), "Community")
    assert community[1].endswith("More readers ship it")
    assert "More readers" not in community[0]
    vote_cast(
        visitor=uuid.uuid4(),
        tool=ToolFactory(slug="newcomer", category=relay.category),
        value="ship",
    )
    early = decision_row(page(client, "/compare/newcomer-vs-batonette/"), "Community")
    assert not any("More readers" in cell for cell in early)  # one vote is no comparison


def test_score_bars_take_their_verdicts_colour(client, pair):
    html = page(client, "/compare/relaykit-vs-batonette/")
    # Batonette's skeptic skips at 45; every other take ships.
    assert html.count('class="score-bar score-bar--skip"') == 1
    assert html.count('class="score-bar score-bar--ship"') == 7
