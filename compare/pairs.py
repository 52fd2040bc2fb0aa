"""How a pair of tools becomes a compare URL, and back."""

from django.urls import reverse

from tools.models import COMPARE_SEPARATOR


def comparison_path(left_slug: str, right_slug: str) -> str:
    """The compare page for two tools, in the reader's order."""
    return reverse("compare:detail", args=[f"{left_slug}{COMPARE_SEPARATOR}{right_slug}"])


def canonical_comparison_path(left_slug: str, right_slug: str) -> str:
    """The one URL search engines should index for a pair: slugs in alphabetical order."""
    return comparison_path(*sorted((left_slug, right_slug)))


def pair_split(pair: str) -> tuple[str, str] | None:
    """“a-vs-b” → ("a", "b"); None when the text is not two slugs joined by “-vs-”.

    Slugs never contain “-vs-”, so the split is unambiguous.
    """
    parts = pair.split(COMPARE_SEPARATOR)
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]
