import re
from html import unescape

import pytest
from django.urls import resolve, reverse

from reviews.personas import persona_profiles
from tests.factories import catalog_create
from tests.pages import PAGES, demo_catalog_load
from verdicts.community import DISAGREEMENT_POINTS, EARLY_VOTES
from verdicts.panel import SHIP_SCORE_LOW, SKIP_SCORE_HIGH, PanelSummary

PATH = "/panel/how-we-review/"


def page_text(client, path=PATH):
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_page_has_its_own_address_that_the_personas_pattern_does_not_take():
    assert reverse("reviews:how_we_review") == PATH
    assert resolve(PATH).view_name == "reviews:how_we_review"


def test_the_page_says_plainly_that_the_reviewers_are_not_real_people(client, db):
    html = page_text(client)
    assert "The reviewers are not real people." in html
    assert "editorial personas" in html
    assert "the site's editors" in html


def test_the_page_renders_every_persona_from_its_profile(client, db):
    html = page_text(client)
    for profile in persona_profiles():
        assert f'href="/panel/{profile.persona}/">The {profile.name}</a>' in html
        assert profile.lens in html
        assert profile.excites in html
        assert profile.tired_of in html


def test_the_page_states_the_thresholds_the_rules_hold(client, db):
    html = page_text(client)
    assert f"a ship scored below {SHIP_SCORE_LOW}, or a skip scored {SKIP_SCORE_HIGH}" in html
    assert f"With fewer than {EARLY_VOTES} votes a result is marked" in html
    assert f"When the two are {DISAGREEMENT_POINTS} or more points apart" in html
    assert f"the community has at least {EARLY_VOTES} votes" in html
    # The worked examples are the verdict badges every other page shows.
    examples = re.search(r'<ul class="method__examples">(.*?)</ul>', html, re.S).group(1)
    shown = [
        " ".join(re.sub(r"<[^>]+>", " ", item).split())
        for item in re.findall(r"<li>(.*?)</li>", examples, re.S)
    ]
    assert shown == [
        "3 ship / 1 skip → reads as ✓ Ship · 75%",
        "2 ship / 2 skip → reads as ½ Split · 50% ship",
        "1 ship / 4 skip → reads as ✗ Skip · 20% ship",
    ]
    assert PanelSummary(ship=2, skip=2).verdict_label == "Split · 50% ship"
    assert "1 ship out of 8 is 12.5%, shown as 13%" in html
    assert "70 and 85 average 77.5, shown as 78" in html


def test_the_page_follows_the_rules_when_they_change(client, db, monkeypatch):
    monkeypatch.setattr("verdicts.panel.SHIP_SCORE_LOW", 45)
    monkeypatch.setattr("verdicts.panel.SKIP_SCORE_HIGH", 75)
    monkeypatch.setattr("verdicts.community.EARLY_VOTES", 25)
    monkeypatch.setattr("verdicts.community.DISAGREEMENT_POINTS", 20)
    html = page_text(client)
    assert "a ship scored below 45, or a skip scored 75 or more" in html
    assert "With fewer than 25 votes" in html
    assert 'title="early: fewer than 25 votes"' in html
    assert "When the two are 20 or more points apart" in html


def test_the_page_gives_the_contact_address_from_settings(client, db, settings):
    settings.CONTACT_EMAIL = "corrections@verdicts.example"
    html = page_text(client)
    assert '<a href="mailto:corrections@verdicts.example">corrections@verdicts.example</a>' in html


def test_the_page_is_public_the_same_for_everyone(client, db):
    response = client.get(PATH)
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.post(PATH).status_code == 405


def test_the_page_has_its_own_title_description_and_canonical(client, db):
    html = page_text(client)
    assert "<title>How we review AI tools · AI Tool Verdicts</title>" in html
    assert '<link rel="canonical" href="http://testserver/panel/how-we-review/">' in html
    description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    assert "community votes" in description


def test_the_panel_page_links_to_it(client, db):
    assert f'href="{PATH}"' in page_text(client, "/panel/")


def test_every_page_links_to_it_from_the_footer(client, db):
    demo_catalog_load()
    missing = []
    for name, path in [*PAGES, ("how we review", PATH)]:
        html = client.get(path).content.decode()
        footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
        if footer is None or f'<a href="{PATH}">How we review</a>' not in footer.group():
            missing.append(name)
    assert missing == []


def test_the_page_is_in_the_sitemap(client, db):
    response = client.get("/sitemap-pages.xml")
    assert "<loc>http://testserver/panel/how-we-review/</loc>" in response.content.decode()


@pytest.mark.parametrize("tool_count", [0, 200])
def test_the_page_runs_no_queries_whatever_the_catalog(
    lazy_loads_raise, client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    # Everything it shows is the personas' text and the rules' constants.
    with django_assert_num_queries(0):
        response = client.get(PATH)
    assert response.status_code == 200
