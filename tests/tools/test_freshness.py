"""Freshness: pricing verified on a day, the panel's last change, the marker when either is old."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plumbing.pagecache import catalog_version
from tests.factories import PanelReviewFactory, ToolFactory
from tools import freshness as freshness_rule
from tools.catalog import CatalogError, catalog_export, catalog_import, catalog_validate
from tools.freshness import (
    FRESHNESS_DAYS,
    is_old,
    panel_old_q,
    possibly_out_of_date_q,
    pricing_old_q,
    tool_freshness,
)
from tools.models import Tool
from votes.visitors import VISITOR_COOKIE

TODAY = datetime.date(2026, 12, 3)
MARKER = "Possibly out of date"
# When the tools in the rule's own tests were listed: long enough ago not to count.
ENTERED = timezone.make_aware(datetime.datetime(2020, 1, 1, 12))


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def local_noon(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def today(monkeypatch):
    """Pin the day the rule is read on, and let a test move it."""
    day = {"value": TODAY}
    monkeypatch.setattr(freshness_rule, "today", lambda: day["value"])
    return day


# The rule


@pytest.mark.parametrize(
    ("age", "old"), [(0, False), (179, False), (180, True), (181, True), (400, True)]
)
def test_a_day_is_old_from_the_180th_day_on(age, old):
    assert FRESHNESS_DAYS == 180
    assert is_old(days_ago(age), today=TODAY) is old


@pytest.mark.parametrize(("listed_age", "old"), [(0, False), (179, False), (180, True)])
def test_pricing_never_verified_was_last_looked_at_when_the_tool_was_listed(listed_age, old):
    freshness = tool_freshness(
        pricing_verified_on=None,
        panel_changed_at=local_noon(TODAY),
        has_takes=True,
        entered_at=local_noon(days_ago(listed_age)),
        today=TODAY,
    )
    assert freshness.pricing_old is old
    assert not freshness.panel_old
    assert freshness.possibly_out_of_date is old
    assert freshness.pricing_label == "Pricing not verified yet"


def test_a_verified_day_counts_even_when_the_tool_is_newer_or_older():
    for listed_age in (0, 400):
        freshness = tool_freshness(
            pricing_verified_on=days_ago(200),
            panel_changed_at=local_noon(TODAY),
            has_takes=True,
            entered_at=local_noon(days_ago(listed_age)),
            today=TODAY,
        )
        assert freshness.pricing_old


@pytest.mark.parametrize(("age", "old"), [(179, False), (180, True), (181, True)])
def test_a_panel_is_old_from_the_180th_day_after_its_last_change(age, old):
    freshness = tool_freshness(
        pricing_verified_on=TODAY,
        panel_changed_at=local_noon(days_ago(age)),
        has_takes=True,
        entered_at=ENTERED,
        today=TODAY,
    )
    assert freshness.panel_old is old
    assert freshness.possibly_out_of_date is old
    assert not freshness.pricing_old


def test_either_part_alone_makes_the_listing_possibly_out_of_date():
    old_pricing = tool_freshness(
        pricing_verified_on=days_ago(200),
        panel_changed_at=local_noon(TODAY),
        has_takes=True,
        entered_at=ENTERED,
        today=TODAY,
    )
    old_panel = tool_freshness(
        pricing_verified_on=TODAY,
        panel_changed_at=local_noon(days_ago(200)),
        has_takes=True,
        entered_at=ENTERED,
        today=TODAY,
    )
    assert old_pricing.possibly_out_of_date
    assert old_pricing.old_parts == ["Pricing verified 17 May 2026"]
    assert old_panel.possibly_out_of_date
    assert old_panel.old_parts == ["Panel last changed 17 May 2026"]


@pytest.mark.parametrize("panel_changed_at", [None, local_noon(days_ago(500))])
def test_a_tool_without_takes_has_no_panel_to_go_stale(panel_changed_at):
    freshness = tool_freshness(
        pricing_verified_on=TODAY,
        panel_changed_at=panel_changed_at,
        has_takes=False,
        entered_at=ENTERED,
        today=TODAY,
    )
    assert not freshness.panel_old
    assert not freshness.possibly_out_of_date


def test_a_panel_with_takes_but_no_recorded_change_is_old():
    freshness = tool_freshness(
        pricing_verified_on=TODAY,
        panel_changed_at=None,
        has_takes=True,
        entered_at=ENTERED,
        today=TODAY,
    )
    assert freshness.panel_old


def test_the_panel_day_is_the_sites_local_day(settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    # 20:00 UTC on the 179th day before is already the next morning in Auckland: 178 days.
    late_utc = datetime.datetime.combine(days_ago(180), datetime.time(20), tzinfo=datetime.UTC)
    freshness = tool_freshness(
        pricing_verified_on=TODAY,
        panel_changed_at=late_utc,
        has_takes=True,
        entered_at=ENTERED,
        today=TODAY,
    )
    assert freshness.panel_changed_on == days_ago(179)
    assert not freshness.panel_old


def test_the_state_names_which_parts_are_old():
    states = {
        tool_freshness(
            pricing_verified_on=pricing,
            panel_changed_at=local_noon(panel),
            has_takes=True,
            entered_at=ENTERED,
            today=TODAY,
        ).state
        for pricing, panel in itertools.product([TODAY, days_ago(181)], repeat=2)
    }
    assert len(states) == 4


# The rule as a query


@pytest.mark.django_db
@pytest.mark.parametrize("time_zone", ["UTC", "America/Los_Angeles", "Pacific/Auckland"])
def test_the_query_and_the_rule_agree_on_every_tool(settings, time_zone):
    settings.TIME_ZONE = time_zone
    ages = [None, 0, 179, 180, 181]
    # Just after midnight and just before it, where a day boundary could slip.
    hours = [0, 23]
    listed_ages = [179, 180]
    combinations = itertools.product(ages, ages, hours, [0, 1], listed_ages)
    for pricing_age, panel_age, hour, takes, listed_age in combinations:
        tool = ToolFactory()
        listed = datetime.datetime.combine(days_ago(listed_age), datetime.time(hour, 30))
        Tool.objects.filter(pk=tool.pk).update(
            created_at=timezone.make_aware(listed),
            pricing_verified_on=None if pricing_age is None else days_ago(pricing_age),
            panel_changed_at=None
            if panel_age is None
            else timezone.make_aware(
                datetime.datetime.combine(days_ago(panel_age), datetime.time(hour, 30))
            ),
            take_count=takes,
        )
    tools = list(Tool.objects.all())
    assert len(tools) == len(ages) ** 2 * len(hours) * 2 * len(listed_ages)

    def matched(q):
        return set(Tool.objects.filter(q).values_list("pk", flat=True))

    def by_rule(part):
        return {
            tool.pk
            for tool in tools
            if getattr(
                tool_freshness(
                    pricing_verified_on=tool.pricing_verified_on,
                    panel_changed_at=tool.panel_changed_at,
                    has_takes=tool.take_count > 0,
                    entered_at=tool.created_at,
                    today=TODAY,
                ),
                part,
            )
        }

    assert matched(pricing_old_q(today=TODAY)) == by_rule("pricing_old")
    assert matched(panel_old_q(today=TODAY)) == by_rule("panel_old")
    old = by_rule("possibly_out_of_date")
    assert matched(possibly_out_of_date_q(today=TODAY)) == old
    assert set(
        Tool.objects.exclude(possibly_out_of_date_q(today=TODAY)).values_list("pk", flat=True)
    ) == ({tool.pk for tool in tools} - old)
    assert 0 < len(old) < len(tools)


# The admin


@pytest.fixture
def listed(db, today):
    """A fresh tool, one with old pricing, one never verified, one with an old panel."""
    fresh = ToolFactory(name="Fresh Fern", pricing_verified_on=days_ago(10))
    old_pricing = ToolFactory(name="Old Oak", pricing_verified_on=days_ago(180))
    never = ToolFactory(name="Never Nettle")
    Tool.objects.filter(pk=never.pk).update(created_at=local_noon(days_ago(200)))
    old_panel = ToolFactory(name="Panel Pine", pricing_verified_on=days_ago(3))
    PanelReviewFactory(tool=old_panel)
    Tool.objects.filter(pk=old_panel.pk).update(panel_changed_at=local_noon(days_ago(200)))
    return {"fresh": fresh, "old_pricing": old_pricing, "never": never, "old_panel": old_panel}


def changelist_names(client, **params):
    response = client.get(reverse("admin:tools_tool_changelist"), params)
    assert response.status_code == 200
    return {tool.name for tool in response.context["cl"].result_list}


def test_the_admin_filter_lists_tools_possibly_out_of_date(editor_client, listed):
    assert changelist_names(editor_client, freshness="old") == {
        "Old Oak",
        "Never Nettle",
        "Panel Pine",
    }
    assert changelist_names(editor_client, freshness="current") == {"Fresh Fern"}
    assert len(changelist_names(editor_client)) == 4


def test_the_admin_list_says_which_part_is_old(editor_client, listed):
    content = editor_client.get(reverse("admin:tools_tool_changelist")).content.decode()
    assert "Possibly out of date: pricing verified 6 Jun 2026" in content
    assert "Possibly out of date: pricing not verified yet" in content
    assert "Possibly out of date: panel last changed 17 May 2026" in content
    assert "Up to date" in content


def test_mark_pricing_verified_today_from_the_list(
    editor_client, listed, today, django_capture_on_commit_callbacks
):
    chosen = [listed["old_pricing"], listed["never"]]
    before = catalog_version()
    updated_before = {tool.pk: Tool.objects.get(pk=tool.pk).updated_at for tool in chosen}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:tools_tool_changelist"),
            {"action": "mark_pricing_verified", "_selected_action": [t.pk for t in chosen]},
            follow=True,
        )
    assert "Pricing of 2 tools marked verified today." in response.content.decode()
    for tool in chosen:
        tool = Tool.objects.get(pk=tool.pk)
        assert tool.pricing_verified_on == TODAY
        assert tool.updated_at > updated_before[tool.pk]  # its cached fragments are stale
    assert catalog_version() != before
    assert Tool.objects.get(pk=listed["fresh"].pk).pricing_verified_on == days_ago(10)
    assert changelist_names(editor_client, freshness="old") == {"Panel Pine"}


def test_the_tool_form_takes_the_verified_day_and_refuses_a_day_to_come(editor_client, today):
    tool = ToolFactory()
    url = reverse("admin:tools_tool_change", args=[tool.pk])
    form = editor_client.get(url).context["adminform"].form
    assert "pricing_verified_on" in form.fields
    data = {
        "name": tool.name,
        "slug": tool.slug,
        "category": tool.category_id,
        "tagline": tool.tagline,
        "is_published": "on",
        "description": tool.description,
        "pricing": tool.pricing,
        "entry": tool.entry,
        "website": tool.website,
        "panel_reviews-TOTAL_FORMS": "0",
        "panel_reviews-INITIAL_FORMS": "0",
        "panel_reviews-MIN_NUM_FORMS": "0",
        "panel_reviews-MAX_NUM_FORMS": "5",
    }
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = editor_client.post(url, data | {"pricing_verified_on": tomorrow.isoformat()})
    assert response.status_code == 200
    assert "a day still to come" in response.content.decode()
    response = editor_client.post(url, data | {"pricing_verified_on": "2026-10-12"})
    assert response.status_code == 302
    assert Tool.objects.get(pk=tool.pk).pricing_verified_on == datetime.date(2026, 10, 12)


# The catalog


def catalog_document(**tool):
    return {
        "categories": [{"slug": "writing", "name": "Writing"}],
        "tools": [
            {
                "slug": "draftwell",
                "name": "Draftwell",
                "category": "writing",
                "tagline": "Drafting without the blank page",
                "description": "Drafts.",
                "pricing": "Free / $9 per month",
                "entry": "free",
            }
            | tool
        ],
    }


@pytest.mark.django_db
def test_the_verified_day_goes_through_export_and_import(today):
    report = catalog_import(document=catalog_document(pricing_verified_on="2026-10-12"))
    assert report.created == ["category writing", "tool draftwell"]
    assert Tool.objects.get().pricing_verified_on == datetime.date(2026, 10, 12)
    exported = catalog_export()
    assert exported["tools"][0]["pricing_verified_on"] == "2026-10-12"
    assert catalog_import(document=exported).updated == []  # the same day: nothing to save


@pytest.mark.django_db
def test_a_tool_never_verified_is_exported_without_the_key_and_an_absent_key_clears_it(today):
    catalog_import(document=catalog_document())
    assert "pricing_verified_on" not in catalog_export()["tools"][0]
    catalog_import(document=catalog_document(pricing_verified_on="2026-10-12"))
    catalog_import(document=catalog_document())
    assert Tool.objects.get().pricing_verified_on is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "correct format (YYYY-MM-DD) but it is an invalid date"),
        ("last Tuesday", "invalid date format"),
        ("2026-12-04", "a day still to come"),
        (20261012, "must be a string"),
    ],
)
def test_a_bad_verified_day_is_a_located_problem(today, value, message):
    document = catalog_document(pricing_verified_on=value)
    problems = catalog_validate(document)
    assert len(problems) == 1
    assert problems[0].startswith("tools[0].pricing_verified_on: ")
    assert message in problems[0]
    with pytest.raises(CatalogError):
        catalog_import(document=document)
    assert not Tool.objects.exists()


# The pages


def freshness_text(html):
    """The freshness lines of a page, as plain text."""
    lines = re.findall(r'<p class="freshness[^"]*">(.*?)</p>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", line).split()) for line in lines]


@pytest.fixture
def pair(db, today):
    left = ToolFactory(name="Relaykit", slug="relaykit", pricing_verified_on=days_ago(20))
    right = ToolFactory(name="Batonette", slug="batonette", pricing_verified_on=days_ago(179))
    for tool in (left, right):
        PanelReviewFactory(tool=tool)
    return left, right


def test_the_tool_page_says_when_pricing_was_verified(client, pair):
    html = client.get("/tools/relaykit/").content.decode()
    assert freshness_text(html) == ["Pricing verified 13 Nov 2026"]
    assert MARKER not in html
    assert '<time datetime="2026-11-13">13 Nov 2026</time>' in html


def test_the_tool_page_marks_old_pricing_and_names_it(client, pair):
    Tool.objects.filter(slug="relaykit").update(pricing_verified_on=days_ago(181))
    html = client.get("/tools/relaykit/").content.decode()
    assert freshness_text(html) == [
        "! Possibly out of date: Pricing last verified 5 Jun 2026 (not looked at in 180 days)"
    ]
    assert 'class="freshness freshness--old"' in html


def test_the_tool_page_marks_pricing_never_verified_on_a_tool_listed_long_ago(client, pair):
    Tool.objects.filter(slug="relaykit").update(
        pricing_verified_on=None, created_at=local_noon(days_ago(200))
    )
    html = client.get("/tools/relaykit/").content.decode()
    assert freshness_text(html) == [
        "! Possibly out of date: Pricing not verified yet (not looked at in 180 days)"
    ]


def test_a_tool_listed_lately_and_never_verified_is_not_marked(client, pair):
    # The editor who listed it wrote its pricing down that day.
    Tool.objects.filter(slug="relaykit").update(
        pricing_verified_on=None, created_at=local_noon(days_ago(20))
    )
    html = client.get("/tools/relaykit/").content.decode()
    assert freshness_text(html) == ["Pricing not verified yet"]


def test_the_tool_page_marks_an_old_panel_and_keeps_the_pricing_day(client, pair):
    Tool.objects.filter(slug="relaykit").update(panel_changed_at=local_noon(days_ago(300)))
    html = client.get("/tools/relaykit/").content.decode()
    assert freshness_text(html) == [
        "! Possibly out of date: Panel last changed 6 Feb 2026 (not looked at in 180 days)"
        " · Pricing verified 13 Nov 2026"
    ]


def test_a_tool_without_takes_is_marked_only_for_its_pricing(client, db, today):
    ToolFactory(slug="echoless", pricing_verified_on=days_ago(5))
    html = client.get("/tools/echoless/").content.decode()
    assert MARKER not in html


def test_the_compare_page_shows_each_sides_freshness(client, pair):
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert freshness_text(html) == ["Pricing verified 13 Nov 2026", "Pricing verified 7 Jun 2026"]
    Tool.objects.filter(slug="batonette").update(
        pricing_verified_on=None, created_at=local_noon(days_ago(200))
    )
    client.cookies[VISITOR_COOKIE] = "reader"  # past the page cache, to the fragments
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert freshness_text(html)[1].startswith("! Possibly out of date: Pricing not verified yet")


def test_a_cached_compare_page_turns_old_when_the_day_comes_without_an_edit(client, pair, today):
    # A reader with a cookie is rendered from the cached fragments, never the page cache.
    client.cookies[VISITOR_COOKIE] = "reader"
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert MARKER not in html
    today["value"] = TODAY + datetime.timedelta(days=1)  # Batonette's pricing is 180 days old
    html = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert freshness_text(html)[1].startswith("! Possibly out of date: Pricing last verified")
    today["value"] = TODAY + datetime.timedelta(days=2)
    html_later = client.get("/compare/relaykit-vs-batonette/").content.decode()
    assert freshness_text(html_later) == freshness_text(html)


def test_the_compare_body_stays_cached_while_nothing_turns_old(client, pair, today):
    client.cookies[VISITOR_COOKIE] = "reader"
    client.get("/compare/relaykit-vs-batonette/")
    # A change no key follows (written behind the models' back) stays unseen:
    # so the page above really came from the cache, and the state alone moves it.
    Tool.objects.filter(slug="relaykit").update(tagline="Changed behind the cache's back")
    assert "behind the cache" not in client.get("/compare/relaykit-vs-batonette/").content.decode()


def query_count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_marker_costs_no_query(client, pair):
    client.cookies[VISITOR_COOKIE] = "reader"  # each page rendered, not answered from the cache
    fresh = (
        query_count(client, "/tools/relaykit/"),
        query_count(client, "/compare/relaykit-vs-batonette/"),
    )
    Tool.objects.filter(slug__in=["relaykit", "batonette"]).update(
        pricing_verified_on=None, panel_changed_at=local_noon(days_ago(300))
    )
    stale = (
        query_count(client, "/tools/relaykit/"),
        query_count(client, "/compare/relaykit-vs-batonette/"),
    )
    assert MARKER in client.get("/tools/relaykit/").content.decode()
    assert stale == fresh


# The demo catalog


def test_the_demo_shows_mostly_verified_pricing_and_a_few_old_ones(db, today):
    from tests.pages import demo_catalog_load

    demo_catalog_load()
    old = set(
        Tool.objects.filter(possibly_out_of_date_q(today=TODAY)).values_list("slug", flat=True)
    )
    assert old == {"moorhen", "pivotwren"}
    assert not Tool.objects.filter(pricing_verified_on__isnull=True).exists()
