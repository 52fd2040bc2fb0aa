"""The editors' job in the admin, done as an editor (staff, in the Editors group)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from reviews.models import PanelReview, Persona
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from tools.models import Tool

PERSONAS = Persona.values


def tool_form(category, reviews=(), **overrides):
    """POST data for the tool add form with one inline row per review."""
    data = {
        "name": "Loom Writer",
        "slug": "loom-writer",
        "category": category.pk,
        "tagline": "Turning meeting notes into a first draft",
        "is_published": "on",
        "description": "Writes drafts.",
        "pricing": "Free / $8 per month",
        "entry": "free",
        "website": "",
        "panel_reviews-TOTAL_FORMS": str(len(reviews)),
        "panel_reviews-INITIAL_FORMS": "0",
        "panel_reviews-MIN_NUM_FORMS": "0",
        "panel_reviews-MAX_NUM_FORMS": "5",
    }
    for index, review in enumerate(reviews):
        for key, value in review.items():
            data[f"panel_reviews-{index}-{key}"] = value
    data.update(overrides)
    return data


def review_row(persona, score="80", verdict="ship", take="Does the job."):
    return {"persona": persona, "score": score, "verdict": verdict, "take": take}


def test_editors_group_holds_exactly_the_editorial_permissions(db):
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    expected = {
        f"{action}_{model}"
        for model in ("category", "tool", "panelreview", "featuredcomparison")
        for action in ("add", "change", "delete", "view")
    } | {
        "view_vote",
        "delete_vote",
        "view_tooltally",
        "view_pairtally",
        # Readers' reports: read, resolve or dismiss (a change), delete spam.
        "view_report",
        "change_report",
        "delete_report",
        *(
            f"{action}_{model}"
            for model in ("digestissue", "digestitem")
            for action in ("add", "change", "delete", "view")
        ),
    }
    assert codenames == expected


def test_editor_adds_a_tool_with_five_reviews(editor_client):
    category = CategoryFactory()
    reviews = [review_row(persona, score=str(60 + i)) for i, persona in enumerate(PERSONAS)]
    response = editor_client.post(reverse("admin:tools_tool_add"), tool_form(category, reviews))
    assert response.status_code == 302, response.context and response.context["errors"]
    tool = Tool.objects.get(slug="loom-writer")
    assert list(tool.panel_reviews.values_list("persona", "score")) == [
        (persona, 60 + i) for i, persona in enumerate(PERSONAS)
    ]


def test_add_form_offers_one_row_per_persona(editor_client):
    response = editor_client.get(reverse("admin:tools_tool_add"))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.initial.get("persona") for form in formset.forms] == PERSONAS


def test_change_form_offers_rows_only_for_missing_personas(editor_client):
    tool = ToolFactory()
    PanelReviewFactory(tool=tool, persona="skeptic")
    response = editor_client.get(reverse("admin:tools_tool_change", args=[tool.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    extra = [form.initial.get("persona") for form in formset.extra_forms]
    assert extra == ["builder", "founder", "futurist", "creator"]


def test_rows_left_as_offered_are_ignored(editor_client):
    category = CategoryFactory()
    rows = [review_row("builder")] + [{"persona": p} for p in PERSONAS[1:]]
    response = editor_client.post(reverse("admin:tools_tool_add"), tool_form(category, rows))
    assert response.status_code == 302
    assert PanelReview.objects.filter(tool__slug="loom-writer").count() == 1


def errors_of(response):
    assert response.status_code == 200, "the form should be shown again with errors"
    errors = [str(e) for e in response.context["errors"]]
    formset = response.context["inline_admin_formsets"][0].formset
    errors += [str(e) for e in formset.non_form_errors()]
    return " ".join(errors)


def test_a_duplicate_persona_is_a_form_error(editor_client):
    rows = [review_row("builder"), review_row("builder", score="40", verdict="skip")]
    response = editor_client.post(
        reverse("admin:tools_tool_add"), tool_form(CategoryFactory(), rows)
    )
    assert "duplicate data for persona" in errors_of(response)
    assert not Tool.objects.exists()


@pytest.mark.parametrize("score", ["101", "-1"])
def test_a_score_outside_0_to_100_is_a_form_error(editor_client, score):
    response = editor_client.post(
        reverse("admin:tools_tool_add"),
        tool_form(CategoryFactory(), [review_row("builder", score=score)]),
    )
    assert "between 0 and 100" in errors_of(response)
    assert not Tool.objects.exists()


def test_a_take_without_a_verdict_is_a_form_error(editor_client):
    response = editor_client.post(
        reverse("admin:tools_tool_add"),
        tool_form(CategoryFactory(), [review_row("builder", verdict="")]),
    )
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["verdict"] == ["This field is required."]
    assert not Tool.objects.exists()


def test_the_entry_tier_starts_unchosen_and_must_be_picked(editor_client):
    form = editor_client.get(reverse("admin:tools_tool_add")).context["adminform"].form
    assert form["entry"].value() is None
    assert form.fields["entry"].choices[0][0] == ""
    response = editor_client.post(
        reverse("admin:tools_tool_add"), tool_form(CategoryFactory(), entry="")
    )
    assert response.context["adminform"].form.errors["entry"] == ["This field is required."]
    assert not Tool.objects.exists()


def test_the_panel_takes_are_five_rows_high_with_the_admin_stylesheet(editor_client):
    tool = ToolFactory()
    PanelReviewFactory(tool=tool, persona="builder")
    page = editor_client.get(reverse("admin:tools_tool_change", args=[tool.pk])).content.decode()
    assert 'href="/static/css/admin.css"' in page
    assert 'name="panel_reviews-0-take" cols="40" rows="5"' in page


def test_a_slug_with_the_compare_separator_is_a_form_error(editor_client):
    response = editor_client.post(
        reverse("admin:tools_tool_add"), tool_form(CategoryFactory(), slug="a-vs-b")
    )
    assert "compare URLs" in errors_of(response)


def test_tool_list_shows_panel_numbers_and_filters(editor_client):
    tool = ToolFactory(name="Quillstack")
    ToolFactory()  # a second category, so the category filter has a choice to offer
    for persona, verdict in [("builder", "ship"), ("skeptic", "ship"), ("founder", "skip")]:
        PanelReviewFactory(tool=tool, persona=persona, verdict=verdict)
    response = editor_client.get(reverse("admin:tools_tool_changelist"), {"q": "quill"})
    content = response.content.decode()
    assert "67% (Ship)" in content
    assert "Quillstack" in content
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == ["category", "entry tier", "published", "freshness"]


def test_tool_change_page_links_to_the_site(editor_client):
    tool = ToolFactory(slug="quillstack")
    response = editor_client.get(reverse("admin:tools_tool_change", args=[tool.pk]))
    view_on_site = response.context["original"].get_absolute_url()
    assert view_on_site == "/tools/quillstack/"
    assert "View on site" in response.content.decode()


def test_editor_manages_categories(editor_client):
    response = editor_client.post(
        reverse("admin:tools_category_add"),
        {"name": "Voice", "slug": "voice", "description": "Speech in, speech out."},
    )
    assert response.status_code == 302


def test_editor_cannot_manage_users(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403


def test_a_high_scoring_skip_or_low_scoring_ship_is_saved_with_a_warning(editor_client):
    category = CategoryFactory()
    reviews = [
        review_row("builder", score="85", verdict="skip"),
        review_row("skeptic", score="30", verdict="ship"),
        review_row("founder", score="80", verdict="ship"),
    ]
    response = editor_client.post(
        reverse("admin:tools_tool_add"), tool_form(category, reviews), follow=True
    )
    assert response.status_code == 200
    assert Tool.objects.get(slug="loom-writer").panel_reviews.count() == 3
    warnings = [str(message) for message in response.context["messages"]]
    assert "Builder gives Loom Writer 85/100 but says skip: check the score or the verdict." in (
        warnings
    )
    assert any(text.startswith("Skeptic gives Loom Writer 30/100") for text in warnings)
    assert not any(text.startswith("Founder") for text in warnings)
