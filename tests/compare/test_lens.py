"""The compare page through a reader's lens: ?lens=<persona> or weights per persona."""

import re
import uuid
from html import unescape
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.forms import lens_read
from plumbing.pagecache import _page_key
from reviews.models import Persona
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create
from tools.models import Tool
from tools.pick import lens_pick_summary
from verdicts.lens import lens_normalised, lens_score

COMPARE = "/compare/relaykit-vs-batonette/"
HTMX = {"HX-Request": "true", "HX-Target": "lens", "HX-Current-URL": f"http://testserver{COMPARE}"}


def panel(tool, *takes):
    for persona, score, verdict in takes:
        PanelReviewFactory(tool=tool, persona=persona, score=score, verdict=verdict)


@pytest.fixture
def pair(db):
    """Relaykit without a Creator take, Batonette without a Founder take."""
    tools = CategoryFactory(slug="developer-tools", name="Developer Tools")
    relay = ToolFactory(slug="relaykit", name="Relaykit", category=tools)
    baton = ToolFactory(slug="batonette", name="Batonette", category=tools)
    panel(relay, ("builder", 82, "ship"), ("skeptic", 74, "ship"), ("founder", 78, "ship"))
    panel(relay, ("futurist", 80, "ship"))
    panel(baton, ("builder", 80, "ship"), ("skeptic", 45, "skip"), ("futurist", 80, "ship"))
    panel(baton, ("creator", 80, "ship"))
    return relay, baton


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return response


def text_of(html):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def lens_result(html):
    found = re.search(r'<div class="lens__result.*?</dl>', html, re.S)
    return text_of(found.group()) if found else ""


def scorecard_order(html):
    return re.findall(r'<h3><a href="/panel/(\w+)/">', html)


def robots(html):
    found = re.search(r'<meta name="robots" content="([^"]*)">', html)
    return found and found.group(1)


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1)


def notes(html):
    found = re.search(r'<div class="lens__notes" role="note">(.*?)</div>', html, re.S)
    return text_of(found.group(1)).strip() if found else ""


def test_the_plain_page_offers_the_lens_and_shows_the_panel_in_its_order(client, pair):
    html = get(client, COMPARE).content.decode()
    assert 'id="lens-heading">Your lens</h2>' in html
    assert f'<form class="lens__form" method="get" action="{COMPARE}"' in html
    assert scorecard_order(html) == ["builder", "skeptic", "founder", "futurist", "creator"]
    # Every weight starts at 1: the panel's own view.
    assert html.count('<option value="1" selected>') == 5
    assert "lens__result" not in html
    assert robots(html) is None


def test_a_persona_lens_puts_that_reviewer_first_and_names_the_pick_through_it(client, pair):
    html = get(client, f"{COMPARE}?lens=skeptic").content.decode()
    result = lens_result(html)
    assert "Through the Skeptic's lens: Relaykit" in result
    assert "The Skeptic ships Relaykit and skips Batonette (scores 74 and 45)." in result
    assert "Relaykit 74/100 · ship" in result
    assert "Batonette 45/100 · skip" in result
    assert scorecard_order(html) == ["skeptic", "builder", "founder", "futurist", "creator"]
    assert 'value="skeptic" id="lens-skeptic" checked' in html
    assert "The Skeptic first" in text_of(html)


def test_the_same_verdict_through_a_lens_is_settled_by_the_score_and_equal_is_even(client, pair):
    result = lens_result(get(client, f"{COMPARE}?lens=builder").content.decode())
    assert "Through the Builder's lens: Relaykit" in result
    assert "The Builder ships both and scores Relaykit 82 to 80." in result
    result = lens_result(get(client, f"{COMPARE}?lens=futurist").content.decode())
    assert "Through the Futurist's lens: even" in result
    assert "The Futurist ships both, at 80 each." in result


def test_weights_give_each_tool_a_weighted_score_and_order_the_scorecard(client, pair):
    html = get(client, f"{COMPARE}?builder=3&futurist=1").content.decode()
    result = lens_result(html)
    assert "Weighted your way: Relaykit" in result
    # Relaykit (82 * 3 + 80) / 4 = 81.5, rounded half up; Batonette 80.
    assert "Both at 100% ship by your weights; Relaykit scores 82 to 80." in result
    assert "Relaykit 82/100 · 100% ship" in result
    assert scorecard_order(html) == ["builder", "futurist", "skeptic", "founder", "creator"]
    assert "Weight 3" in html
    assert "Left out (weight 0)" in html
    assert '<select id="lens-weight-builder" name="builder">' in html
    assert re.search(r'name="builder">.*?<option value="3" selected>', html)


