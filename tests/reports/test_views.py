"""The report island on tool and compare pages, and the report pages it posts to."""

import re

import pytest
from django.test import override_settings

from reports.models import TEXT_MAX_LENGTH, Report
from tests.factories import CategoryFactory, ReportFactory, ToolFactory

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/tools/relaykit/"}
THANKS = "Thank you for the report."


@pytest.fixture
def pair(db):
    category = CategoryFactory(name="Developer Tools")
    relay = ToolFactory(slug="relaykit", name="Relaykit", category=category)
    baton = ToolFactory(slug="batonette", name="Batonette", category=category)
    return relay, baton


def report_limits(ip: int) -> dict:
    return {"report": {"window": 60, "ip": ip}}


# The pages hold a plain link; the island brings the form


def test_the_tool_page_links_to_its_report_page_and_names_the_island(client, pair):
    response = client.get("/tools/relaykit/")
    html = response.content.decode()
    assert '<input type="hidden" name="report" value="relaykit" data-island>' in html
    assert 'href="/tools/relaykit/report/">Report a problem with this listing</a>' in html
    assert "csrfmiddlewaretoken" not in html  # the page stays the same for everyone


def test_the_compare_page_names_both_tools_for_one_report_form(client, pair):
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert '<input type="hidden" name="report" value="relaykit" data-island>' in html
    assert '<input type="hidden" name="report" value="batonette" data-island>' in html
    assert 'href="/compare/relaykit-vs-batonette/report/">Report a problem with these' in html
    assert "csrfmiddlewaretoken" not in html


def test_a_draft_page_offers_no_report(admin_client, db):
    ToolFactory(slug="hushnote", is_published=False)
    html = admin_client.get("/tools/hushnote/").content.decode()
    assert 'name="report"' not in html


