import pytest
from django.urls import reverse

from tests.factories import PanelReviewFactory, ToolFactory


def test_home_lists_published_tools_with_panel_verdicts(client, db):
    tool = ToolFactory(name="Draftwell")
    for persona, verdict in [("builder", "ship"), ("skeptic", "ship"), ("founder", "ship")]:
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict)
    PanelReviewFactory(tool=tool, persona="creator", verdict="skip")
    ToolFactory(name="Hidden Draft", is_published=False)

    response = client.get(reverse("home"))

    content = response.content.decode()
    assert "Draftwell" in content
    assert "Ship · 75%" in content
    assert "3 ship / 1 skip" in content
    assert "4 of 5 reviewers" in content
    assert tool.get_absolute_url() in content
    assert "Hidden Draft" not in content


def test_home_says_when_a_tool_has_no_takes_yet(client, db):
    ToolFactory(name="Brand New")
    assert "No takes yet" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("tool_count", [5, 50])
def test_home_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, tool_count):
    for _ in range(tool_count):
        PanelReviewFactory(tool=ToolFactory())
    with django_assert_num_queries(2):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_home_sends_a_content_security_policy_without_inline_allowances(client, db):
    policy = client.get(reverse("home")).headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_scripts_or_style_attributes(client, db):
    tool = ToolFactory()
    PanelReviewFactory(tool=tool)
    for url in (reverse("home"), tool.get_absolute_url()):
        content = client.get(url).content.decode()
        assert "style=" not in content
        assert "<script>" not in content
        assert "<style" not in content