def test_a_weighted_ship_share_settles_the_pick_before_the_score(client, pair):
    result = lens_result(get(client, f"{COMPARE}?builder=1&skeptic=2").content.decode())
    assert "Weighted your way: Relaykit" in result
    # Batonette: the Skeptic's skip weighs 2 of 3; scores (80 + 2 * 45) / 3.
    assert "Relaykit has 100% ship by your weights, against 33% for Batonette" in result
    assert "weighted scores 77 to 57." in result


def test_a_persona_without_a_take_on_one_tool_gives_no_pick_and_says_so(client, pair):
    html = get(client, f"{COMPARE}?lens=founder").content.decode()
    result = lens_result(html)
    assert "No pick through the Founder's lens" in result
    assert "No Founder take on Batonette, so the Founder's lens cannot choose" in result
    assert "Batonette No Founder take" in result
    assert "Relaykit 78/100 · ship" in result
    assert "lens__result--decided" not in html


def test_weights_on_a_persona_without_a_take_show_the_score_but_name_no_pick(client, pair):
    result = lens_result(get(client, f"{COMPARE}?builder=1&creator=1").content.decode())
    assert "No pick weighted your way" in result
    assert "No Creator take on Relaykit" in result
    assert "Relaykit, so your weights cannot choose: weigh that reviewer 0 to leave" in result
    assert "Relaykit 82/100 · 100% ship · no Creator take" in result
    assert "Batonette 80/100 · 100% ship" in result


def test_a_tool_without_takes_has_no_score_under_any_lens(client, db):
    category = CategoryFactory()
    reviewed = ToolFactory(slug="relaykit", name="Relaykit", category=category)
    ToolFactory(slug="batonette", name="Batonette", category=category)
    panel(reviewed, ("builder", 82, "ship"))
    result = lens_result(get(client, f"{COMPARE}?lens=builder").content.decode())
    assert "No pick through the Builder's lens" in result
    assert "Batonette No Builder take" in result
    result = lens_result(get(client, f"{COMPARE}?builder=2&skeptic=1").content.decode())
    assert "Batonette No Builder or Skeptic take" in result
    assert "Relaykit 82/100 · 100% ship · no Skeptic take" in result


def test_a_lens_on_a_pair_nobody_reviewed_says_there_is_nothing_to_weigh(client, db):
    category = CategoryFactory()
    ToolFactory(slug="relaykit", name="Relaykit", category=category)
    ToolFactory(slug="batonette", name="Batonette", category=category)
    html = get(client, f"{COMPARE}?lens=skeptic").content.decode()
    assert "No Skeptic take on Relaykit; No Skeptic take on Batonette" in lens_result(html)
    assert "The panel has not reviewed either tool yet." in html


def test_a_lens_variant_is_noindex_and_its_canonical_link_is_the_plain_page(client, pair):
    plain = get(client, COMPARE).content.decode()
    for query in ("?lens=skeptic", "?builder=3&futurist=1", "?lens=nobody"):
        html = get(client, f"{COMPARE}{query}").content.decode()
        assert robots(html) == "noindex", query
        assert canonical(html) == canonical(plain), query
    assert robots(plain) is None
    assert "?" not in canonical(plain)


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("?lens=Skeptic", "?lens=skeptic"),
        ("?lens=skeptic&utm_source=feed", "?lens=skeptic"),
        ("?builder=0&skeptic=3&founder=0&futurist=0&creator=0", "?lens=skeptic"),
        ("?builder=2&skeptic=2&founder=0&futurist=0&creator=0", "?builder=1&skeptic=1"),
        ("?futurist=1&builder=3", "?builder=3&futurist=1"),
        ("?builder=2&skeptic=2&founder=2&futurist=2&creator=2", ""),
    ],
)
def test_each_lens_has_one_address_the_form_is_sent_to(client, pair, query, address):
    response = client.get(f"{COMPARE}{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}{address}"


def test_a_lens_survives_the_redirect_to_the_lowercase_address(client, pair):
    response = client.get("/compare/Relaykit-vs-Batonette/?lens=Skeptic")
    assert response.status_code == 301
    assert response["Location"] == f"{COMPARE}?lens=skeptic"


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("?lens=skeptik", "No reviewer called “skeptik”: showing the whole panel."),
        ("?lens=", "No reviewer chosen: showing the whole panel."),
        ("?builder=0&skeptic=0", "Every weight was 0: showing the whole panel."),
        ("?builder=lots", "“lots” is not a weight: the Builder is left out."),
        ("?builder=1.5&skeptic=x", "“1.5” is not a weight: the Builder is left out."),
        ("?builder=" + "9" * 40, "is not a weight: the Builder is left out."),
    ],
)
def test_a_lens_it_cannot_read_shows_the_whole_panel_with_a_note(client, pair, query, note):
    html = get(client, f"{COMPARE}{query}").content.decode()
    assert note in notes(html)
    assert "lens__result" not in html
    assert scorecard_order(html) == ["builder", "skeptic", "founder", "futurist", "creator"]
    assert robots(html) == "noindex"


