import xml.etree.ElementTree as ET

import pytest

from tests.factories import PanelReviewFactory, ToolFactory, catalog_create

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client):
    response = client.get("/feeds/verdicts/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_feed_lists_the_newest_takes_of_published_tools(client, db):
    PanelReviewFactory(tool=ToolFactory(name="Inkwell", slug="inkwell"), score=88)
    PanelReviewFactory(
        tool=ToolFactory(name="Bytecraft", slug="bytecraft"),
        persona="skeptic",
        verdict="skip",
        score=41,
    )
    PanelReviewFactory(tool=ToolFactory(name="Hidden", is_published=False))

    found = entries(client)

    titles = [entry.find(f"{ATOM}title").text for entry in found]
    assert titles == ["Skeptic on Bytecraft: Skip · 41/100", "Builder on Inkwell: Ship · 88/100"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in found]
    assert links == [
        "http://testserver/tools/bytecraft/#take-skeptic",
        "http://testserver/tools/inkwell/#take-builder",
    ]


def test_feed_is_linked_from_every_page(client, db):
    assert 'href="/feeds/verdicts/"' in client.get("/").content.decode()


@pytest.mark.parametrize("tool_count", [5, 500])
def test_feed_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, tool_count):
    catalog_create(tools=tool_count)
    with django_assert_num_queries(1):
        assert len(entries(client)) == min(30, sum(1 + i % 5 for i in range(tool_count)))
