import pytest

from reviews.personas import persona_profile, persona_profiles
from reviews.selectors import persona_category_counts
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory, catalog_create


@pytest.fixture
def takes(db):
    writing = CategoryFactory(name="Writing")
    coding = CategoryFactory(name="Coding")
    made = []
    for name, category, verdict in [
        ("Inkwell", writing, "ship"),
        ("Quillpad", writing, "skip"),
        ("Bytecraft", coding, "ship"),
    ]:
        tool = ToolFactory(name=name, category=category)
        made.append(PanelReviewFactory(tool=tool, persona="skeptic", verdict=verdict))
    hidden = ToolFactory(name="Hidden Draft", category=coding, is_published=False)
    PanelReviewFactory(tool=hidden, persona="skeptic", verdict="ship")
    return made


def test_every_persona_has_a_lens_and_what_excites_and_tires_it():
    for profile in persona_profiles():
        assert profile.lens
        assert profile.excites
        assert profile.tired_of
    assert persona_profile("skeptic").name == "Skeptic"
    assert persona_profile("nobody") is None


def test_counts_per_category_leave_out_unpublished_tools(takes):
    counts = [(count.label, count.sentence) for count in persona_category_counts("skeptic")]
    assert counts == [("Coding", "1 tool, 1 shipped"), ("Writing", "2 tools, 1 shipped")]


def test_panel_page_introduces_all_five(client, takes):
    html = client.get("/panel/").content.decode()
    for profile in persona_profiles():
        assert f'href="/panel/{profile.persona}/"' in html
        assert profile.excites in html
    assert "3 tools, 2 shipped" in html


def test_persona_page_shows_counts_and_takes_newest_first(client, takes):
    takes[0].take = "Changed my mind after a week."
    takes[0].save()
    html = client.get("/panel/skeptic/").content.decode()
    assert "<h1>The Skeptic</h1>" in html
    assert "2 tools, 1 shipped" in html
    assert "3 tools, 2 shipped" in html  # all categories
    assert html.index("Inkwell") < html.index("Bytecraft") < html.index("Quillpad")
    assert "Hidden Draft" not in html


def test_unknown_persona_is_a_404(client, db):
    assert client.get("/panel/critic/").status_code == 404


@pytest.mark.parametrize("tool_count", [5, 500])
def test_panel_pages_run_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, tool_count
):
    catalog_create(tools=tool_count)
    with django_assert_num_queries(1):
        assert client.get("/panel/").status_code == 200
    with django_assert_num_queries(3):
        assert client.get("/panel/builder/").status_code == 200
