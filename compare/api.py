"""The site for programs and language models: a pair's JSON, /llms.txt and the format doc.

Each is read-only, cached, rate-limited and open to every origin (plumbing.api).
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from compare import selectors
from compare.payloads import comparison_document, comparison_json_path
from plumbing.api import json_answer, json_problem, machine_endpoint
from plumbing.pairs import comparison_path, pair_slugs
from reviews.personas import persona_profiles
from tools.models import Category, Tool
from verdicts.community import EARLY_VOTES

# llms.txt names this many of the most shipped tools; /tools.json lists them all.
LLMS_TOOLS = 50
LLMS_PAIRS = 12
LLMS_CATEGORIES = 50
FORMAT_DOC = settings.BASE_DIR / "docs" / "machine-readable.md"


@machine_endpoint(action="machine-read")
def comparison_json(request, pair):
    """A pair's verdicts; the addresses the page redirects, this redirects alike."""
    if pair != pair.lower():
        return redirect(reverse("compare:json", args=[pair.lower()]), permanent=True)
    slugs = pair_slugs(pair)
    if slugs is None:
        return json_problem(404, "A comparison's address is /compare/<slug>-vs-<slug>.json.")
    left, right = slugs
    if left == right:
        return redirect(reverse("tools:json", args=[left]), permanent=True)
    comparison = selectors.comparison_get(left=left, right=right)
    if comparison is None:
        # Drafts read as unknown: nothing here tells a reader an unpublished tool exists.
        known = selectors.tools_by_slug(slugs)
        unknown = [slug for slug in slugs if slug not in known]
        named = " or ".join(f"“{slug}”" for slug in unknown)
        return json_problem(404, f"No published tool has the slug {named}.", unknown=unknown)
    return json_answer(comparison_document(comparison, absolute=request.build_absolute_uri))


def _link_text(text: str) -> str:
    """Text safe inside a Markdown link's brackets, on one line."""
    text = " ".join(text.split())
    for mark in ("\\", "[", "]"):
        text = text.replace(mark, f"\\{mark}")
    return text


def _link(title: str, path: str, note: str, absolute) -> str:
    return f"- [{_link_text(title)}]({absolute(path)}): {' '.join(note.split())}"


def llms_txt_text(*, absolute) -> str:
    """/llms.txt as llmstxt.org lays it out: a name, a summary, notes, then sections of links.

    Bounded whatever the catalog's size: the most shipped LLMS_TOOLS tools, the
    featured pairs and the first LLMS_CATEGORIES categories by name; /tools.json
    pages through every tool. Three or four queries.
    """
    site = settings.SITE_NAME
    top_tools = list(
        Tool.objects.published()
        .filter(take_count__gt=0)
        .select_related("category")
        .ranked()[:LLMS_TOOLS]
    )
    pairs = selectors.featured_comparisons_list(limit=LLMS_PAIRS).pairs
    categories = list(Category.objects.with_tool_counts().order_by("name")[:LLMS_CATEGORIES])
    lines = [
        f"# {site}",
        "",
        f"> {site} compares AI tools side by side. An editorial panel of five personas scores "
        "each tool from 0 to 100 and says ship or skip; readers vote ship or skip too. "
        "Every tool and every pair of tools is also served as versioned JSON.",
        "",
        "- The panel is the site's editorial panel: five personas (Builder, Skeptic, Founder, "
        "Futurist, Creator) written by its editors, not individual people.",
        "- A panel verdict is Ship when more than half of its takes ship, Skip when fewer, "
        "Split at exactly half; percentages and average scores round halves up.",
        "- Community numbers come from readers' votes only; a share from fewer than "
        f"{EARLY_VOTES} votes is marked early.",
        "- A compare page is /compare/<a>-vs-<b>/ and its JSON /compare/<a>-vs-<b>.json; "
        "a tool page is /tools/<slug>/ and its JSON /tools/<slug>.json.",
        "",
        "## The panel and its method",
        _link(
            "How we review",
            reverse("reviews:how_we_review"),
            "how the personas score, what ship and skip mean, how shares round, corrections",
            absolute,
        ),
        _link(
            "The panel", reverse("reviews:panel"), "the five personas and their takes", absolute
        ),
        *(
            _link(
                profile.name,
                reverse("reviews:persona", args=[profile.persona.value]),
                profile.lens,
                absolute,
            )
            for profile in persona_profiles()
        ),
        "",
        "## Machine-readable verdicts",
        _link(
            "The JSON formats",
            reverse("machine_readable"),
            "every field of the tool, comparison and index formats, and how versions change",
            absolute,
        ),
        _link(
            "Every published tool",
            reverse("tools:index_json"),
            "a paged JSON index, by slug, each tool with the address of its JSON",
            absolute,
        ),
        "",
        "## Most shipped tools",
        *(
            _link(
                tool.name,
                tool.get_absolute_url(),
                f"{tool.category.name}; panel {tool.panel_counts.verdict_label}; "
                f"JSON: {absolute(reverse('tools:json', args=[tool.slug]))}",
                absolute,
            )
            for tool in top_tools
        ),
    ]
    if pairs:
        lines += [
            "",
            "## Comparisons",
            *(
                _link(
                    f"{pair.left.name} vs {pair.right.name}",
                    comparison_path(pair.left.slug, pair.right.slug),
                    f"JSON: {absolute(comparison_json_path(pair.left.slug, pair.right.slug))}",
                    absolute,
                )
                for pair in pairs
            ),
        ]
    lines += [
        "",
        "## Optional",
        _link(
            "All tools", reverse("tools:directory"), "the directory, ranked by the panel", absolute
        ),
        *(
            _link(
                category.name,
                reverse("tools:category", args=[category.slug]),
                f"leaderboard of {category.tool_count} tools",
                absolute,
            )
            for category in categories
        ),
        _link(
            "Newest verdicts", reverse("reviews:feed"), "Atom feed of the newest takes", absolute
        ),
        _link(
            "Panel changes",
            reverse("reviews:changes_feed"),
            "Atom feed of every take added, changed or removed; each tool has its own at "
            "/tools/<slug>/changes.atom",
            absolute,
        ),
        _link("Sitemap", reverse("sitemap"), "every public page", absolute),
        "",
    ]
    return "\n".join(lines)


@machine_endpoint(action="machine-read")
def llms_txt(request):
    text = llms_txt_text(absolute=request.build_absolute_uri)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@machine_endpoint(action="machine-read", seconds=60 * 60)
def machine_readable_doc(request):
    """docs/machine-readable.md as it is in the repository: one text for readers and programs."""
    return HttpResponse(FORMAT_DOC.read_text(), content_type="text/markdown; charset=utf-8")
