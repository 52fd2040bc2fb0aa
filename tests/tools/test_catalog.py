import copy
import json

import pytest

from reviews.models import PanelReview
from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory
from tools.catalog import (
    CatalogError,
    catalog_export,
    catalog_import,
    catalog_parse,
    catalog_validate,
)
from tools.models import Category, FeaturedComparison, Tool


def review(persona, score=80, verdict="ship", take="Solid and honest."):
    return {"persona": persona, "score": score, "verdict": verdict, "take": take}


def tool_entry(slug, **overrides):
    entry = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "category": "writing",
        "tagline": "Drafting without the blank page",
        "description": "First paragraph.\n\nSecond paragraph.",
        "pricing": "Free / $9 per month",
        "entry": "free",
        "website": f"https://{slug}.example",
        "published": True,
        "reviews": [review("builder"), review("skeptic", 40, "skip")],
    }
    entry.update(overrides)
    return entry


@pytest.fixture
def document():
    return {
        "categories": [
            {"slug": "writing", "name": "Writing", "description": "Words in, better words out."},
            {"slug": "voice", "name": "Voice"},
        ],
        "tools": [
            tool_entry("draftwell"),
            tool_entry("murmur", category="voice", entry="open-source", reviews=[]),
        ],
        "featured": [
            {"left": "draftwell", "right": "murmur", "note": "Typed words against spoken ones."}
        ],
    }


def snapshot():
    """Everything the catalog holds, for asserting that nothing changed."""
    return (
        list(Category.objects.order_by("slug").values()),
        list(Tool.objects.order_by("slug").values()),
        list(PanelReview.objects.order_by("tool_id", "persona").values()),
        list(FeaturedComparison.objects.order_by("pk").values()),
    )


def test_a_valid_document_imports_categories_tools_and_panels(db, document):
    report = catalog_import(document=document)
    assert report.created == [
        "category writing",
        "category voice",
        "tool draftwell",
        "tool murmur",
        "featured draftwell-vs-murmur",
    ]
    draftwell = Tool.objects.get(slug="draftwell")
    assert draftwell.category.slug == "writing"
    assert draftwell.panel.counts_label == "1 ship / 1 skip"
    murmur = Tool.objects.get(slug="murmur")
    assert murmur.entry == "open-source"
    assert murmur.panel.takes == 0


def test_reimporting_the_same_document_changes_nothing(db, document):
    catalog_import(document=document)
    before = snapshot()
    report = catalog_import(document=document)
    assert report.created == report.updated == []
    assert len(report.unchanged) == 5
    assert snapshot() == before


def test_changed_fields_and_panels_are_updated_in_place(db, document):
    catalog_import(document=document)
    changed = copy.deepcopy(document)
    changed["tools"][0]["pricing"] = "$12 per month"
    changed["tools"][1]["reviews"] = [review("creator", 90)]
    report = catalog_import(document=changed)
    assert report.updated == ["tool draftwell", "tool murmur"]
    assert Tool.objects.get(slug="draftwell").pricing == "$12 per month"
    assert list(
        PanelReview.objects.filter(tool__slug="murmur").values_list("persona", flat=True)
    ) == ["creator"]


def test_reviews_become_the_complete_panel_and_an_empty_list_clears_it(db, document):
    catalog_import(document=document)
    cleared = copy.deepcopy(document)
    cleared["tools"][0]["reviews"] = []
    catalog_import(document=cleared)
    assert not PanelReview.objects.filter(tool__slug="draftwell").exists()


def test_absent_reviews_leave_the_panel_alone(db, document):
    catalog_import(document=document)
    without = copy.deepcopy(document)
    del without["tools"][0]["reviews"]
    catalog_import(document=without)
    assert PanelReview.objects.filter(tool__slug="draftwell").count() == 2


def test_tools_absent_from_the_file_are_left_alone(db, document):
    other = ToolFactory(slug="untouched")
    PanelReviewFactory(tool=other)
    catalog_import(document=document)
    assert Tool.objects.get(slug="untouched").panel_reviews.count() == 1


def test_a_tool_may_use_a_category_already_in_the_database(db):
    CategoryFactory(slug="writing", name="Writing")
    catalog_import(document={"tools": [tool_entry("solo")]})
    assert Tool.objects.get(slug="solo").category.name == "Writing"


