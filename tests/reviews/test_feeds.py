import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from reviews.feeds import FEED_SIZE
from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory, catalog_create

ATOM = "{http://www.w3.org/2005/Atom}"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def review_at(hours, *, created_hours=None, **kwargs):
    review = PanelReviewFactory(**kwargs)
    created = START + timedelta(hours=hours if created_hours is None else created_hours)
    PanelReview.objects.filter(pk=review.pk).update(
        created_at=created, updated_at=START + timedelta(hours=hours)
    )
    return review


def feed(client):
    response = client.get("/feeds/verdicts/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def texts(entries, tag):
    return [entry.find(f"{ATOM}{tag}").text for entry in entries]


@pytest.fixture
def takes(db):
    inkwell = ToolFactory(name="Inkwell", slug="inkwell")
    review_at(1, tool=inkwell, score=88, take="Clean API.")
    review_at(
        3,
        created_hours=0,
        tool=inkwell,
        persona="skeptic",
        verdict="skip",
        score=41,
        take="Changed my mind.",
    )
    review_at(2, tool=ToolFactory(name="Bytecraft", slug="bytecraft"), persona="founder")
    review_at(9, tool=ToolFactory(name="Hidden", is_published=False), take="Not out yet.")


def test_feed_is_atom_titled_after_the_site(client, takes, settings):
    settings.SITE_NAME = "Verdict Desk"
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Verdict Desk: newest verdicts"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/verdicts/"


def test_feed_lists_the_newest_takes_of_published_tools_first(client, takes):
    entries = feed(client).findall(f"{ATOM}entry")
    assert texts(entries, "title") == [
        "Skeptic on Inkwell: Skip · 41/100",
        "Founder on Bytecraft: Ship · 80/100",
        "Builder on Inkwell: Ship · 88/100",
    ]
    assert texts(entries, "summary") == [
        "Changed my mind.",
        "Clean API, honest docs, and it does one job well.",
        "Clean API.",
    ]


def test_each_entry_links_to_its_take_on_the_tool_page(client, takes):
    entries = feed(client).findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [
        "http://testserver/tools/inkwell/#take-skeptic",
        "http://testserver/tools/bytecraft/#take-founder",
        "http://testserver/tools/inkwell/#take-builder",
    ]
    assert texts(entries, "id") == links


def test_entries_are_dated_by_when_the_take_was_written_and_last_changed(client, takes):
    root = feed(client)
    skeptic = root.find(f"{ATOM}entry")
    assert skeptic.find(f"{ATOM}published").text.startswith("2026-03-01T09:00:00")
    assert skeptic.find(f"{ATOM}updated").text.startswith("2026-03-01T12:00:00")
    assert root.find(f"{ATOM}updated").text.startswith("2026-03-01T12:00:00")


def test_feed_is_linked_from_every_page(client, db):
    assert 'href="/feeds/verdicts/"' in client.get("/").content.decode()


@pytest.mark.parametrize("tool_count", [5, 500])
def test_feed_runs_one_query_and_stops_at_its_size(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    takes = sum(1 + index % 5 for index in range(tool_count))
    with django_assert_num_queries(1):
        entries = feed(client).findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_SIZE, takes)


def test_markup_in_a_take_stays_text_in_feed_readers(client, db):
    PanelReviewFactory(take='Fast. <script>alert("x")</script> <b>bold</b>\n\nSecond thought.')
    (summary,) = [entry.find(f"{ATOM}summary") for entry in feed(client).iter(f"{ATOM}entry")]
    assert summary.get("type") == "html"
    # What a feed reader renders as HTML: the take's own markup arrives escaped.
    assert "<script" not in summary.text
    assert "&lt;script&gt;" in summary.text
    assert summary.text == (
        "Fast. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;"
        "\n\nSecond thought."
    )
