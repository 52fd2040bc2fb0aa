"""
Catalog import and export: the JSON document described in docs/catalog-format.md.

Import is all-or-nothing. `catalog_validate` reads the whole document and
returns every problem with its location; `catalog_import` writes only when
there are none, inside one transaction. Field rules (lengths, slug format,
URLs, score range, choices) are the models' own validators, run through
`full_clean`, so the admin and the import can never disagree.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from reviews.models import PanelReview, TakeSource, take_changes_from
from tools.models import Category, FeaturedComparison, Tool

CATEGORY_KEYS = {"slug": str, "name": str, "description": str}
CATEGORY_REQUIRED = {"slug", "name"}
TOOL_KEYS = {
    "slug": str,
    "name": str,
    "category": str,
    "tagline": str,
    "description": str,
    "pricing": str,
    "entry": str,
    "pricing_verified_on": str,
    "website": str,
    "published": bool,
    "reviews": list,
}
TOOL_REQUIRED = {"slug", "name", "category", "tagline", "description", "pricing", "entry"}
REVIEW_KEYS = {"persona": str, "score": int, "verdict": str, "take": str}
FEATURED_KEYS = {"left": str, "right": str, "note": str}
FEATURED_REQUIRED = {"left", "right"}
TYPE_NAMES = {str: "a string", bool: "true or false", list: "a list", int: "a whole number"}

# Document key -> model field, where they differ.
TOOL_FIELD_NAMES = {"published": "is_published"}
TOOL_DEFAULTS = {"website": "", "published": True, "pricing_verified_on": None}
CATEGORY_DEFAULTS = {"description": ""}


class CatalogError(Exception):
    """The document cannot be imported; `problems` lists every reason, located."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def catalog_parse(text: str) -> dict:
    """The JSON document in `text`; malformed JSON raises CatalogError with its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError([f"line {error.lineno}, column {error.colno}: {error.msg}"]) from None


def _check_shape(item, location, keys, required, problems) -> bool:
    """Append problems with the keys and JSON types of one object; True if usable."""
    if not isinstance(item, dict):
        problems.append(f"{location}: must be an object")
        return False
    usable = True
    for key in sorted(set(item) - set(keys)):
        problems.append(f"{location}: unknown field {key!r}")
    for key in sorted(required - set(item)):
        problems.append(f"{location}.{key}: is required")
        usable = False
    for key, expected in keys.items():
        value = item.get(key)
        # bool is an int in Python; a score of true is still not a number.
        wrong_bool = expected is int and isinstance(value, bool)
        if key in item and (wrong_bool or not isinstance(value, expected)):
            problems.append(f"{location}.{key}: must be {TYPE_NAMES[expected]}")
            usable = False
    return usable


def _check_model(instance, location, exclude, field_names, problems):
    """Append the model's own validation errors, located by document key."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        document_keys = {model: key for key, model in field_names.items()}
        for model_field, messages in error.message_dict.items():
            key = document_keys.get(model_field, model_field)
            problems.extend(f"{location}.{key}: {message}" for message in messages)


def _known(item, keys) -> dict:
    return {key: value for key, value in item.items() if key in keys}


def _category_values(item) -> dict:
    return CATEGORY_DEFAULTS | _known(item, CATEGORY_KEYS)


def _category_from(item) -> Category:
    return Category(**_category_values(item))


def _tool_from(item) -> Tool:
    values = TOOL_DEFAULTS | _known(item, TOOL_KEYS.keys() - {"reviews", "category"})
    return Tool(**{TOOL_FIELD_NAMES.get(key, key): value for key, value in values.items()})