def test_the_island_brings_the_form_with_its_token_for_a_tool(client, pair):
    response = client.get("/islands/?report=relaykit", headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<div id="report-island" data-hx-swap-oob="innerHTML">' in html
    assert '<input type="hidden" name="report" value="relaykit" data-island>' in html
    assert 'action="/tools/relaykit/report/" data-hx-post="/tools/relaykit/report/"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'name="website"' in html  # the honeypot
    assert html.count('type="radio" name="reason"') == 4
    assert 'name="tool"' not in html  # one tool: nothing to choose
    assert "no-store" in response.headers["Cache-Control"]


def test_the_island_on_a_compare_page_asks_which_listing(client, pair):
    html = client.get("/islands/?report=relaykit&report=batonette", headers=HTMX).content.decode()
    assert 'action="/compare/relaykit-vs-batonette/report/"' in html
    assert "Which listing is wrong?" in html
    assert 'type="radio" name="tool" value="relaykit"' in html
    assert 'type="radio" name="tool" value="batonette"' in html


@pytest.mark.parametrize(
    "query",
    ["report=nope", "report=hushnote", "report=relaykit&report=hushnote", "report=Not%20a%20slug"],
)
def test_no_island_for_a_tool_readers_cannot_see(client, pair, query):
    ToolFactory(slug="hushnote", is_published=False)
    response = client.get(f"/islands/?{query}", headers=HTMX)
    assert response.status_code == 200
    assert "report-island" not in response.content.decode()


@pytest.mark.parametrize("tools", [3, 30])
def test_the_island_costs_one_query_whatever_the_catalog(
    client, db, django_assert_num_queries, tools
):
    made = [ToolFactory() for _ in range(tools)]
    for tool in made[:tools]:
        ReportFactory(tool=tool)
    query = f"report={made[0].slug}&report={made[1].slug}"
    with django_assert_num_queries(1):
        assert "report-island" in client.get(f"/islands/?{query}", headers=HTMX).content.decode()


# Sending a report


def test_a_report_sent_from_the_island_is_thanked_in_place(client, pair):
    response = client.post(
        "/tools/relaykit/report/",
        {"reason": "wrong_price", "text": "It is $12 a month now.", "website": ""},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert THANKS in html
    assert 'role="status"' in html
    assert "Relaykit listing" in html
    report = Report.objects.get()
    assert (report.tool.slug, report.reason, report.text) == (
        "relaykit",
        "wrong_price",
        "It is $12 a month now.",
    )
    assert "no-store" in response.headers["Cache-Control"]


def test_on_a_compare_page_the_reader_says_which_tool_is_wrong(client, pair):
    response = client.post(
        "/compare/relaykit-vs-batonette/report/",
        {"tool": "batonette", "reason": "discontinued"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Batonette listing" in response.content.decode()
    assert Report.objects.get().tool.slug == "batonette"


def test_the_report_page_works_without_javascript(client, pair):
    page = client.get("/tools/relaykit/report/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Report a problem with Relaykit</h1>" in html
    assert 'method="post" action="/tools/relaykit/report/"' in html
    assert "csrfmiddlewaretoken" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Free tier / $10 per month" in html  # what the listing says now
    assert "private" in page.headers["Cache-Control"]
    assert "HX-Request" in page.headers["Vary"]

    answer = client.post("/tools/relaykit/report/", {"reason": "wrong_tier"})
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "<html" in html
    assert THANKS in html
    assert '<a href="/tools/relaykit/">Back to Relaykit</a>' in html
    assert Report.objects.get().reason == "wrong_tier"


def test_the_pair_report_page_without_javascript_leads_back_to_the_compare_page(client, pair):
    html = client.get("/compare/relaykit-vs-batonette/report/").content.decode()
    assert "<h1>Report a problem with Relaykit or Batonette</h1>" in html
    assert '<a href="/compare/relaykit-vs-batonette/">Back to Relaykit vs Batonette</a>' in html
    client.post(
        "/compare/relaykit-vs-batonette/report/",
        {"tool": "relaykit", "reason": "other", "text": "Renamed."},
    )
    assert Report.objects.get().text == "Renamed."


def test_a_filled_honeypot_is_thanked_and_stores_nothing(client, pair):
    response = client.post(
        "/tools/relaykit/report/",
        {"reason": "wrong_price", "website": "https://spam.example"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert THANKS in response.content.decode()
    assert not Report.objects.exists()


@override_settings(RATE_LIMITS=report_limits(ip=2))
def test_past_the_limit_a_report_is_refused_with_a_429_and_a_message(client, pair):
    for _ in range(2):
        assert (
            client.post("/tools/relaykit/report/", {"reason": "discontinued"}).status_code == 200
        )
    refused = client.post("/tools/relaykit/report/", {"reason": "discontinued"}, headers=HTMX)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many reports from here just now" in html
    assert 'role="alert"' in html
    assert 'name="reason"' in html  # the form stays, with what the reader wrote
    assert Report.objects.count() == 2
    # The limit is per address: another reader's report still goes through.
    other = client.post(
        "/tools/relaykit/report/", {"reason": "discontinued"}, REMOTE_ADDR="203.0.113.9"
    )
    assert other.status_code == 200


@override_settings(RATE_LIMITS=report_limits(ip=1))
def test_bots_count_against_the_limit_too(client, pair):
    client.post("/tools/relaykit/report/", {"reason": "discontinued", "website": "x"})
    refused = client.post("/tools/relaykit/report/", {"reason": "discontinued"})
    assert refused.status_code == 429
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/tools/relaykit/report/", {}, "Choose what is wrong with the listing."),
        ("/tools/relaykit/report/", {"reason": "cheaper"}, "Choose one of the reasons listed."),
        ("/tools/relaykit/report/", {"reason": "other"}, "Say in a few words what is wrong."),
        (
            "/tools/relaykit/report/",
            {"reason": "other", "text": "x" * (TEXT_MAX_LENGTH + 1)},
            f"Keep the details to {TEXT_MAX_LENGTH} characters or fewer.",
        ),
        (
            "/compare/relaykit-vs-batonette/report/",
            {"reason": "wrong_price"},
            "Choose the tool whose listing is wrong.",
        ),
        (
            "/compare/relaykit-vs-batonette/report/",
            {"reason": "wrong_price", "tool": "patchwright"},
            "Choose one of the two tools on this page.",
        ),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_a_bad_report_gets_the_form_back_with_what_to_fix(client, pair, path, data, message, htmx):
    response = client.post(path, data, headers=HTMX if htmx else {})
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert 'role="alert"' in html
    assert ("<html" in html) is not htmx
    assert not Report.objects.exists()


def test_a_tool_pages_report_is_about_that_tool_whatever_else_is_posted(client, pair):
    client.post("/tools/relaykit/report/", {"reason": "wrong_price", "tool": "batonette"})
    assert Report.objects.get().tool.slug == "relaykit"


def test_the_text_the_reader_wrote_comes_back_with_the_errors(client, pair):
    html = client.post(
        "/tools/relaykit/report/", {"reason": "nope", "text": "Price <b>wrong</b>"}
    ).content.decode()
    assert "Price &lt;b&gt;wrong&lt;/b&gt;</textarea>" in html
    assert 'aria-describedby="report-reason-error"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/tools/nope/report/",
        "/tools/hushnote/report/",
        "/compare/relaykit-vs-hushnote/report/",
        "/compare/relaykit-vs-nope/report/",
        "/compare/relaykit-vs-relaykit/report/",
        "/compare/relaykit/report/",
        "/compare/Relaykit-vs-Batonette/report/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_report_on_a_tool_readers_cannot_see_is_not_found(client, pair, path, method):
    ToolFactory(slug="hushnote", is_published=False)
    response = getattr(client, method)(path, {"reason": "discontinued"})
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_nul_byte_is_refused_before_anything_is_stored(client, pair):
    response = client.post("/tools/relaykit/report/", {"reason": "other", "text": "x\x00"})
    assert response.status_code == 400
    assert client.get("/compare/relaykit%00-vs-batonette/report/").status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize("earlier_reports", [0, 25])
def test_sending_a_report_costs_the_same_queries_however_many_there_are(
    client, pair, django_assert_num_queries, earlier_reports
):
    for _ in range(earlier_reports):
        ReportFactory(tool=pair[0])
    # The tools; then the insert inside its savepoint.
    with django_assert_num_queries(4):
        response = client.post(
            "/compare/relaykit-vs-batonette/report/",
            {"tool": "relaykit", "reason": "wrong_price"},
            headers=HTMX,
        )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/tools/relaykit/report/", "/compare/relaykit-vs-batonette/report/"]
)
def test_the_report_page_costs_one_query(client, pair, django_assert_num_queries, path):
    with django_assert_num_queries(1):
        assert client.get(path).status_code == 200


def test_the_form_is_labelled_for_assistive_technology(client, pair):
    html = client.get("/compare/relaykit-vs-batonette/report/").content.decode()
    for field_id in re.findall(
        r'<input type="radio" name="\w+" value="[^"]+"[^>]* id="([^"]+)"', html
    ):
        assert f'<label for="{field_id}">' in html
    assert '<label for="report-text">' in html
    assert 'id="report-text"' in html