def test_optional_fields_take_their_defaults(db, document):
    entry = tool_entry("plain")
    for key in ("website", "published", "reviews"):
        del entry[key]
    catalog_import(document={"categories": document["categories"], "tools": [entry]})
    tool = Tool.objects.get(slug="plain")
    assert tool.website == ""
    assert tool.is_published is True


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["tools"][1].update(reviews=[review("builder", score=120)]),
            "tools[1].reviews[0].score: Must be between 0 and 100.",
        ),
        (
            lambda d: d["tools"][0].update(category="cooking"),
            "tools[0].category: unknown category 'cooking'",
        ),
        (
            lambda d: d["tools"][0]["reviews"].append(review("builder", 20, "skip")),
            "tools[0].reviews[2].persona: duplicate persona 'builder' (also reviews[0])",
        ),
        (
            lambda d: d["tools"][0].update(slug="Draft Well"),
            "tools[0].slug: Use lowercase letters, digits and single hyphens",
        ),
        (
            lambda d: d["tools"][0].update(slug="draft-vs-well"),
            "tools[0].slug: A tool slug cannot contain",
        ),
        (
            lambda d: d["tools"][0].update(entry="freemium"),
            "tools[0].entry: Value 'freemium' is not a valid choice.",
        ),
        (
            lambda d: d["tools"][0].update(website="not a url"),
            "tools[0].website: Enter a valid URL.",
        ),
        (
            lambda d: d["tools"][0]["reviews"][0].update(verdict="maybe"),
            "tools[0].reviews[0].verdict: Value 'maybe' is not a valid choice.",
        ),
        (
            lambda d: d["tools"][0]["reviews"][0].update(persona="critic"),
            "tools[0].reviews[0].persona: Value 'critic' is not a valid choice.",
        ),
        (
            lambda d: d["tools"][0]["reviews"][0].update(score="80"),
            "tools[0].reviews[0].score: must be a whole number",
        ),
        (
            lambda d: d["tools"][0].update(published="yes"),
            "tools[0].published: must be true or false",
        ),
        (lambda d: d["tools"][0].pop("tagline"), "tools[0].tagline: is required"),
        (lambda d: d["tools"][0].update(webiste="x"), "tools[0]: unknown field 'webiste'"),
        (
            lambda d: d["tools"].append(tool_entry("draftwell")),
            "tools[2].slug: duplicate slug 'draftwell' (also tools[0])",
        ),
        (
            lambda d: d["categories"].append({"slug": "voice", "name": "Again"}),
            "categories[2].slug: duplicate slug 'voice' (also categories[1])",
        ),
        (lambda d: d["categories"].append("voice"), "categories[2]: must be an object"),
        (lambda d: d.update(tools={}), "tools: must be a list"),
        (lambda d: d.update(featured={}), "featured: must be a list"),
        (
            lambda d: d["featured"][0].update(right="nowhere"),
            "featured[0].right: unknown tool 'nowhere'",
        ),
        (
            lambda d: d["featured"][0].update(right="draftwell"),
            "featured[0]: a featured comparison needs two different tools",
        ),
        (
            lambda d: d["featured"].append({"left": "murmur", "right": "draftwell"}),
            "featured[1]: duplicate pair (also featured[0])",
        ),
        (lambda d: d["featured"][0].update(note="x" * 241), "featured[0].note: Ensure this"),
        (lambda d: d["featured"][0].pop("left"), "featured[0].left: is required"),
    ],
)
def test_each_problem_is_located_and_nothing_is_imported(db, document, mutate, expected):
    CategoryFactory(slug="existing")
    before = snapshot()
    broken = copy.deepcopy(document)
    mutate(broken)
    with pytest.raises(CatalogError) as error:
        catalog_import(document=broken)
    assert any(problem.startswith(expected) for problem in error.value.problems), (
        error.value.problems
    )
    assert snapshot() == before


def test_every_problem_is_reported_at_once(db, document):
    document["tools"][0]["reviews"][0]["score"] = -5
    document["tools"][1]["category"] = "nowhere"
    document["categories"][0]["slug"] = "Bad Slug"
    problems = catalog_validate(document)
    locations = sorted(problem.split(":")[0] for problem in problems)
    assert locations == [
        "categories[0].slug",
        "tools[0].category",  # its category slug is now the bad one
        "tools[0].reviews[0].score",
        "tools[1].category",
    ]


def test_malformed_json_reports_its_line(db):
    with pytest.raises(CatalogError) as error:
        catalog_parse('{\n  "tools": [\n    {"slug": "a",}\n  ]\n}')
    assert error.value.problems[0].startswith("line 3, column")


def test_a_document_that_is_not_an_object_is_refused(db):
    assert catalog_validate([]) == [
        "document: must be an object with “categories” and “tools” lists"
    ]


def test_export_then_import_into_an_empty_database_gives_the_same_document(db, document):
    catalog_import(document=document)
    exported = catalog_export()
    Tool.objects.all().delete()
    Category.objects.all().delete()
    catalog_import(document=json.loads(json.dumps(exported)))
    assert catalog_export() == exported


def test_a_document_written_elsewhere_exports_back_unchanged(db, document):
    # Categories and tools in slug order, as export writes them; optional
    # empty text left out, as a person writing the file would.
    document["categories"].sort(key=lambda c: c["slug"])
    del document["tools"][1]["website"]
    catalog_import(document=document)
    assert catalog_export() == document


def test_export_runs_a_fixed_number_of_queries(
    lazy_loads_raise, db, django_assert_num_queries, document
):
    catalog_import(document=document)
    for _ in range(5):
        PanelReviewFactory(tool=ToolFactory(category=Category.objects.first()))
    with django_assert_num_queries(4):
        catalog_export()


def test_featured_pairs_import_in_the_files_order_and_update_either_way_round(db, document):
    document["tools"].append(tool_entry("scribbly"))
    document["featured"].append({"left": "scribbly", "right": "draftwell"})
    catalog_import(document=document)
    featured = list(FeaturedComparison.objects.select_related("left", "right"))
    assert [(pair.left.slug, pair.right.slug, pair.note) for pair in featured] == [
        ("draftwell", "murmur", "Typed words against spoken ones."),
        ("scribbly", "draftwell", ""),
    ]

    # The same pair named the other way round is the same featured comparison.
    document["featured"] = [{"left": "murmur", "right": "draftwell", "note": "Re-argued."}]
    report = catalog_import(document=document)
    assert "featured murmur-vs-draftwell" in report.updated
    pair = FeaturedComparison.objects.get(note="Re-argued.")
    assert (pair.left.slug, pair.right.slug, pair.position) == ("murmur", "draftwell", 0)
    assert FeaturedComparison.objects.count() == 2  # pairs the file leaves out stay


def test_reimporting_featured_pairs_changes_nothing(db, document):
    catalog_import(document=document)
    report = catalog_import(document=document)
    assert "featured draftwell-vs-murmur" in report.unchanged
    assert report.created == report.updated == []
