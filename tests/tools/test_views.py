import pytest

from tests.factories import PanelReviewFactory, ToolFactory


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
    with django_assert_num_queries(2):
        client.get(tool.get_absolute_url())