def test_what_it_can_read_of_a_lens_is_used_and_the_rest_named(client, pair):
    html = get(client, f"{COMPARE}?builder=9&skeptic=-1&futurist=1").content.decode()
    assert "the Builder's 9 counts as 3" in notes(html)
    assert "the Skeptic's -1 counts as 0" in notes(html)
    assert "Relaykit 82/100" in lens_result(html)  # (3 * 82 + 80) / 4 = 81.5
    html = get(client, f"{COMPARE}?lens=nobody&skeptic=2&futurist=1").content.decode()
    assert "No reviewer called “nobody”; reading the weights." in notes(html)
    assert "Weighted your way" in lens_result(html)
    html = get(client, f"{COMPARE}?lens=skeptic&builder=3").content.decode()
    assert "the weights beside it are left out" in notes(html)
    assert "Through the Skeptic's lens" in lens_result(html)


def test_markup_in_a_lens_is_shown_as_text(client, pair):
    html = get(client, f"{COMPARE}?lens=<script>x</script>").content.decode()
    assert "<script>x" not in html
    assert "&lt;script&gt;x" in html


def test_an_htmx_lens_answers_only_the_lens_and_pushes_its_one_address(client, pair):
    response = get(client, f"{COMPARE}?builder=0&skeptic=3&founder=0&futurist=0&creator=0", **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.count('<div id="lens"') == 1
    assert "Through the Skeptic's lens: Relaykit" in lens_result(html)
    assert response["HX-Push-Url"] == f"{COMPARE}?lens=skeptic"
    assert "HX-Request" in response["Vary"]
    # The status outside the swap says what changed, for screen readers.
    status = re.search(r'<p id="lens-status" data-hx-swap-oob="innerHTML">(.*?)</p>', html, re.S)
    assert "Through the Skeptic's lens: Relaykit." in unescape(status.group(1))


def test_an_htmx_lens_back_to_the_panel_pushes_the_plain_address(client, pair):
    response = get(client, f"{COMPARE}?builder=1&skeptic=1&founder=1&futurist=1&creator=1", **HTMX)
    assert response["HX-Push-Url"] == COMPARE
    html = response.content.decode()
    assert "lens__result" not in html
    assert "The whole panel" in html


def test_a_history_restore_of_a_lens_gets_the_whole_page(client, pair):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    html = get(client, f"{COMPARE}?lens=skeptic", **headers).content.decode()
    assert "<html" in html
    assert "Through the Skeptic's lens" in lens_result(html)


def test_the_plain_page_asked_by_htmx_is_still_the_whole_page(client, pair):
    assert "<html" in get(client, COMPARE, **HTMX).content.decode()


def queries_for(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path, **headers)
    return len(queries), response.content.decode()


@pytest.mark.parametrize("reader", ["anonymous", "voter"])
def test_a_lens_is_never_served_the_plain_page_nor_the_plain_page_a_lens(client, pair, reader):
    if reader == "voter":
        # A reader with the visitor cookie skips the page cache: the body fragment decides.
        client.cookies["visitor"] = str(uuid.uuid4())
    plain = get(client, COMPARE).content.decode()
    lens = get(client, f"{COMPARE}?lens=skeptic").content.decode()
    assert "lens__result" not in plain
    assert "Through the Skeptic's lens" in lens_result(lens)
    assert "lens__result" not in get(client, COMPARE).content.decode()
    weights = get(client, f"{COMPARE}?builder=3&futurist=1").content.decode()
    assert "Weighted your way" in lens_result(weights)
    assert "Through the Skeptic's lens" in lens_result(
        get(client, f"{COMPARE}?lens=skeptic").content.decode()
    )


def test_a_lens_after_a_take_changes_shows_the_new_take_in_its_section_and_around_it(client, pair):
    relay, _ = pair
    client.cookies["visitor"] = str(uuid.uuid4())  # fragments, not the page cache
    get(client, f"{COMPARE}?lens=skeptic")  # the head and tail fragments are kept
    take = relay.panel_reviews.get(persona="skeptic")
    take.score, take.verdict = 40, "skip"
    take.save()
    html = get(client, f"{COMPARE}?lens=skeptic").content.decode()
    assert "Relaykit 40/100 · skip" in lens_result(html)
    # The head's panel numbers are keyed by the tools' versions: 3 of 4 now ship Relaykit.
    assert "3 ship / 1 skip" in text_of(html.split('id="lens-heading"')[0])


def test_lens_variants_are_not_kept_in_the_page_cache(client, rf, pair):
    get(client, COMPARE)
    count, _ = queries_for(client, COMPARE)
    assert count == 0  # the plain page comes from the page cache
    get(client, f"{COMPARE}?lens=skeptic")
    count, html = queries_for(client, f"{COMPARE}?lens=skeptic")
    assert count > 0  # rendered again, not stored
    assert "Through the Skeptic's lens" in lens_result(html)
    assert cache.get(_page_key(rf.get(COMPARE))) is not None
    assert cache.get(_page_key(rf.get(f"{COMPARE}?lens=skeptic"))) is None


def test_lens_reading_is_a_plain_read_of_the_query():
    from django.http import QueryDict

    assert not lens_read(QueryDict("utm_source=feed")).asked
    reading = lens_read(QueryDict("founder=2&builder=1"))
    assert reading.asked
    assert reading.params == [("builder", "1"), ("founder", "2")]
    assert reading.address("/compare/a-vs-b/") == "/compare/a-vs-b/?builder=1&founder=2"
    assert [control.weight for control in reading.controls] == [1, 0, 2, 0, 0]


@pytest.mark.parametrize("tool_count", [5, 500])
def test_a_lens_page_runs_a_fixed_number_of_queries(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    tools = catalog_create(tools=tool_count)
    path = f"/compare/{tools[3].slug}-vs-{tools[4].slug}/"
    # The two tools, their reviews and, for the page's tail, the related tools.
    with django_assert_num_queries(3):
        response = client.get(path + "?lens=skeptic")
    assert response.status_code == 200
    # Every lens renders its own section afresh, between the plain page's cached head and tail.
    for query in ("?builder=3&creator=1", "?lens=nobody", "?lens=creator"):
        with django_assert_num_queries(2):
            response = client.get(path + query)
        assert response.status_code == 200
    # An htmx lens: the two tools and their reviews.
    with django_assert_num_queries(2):
        response = client.get(path + "?lens=founder", headers=HTMX)
    assert response.status_code == 200
    # A lens address to tidy is answered before any query.
    with django_assert_num_queries(0):
        response = client.get(path + "?lens=Founder")
    assert response.status_code == 302


def words(left_takes, right_takes, lens):
    left, right = Tool(name="Relaykit"), Tool(name="Batonette")
    return lens_pick_summary(
        left, lens_score(left_takes, lens), right, lens_score(right_takes, lens), lens=lens
    )


def test_the_pick_under_weights_in_words_ties_and_gaps():
    weights = lens_normalised({"builder": 2, "skeptic": 1}, Persona.values)
    takes = {"builder": (70, "ship"), "skeptic": (40, "skip")}
    even = words(takes, takes, weights)
    assert even.is_tie
    assert even.winner is None
    assert even.headline == "Weighted your way: even"
    assert even.reason == "Both at 67% ship by your weights, with the same weighted score of 60."
    gap = words({"creator": (70, "ship")}, {"creator": (70, "ship")}, weights)
    assert gap.headline == "No pick weighted your way"
    assert gap.reason == (
        "No Builder or Skeptic take on Relaykit; No Builder or Skeptic take on Batonette, "
        "so your weights cannot choose: weigh those reviewers 0 to leave them out."
    )


def test_scores_that_round_alike_are_told_apart_by_a_decimal():
    weights = lens_normalised({"builder": 2, "skeptic": 1}, Persona.values)
    pick = words(
        {"builder": (80, "ship"), "skeptic": (81, "ship")},
        {"builder": (80, "ship"), "skeptic": (80, "ship")},
        weights,
    )
    assert pick.winner.name == "Relaykit"
    assert pick.reason == "Both at 100% ship by your weights; Relaykit scores 80.3 to 80.0."


markup = st.sampled_from(["<script>alert(1)</script>", '"><img src=x>', "'", "9" * 50, ""])
lens_value = st.one_of(st.text(max_size=12), st.sampled_from([*Persona.values, "-1", "3"]), markup)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.sampled_from(["lens", *Persona.values, "utm_source"]), lens_value, max_size=4
    ),
    st.booleans(),
)
def test_no_lens_query_gives_a_server_error_or_reflects_markup(client, pair, query, htmx):
    path = f"{COMPARE}?{urlencode(query)}"
    response = client.get(path, headers=HTMX if htmx else {})
    assert response.status_code in (200, 302, 400), (path, response.status_code)
    if response.status_code == 302:
        assert get(client, response["Location"]).status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "<img src=x" not in body