def catalog_validate(document) -> list[str]:
    """Every problem in the document, each as 'location: message'; empty when importable."""
    problems = []
    if not isinstance(document, dict):
        return ["document: must be an object with “categories” and “tools” lists"]
    for key in sorted(set(document) - {"categories", "tools", "featured"}):
        problems.append(f"document: unknown field {key!r}")
    categories = document.get("categories", [])
    tools = document.get("tools", [])
    featured = document.get("featured", [])
    for key, value in (("categories", categories), ("tools", tools), ("featured", featured)):
        if not isinstance(value, list):
            problems.append(f"{key}: must be a list")
    if problems:
        return problems

    category_slugs = {}
    for index, item in enumerate(categories):
        location = f"categories[{index}]"
        if not _check_shape(item, location, CATEGORY_KEYS, CATEGORY_REQUIRED, problems):
            continue
        _check_model(_category_from(item), location, [], {}, problems)
        if item["slug"] in category_slugs:
            problems.append(
                f"{location}.slug: duplicate slug {item['slug']!r} "
                f"(also categories[{category_slugs[item['slug']]}])"
            )
        category_slugs.setdefault(item["slug"], index)

    known_categories = set(category_slugs) | set(Category.objects.values_list("slug", flat=True))
    tool_slugs = {}
    for index, item in enumerate(tools):
        location = f"tools[{index}]"
        if not _check_shape(item, location, TOOL_KEYS, TOOL_REQUIRED, problems):
            continue
        _check_model(_tool_from(item), location, ["category"], TOOL_FIELD_NAMES, problems)
        if item["category"] not in known_categories:
            problems.append(f"{location}.category: unknown category {item['category']!r}")
        if item["slug"] in tool_slugs:
            problems.append(
                f"{location}.slug: duplicate slug {item['slug']!r} "
                f"(also tools[{tool_slugs[item['slug']]}])"
            )
        tool_slugs.setdefault(item["slug"], index)
        problems.extend(_review_problems(item.get("reviews", []), location))
    known_tools = set(tool_slugs) | set(Tool.objects.values_list("slug", flat=True))
    problems.extend(_featured_problems(featured, known_tools))
    return problems


def _featured_problems(featured, known_tools) -> list[str]:
    problems = []
    pairs = {}
    for index, item in enumerate(featured):
        location = f"featured[{index}]"
        if not _check_shape(item, location, FEATURED_KEYS, FEATURED_REQUIRED, problems):
            continue
        _check_model(
            FeaturedComparison(note=item.get("note", "")),
            location,
            ["left", "right"],
            {},
            problems,
        )
        for side in ("left", "right"):
            if item[side] not in known_tools:
                problems.append(f"{location}.{side}: unknown tool {item[side]!r}")
        if item["left"] == item["right"]:
            problems.append(f"{location}: a featured comparison needs two different tools")
        pair = frozenset((item["left"], item["right"]))
        if pair in pairs:
            problems.append(f"{location}: duplicate pair (also featured[{pairs[pair]}])")
        pairs.setdefault(pair, index)
    return problems


def _review_problems(reviews, tool_location) -> list[str]:
    problems = []
    personas = {}
    for index, item in enumerate(reviews):
        location = f"{tool_location}.reviews[{index}]"
        if not _check_shape(item, location, REVIEW_KEYS, set(REVIEW_KEYS), problems):
            continue
        _check_model(PanelReview(**_known(item, REVIEW_KEYS)), location, ["tool"], {}, problems)
        persona = item["persona"]
        if persona in personas:
            problems.append(
                f"{location}.persona: duplicate persona {persona!r} "
                f"(also reviews[{personas[persona]}])"
            )
        personas.setdefault(persona, index)
    return problems


def _apply(instance_class, lookup, values) -> str:
    """Create or update one row by its lookup; 'created', 'updated' or 'unchanged'."""
    instance = instance_class.objects.filter(**lookup).first()
    if instance is None:
        instance_class.objects.create(**lookup, **values)
        return "created"
    return _update_changed(instance, values)


def _update_changed(instance, values) -> str:
    """Save only the fields whose values differ; 'updated' or 'unchanged'."""
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(instance, name, value)
    instance.save(
        update_fields=[*changed, *(["updated_at"] if hasattr(instance, "updated_at") else [])]
    )
    return "updated"


def _replace_panel(tool, reviews) -> bool:
    """Make `reviews` the tool's complete panel, touching only rows that differ."""
    wanted = {item["persona"]: item for item in reviews}
    changed = False
    for review in tool.panel_reviews.all():
        if review.persona not in wanted:
            review.delete()
            changed = True
    for persona, item in wanted.items():
        values = {key: item[key] for key in ("score", "verdict", "take")}
        outcome = _apply(PanelReview, {"tool": tool, "persona": persona}, values)
        changed = changed or outcome != "unchanged"
    return changed


