"""The compare-URL rule: how a pair of tools becomes /compare/<a>-vs-<b>/, and back."""

import re

from django.urls import reverse

# "-vs-" separates the two slugs of a compare URL, so no tool slug may contain it.
COMPARE_SEPARATOR = "-vs-"
# What a tool slug looks like: lowercase letters, digits and single hyphens.
SLUG_FORMAT = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_FORMAT)


def is_slug(text: str) -> bool:
    """Whether the text could be a tool's slug (and so a part of a URL)."""
    return bool(_SLUG.match(text))


def comparison_path(left_slug: str, right_slug: str) -> str:
    """The compare page for two tools, in the reader's order."""
    return reverse("compare:detail", args=[pair_name(left_slug, right_slug)])


def canonical_comparison_path(left_slug: str, right_slug: str) -> str:
    """The one URL search engines should index for a pair: slugs in alphabetical order."""
    return comparison_path(*sorted((left_slug, right_slug)))


def pair_name(left_slug: str, right_slug: str) -> str:
    """“a-vs-b”: the pair as it appears in URLs."""
    return f"{left_slug}{COMPARE_SEPARATOR}{right_slug}"


def pair_slugs(pair: str) -> tuple[str, str] | None:
    """“a-vs-b” → ("a", "b"); None when the text is not two slugs joined by “-vs-”.

    Slugs never contain “-vs-”, so the split is unambiguous.
    """
    parts = pair.split(COMPARE_SEPARATOR)
    if len(parts) != 2 or not all(is_slug(part) for part in parts):
        return None
    return parts[0], parts[1]
