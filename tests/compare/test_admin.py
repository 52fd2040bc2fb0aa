"""Editors feature comparisons in the admin."""

from django.urls import reverse

from tests.factories import ToolFactory
from tools.models import FeaturedComparison


def test_editor_features_a_pair_with_a_note(editor_client):
    left, right = ToolFactory(), ToolFactory()
    response = editor_client.post(
        reverse("admin:tools_featuredcomparison_add"),
        {"left": left.pk, "right": right.pk, "note": "Two takes on code review.", "position": 1},
    )
    assert response.status_code == 302
    featured = FeaturedComparison.objects.get()
    assert (featured.left, featured.right, featured.note) == (
        left,
        right,
        "Two takes on code review.",
    )


def test_a_tool_cannot_be_compared_with_itself(editor_client):
    tool = ToolFactory()
    response = editor_client.post(
        reverse("admin:tools_featuredcomparison_add"),
        {"left": tool.pk, "right": tool.pk, "note": "", "position": 0},
    )
    assert response.status_code == 200
    assert "Pick two different tools." in response.content.decode()
    assert not FeaturedComparison.objects.exists()


def test_a_pair_is_featured_once_whatever_the_order(editor_client):
    left, right = ToolFactory(), ToolFactory()
    FeaturedComparison.objects.create(left=left, right=right)
    response = editor_client.post(
        reverse("admin:tools_featuredcomparison_add"),
        {"left": right.pk, "right": left.pk, "note": "", "position": 0},
    )
    assert response.status_code == 200
    assert "This pair is already featured." in response.content.decode()
    assert FeaturedComparison.objects.count() == 1


def test_the_featured_list_shows_pairs(editor_client):
    FeaturedComparison.objects.create(
        left=ToolFactory(name="Quillwork"), right=ToolFactory(name="Inkpot")
    )
    response = editor_client.get(reverse("admin:tools_featuredcomparison_changelist"))
    assert "Quillwork vs Inkpot" in response.content.decode()