@transaction.atomic
def catalog_import(*, document) -> ImportReport:
    """Import a whole catalog document, or raise CatalogError and change nothing."""
    problems = catalog_validate(document)
    if problems:
        raise CatalogError(problems)
    # Each take is saved or deleted one by one, so its history records every
    # change, marked as the import's.
    with take_changes_from(TakeSource.IMPORT):
        return _catalog_write(document)


def _catalog_write(document) -> ImportReport:
    report = ImportReport()
    for item in document.get("categories", []):
        values = {k: v for k, v in _category_values(item).items() if k != "slug"}
        outcome = _apply(Category, {"slug": item["slug"]}, values)
        getattr(report, outcome).append(f"category {item['slug']}")

    categories = {category.slug: category for category in Category.objects.all()}
    for item in document.get("tools", []):
        instance = _tool_from(item)
        values = {
            # As the model holds them (the day as a date, not its ISO text), so
            # an unchanged value compares equal.
            name: Tool._meta.get_field(name).to_python(getattr(instance, name))
            for name in (
                "name",
                "tagline",
                "description",
                "pricing",
                "entry",
                "pricing_verified_on",
                "website",
                "is_published",
            )
        }
        values["category"] = categories[item["category"]]
        outcome = _apply(Tool, {"slug": item["slug"]}, values)
        if "reviews" in item:
            tool = Tool.objects.get(slug=item["slug"])
            panel_changed = _replace_panel(tool, item["reviews"])
            if panel_changed and outcome == "unchanged":
                outcome = "updated"
                tool.save(update_fields=["updated_at"])
        getattr(report, outcome).append(f"tool {item['slug']}")
    _import_featured(document.get("featured", []), report)
    return report


def _import_featured(featured, report):
    """Feature each pair in the file's order, whichever way round it was featured before."""
    if not featured:
        return
    tools = {
        tool.slug: tool
        for tool in Tool.objects.filter(
            slug__in={item[side] for item in featured for side in ("left", "right")}
        )
    }
    for position, item in enumerate(featured):
        left, right = tools[item["left"]], tools[item["right"]]
        existing = FeaturedComparison.objects.filter(
            Q(left=left, right=right) | Q(left=right, right=left)
        ).first()
        values = {"left": left, "right": right, "note": item.get("note", ""), "position": position}
        name = f"featured {item['left']}-vs-{item['right']}"
        if existing is None:
            FeaturedComparison.objects.create(**values)
            report.created.append(name)
        else:
            getattr(report, _update_changed(existing, values)).append(name)


def catalog_export() -> dict:
    """Every category and tool, in the import format; importing it gives the same catalog."""
    categories = [
        _without_empty(
            {"slug": c.slug, "name": c.name, "description": c.description}, "description"
        )
        for c in Category.objects.order_by("slug")
    ]
    tools = []
    for tool in Tool.objects.with_panel().order_by("slug"):
        document = _without_empty(
            {
                "slug": tool.slug,
                "name": tool.name,
                "category": tool.category.slug,
                "tagline": tool.tagline,
                "description": tool.description,
                "pricing": tool.pricing,
                "entry": tool.entry,
                "website": tool.website,
            },
            "website",
        )
        if tool.pricing_verified_on:
            document["pricing_verified_on"] = tool.pricing_verified_on.isoformat()
        document["published"] = tool.is_published
        document["reviews"] = [
            {"persona": r.persona, "score": r.score, "verdict": r.verdict, "take": r.take}
            for r in tool.panel_reviews.all()
        ]
        tools.append(document)
    featured = [
        _without_empty(
            {"left": pair.left.slug, "right": pair.right.slug, "note": pair.note}, "note"
        )
        for pair in FeaturedComparison.objects.select_related("left", "right")
    ]
    return {"categories": categories, "tools": tools, "featured": featured}


def catalog_dumps(document) -> str:
    """The document as the text export_catalog writes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _without_empty(values: dict, optional_key: str) -> dict:
    # Optional text left empty is written as absent, as a hand-written file would.
    if values[optional_key] == "":
        del values[optional_key]
    return values
