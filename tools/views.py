import hashlib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from plumbing.badges import BadgeEmbed, badge_response, embed_not_found, embeddable
from plumbing.drafts import can_preview_drafts
from plumbing.meta import PageMeta
from plumbing.pagecache import catalog_cached, catalog_version, public_page, query_free
from plumbing.pairs import comparison_path
from plumbing.share_image import SHARE_IMAGE_SECONDS, share_image_meta, share_image_response
from plumbing.structured_data import graph
from tools import selectors, share
from tools.models import Category, EntryTier
from tools.structured_data import software_application

SEARCH_MAX_LENGTH = 100


class DirectoryForm(forms.Form):
    """The directory's filters, read from the query string.

    An unknown value is an error on its field; the directory then ignores that
    field and says so, instead of failing.
    """

    q = forms.CharField(label="Search", required=False)
    category = forms.ChoiceField(label="Category", required=False)
    entry = forms.ChoiceField(
        label="Entry tier", required=False, choices=[("", "Any tier"), *EntryTier.choices]
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=selectors.DirectorySort.CHOICES
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", "All categories"),
            *((category.slug, category.name) for category in categories),
        ]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:SEARCH_MAX_LENGTH]

    def filters(self) -> selectors.DirectoryFilters:
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name, "") for name in ("q", "category", "entry", "sort")
        }
        return selectors.DirectoryFilters(
            query=values["q"],
            category=values["category"],
            entry=values["entry"],
            sort=values["sort"],
        )


def directory_meta(filters, *, categories, page) -> PageMeta:
    """A title and description naming the filters, sort and page, so each view has its own."""
    category_names = {category.slug: category.name for category in categories}
    parts = []
    if filters.category:
        parts.append(category_names[filters.category])
    if filters.entry:
        parts.append(EntryTier(filters.entry).label.lower())
    scope = f" ({', '.join(parts)})" if parts else ""
    search = f" matching “{filters.query}”" if filters.query else ""
    if filters.sort:
        search += f", by {dict(selectors.DirectorySort.CHOICES)[filters.sort].lower()}"
    page_note = f", page {page.number} of {page.paginator.num_pages}" if page.number > 1 else ""
    return PageMeta(
        title=(
            f"AI tools{scope}{search}{page_note} · {settings.SITE_NAME}"
            if filters.active or page_note
            else f"All AI tools, ranked by the panel · {settings.SITE_NAME}"
        ),
        description=(
            f"{page.paginator.count} AI tools{scope}{search}, with the panel's ship or skip "
            "verdict, average score and how many of the five reviewers weighed in."
            if filters.active
            else "Every AI tool our five-persona panel has reviewed: search by name or use, "
            "filter by category and entry tier, sort by ship percentage or average score."
        ),
        canonical_path=reverse("tools:directory"),
    )


@require_safe
@vary_on_headers("HX-Request")
@public_page
def directory(request):
    # What the directory shows is the catalog's alone (no community numbers):
    # its categories, results and title are kept per catalog version, and the
    # tools are only loaded to render a listing not yet cached.
    version = catalog_version()
    categories = catalog_cached(
        "directory-categories", selectors.directory_categories_list, version=version
    )
    form = DirectoryForm(request.GET, categories=categories)
    filters = form.filters()
    page_number = request.GET.get("page")
    page = SimpleLazyObject(
        lambda: selectors.tool_directory_page(filters=filters, page_number=page_number)
    )
    params = filters.as_params()
    # Names this listing in cache keys, whatever the reader typed.
    listing = hashlib.sha256(urlencode({**params, "page": page_number or ""}).encode()).hexdigest()

    def address():
        # This view's address with only the fields in use: the form sends them all.
        shown = {**params, "page": page.number} if page.number > 1 else params
        return f"{request.path}?{urlencode(shown)}" if shown else request.path

    partial = bool(request.htmx and not request.htmx.history_restore_request)
    by_votes = filters.sort == selectors.DirectorySort.VOTES
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "page_params": urlencode(params),
        "clean_path": SimpleLazyObject(address),
        "listing": listing,
        "partial": partial,
        "meta": catalog_cached(
            f"directory-meta:{listing}",
            lambda: directory_meta(filters, categories=categories, page=page),
            version=version,
        ),
        "catalog_version": version,
        # Votes reorder this listing without a new catalog version: it is rendered every time
        # (a lifetime of 0 keeps nothing), and the page cache alone bounds its lag.
        "by_votes": by_votes,
        "results_seconds": 0 if by_votes else settings.FRAGMENT_CACHE_SECONDS,
        # Filtered views are for readers; search engines get the one full directory.
        "robots": "noindex, follow" if request.GET else "",
    }
    template = "tools/directory.html#results" if partial else "tools/directory.html"
    response = render(request, template, context)
    if partial:
        response["HX-Push-Url"] = str(context["clean_path"])
        # New cards arrive with plain bookmark links; the panel swaps in live buttons.
        response["HX-Trigger-After-Settle"] = "bookmarks-refresh"
    return response


@require_safe
@public_page
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    # A large category pages its leaderboard, so a page renders a bounded number of rows.
    page = Paginator(
        selectors.category_leaderboard_list(category=category), selectors.LEADERBOARD_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    ranked = [tool for tool in page.object_list if tool.take_count] if page.number == 1 else []
    context = {
        "category": category,
        "page": page,
        "tools": page.object_list,
        "rank_offset": page.start_index() - 1 if page.object_list else 0,
        "top_pair_path": (
            comparison_path(ranked[0].slug, ranked[1].slug) if len(ranked) > 1 else None
        ),
        "top_pair": ranked[:2],
        "meta": PageMeta(
            title=f"{category.name}: AI tools ranked by the panel · {settings.SITE_NAME}"
            + (f" (page {page.number})" if page.number > 1 else ""),
            description=(
                f"The {page.paginator.count} {category.name} tools our five reviewers have "
                "looked at, ranked by panel ship percentage and average score."
                + (f" {category.description}" if category.description else "")
            ),
            canonical_path=request.path + (f"?page={page.number}" if page.number > 1 else ""),
        ),
    }
    return render(request, "tools/category_detail.html", context)


@require_safe
@public_page
def tool_detail(request, slug):
    # Editors preview drafts; readers only ever see published tools.
    tool = selectors.tool_get(slug=slug, include_drafts=can_preview_drafts(request))
    if tool is None:
        raise Http404("No such tool.")
    # The page is one cached fragment keyed by the tool's version and the catalog's
    # (the tools to compare it with): its takes and links load only to render it.
    page = SimpleLazyObject(lambda: selectors.tool_page_build(tool))
    counts = tool.panel_counts
    context = {
        "tool": tool,
        "page": page,
        "community": tool.community,
        "history": SimpleLazyObject(lambda: selectors.tool_history_get(tool=tool)),
        "catalog_version": catalog_version(),
        # A callable: the template calls it only when its fragment is missing.
        "structured_data": lambda: graph(
            software_application(
                page.tool,
                url=request.build_absolute_uri(tool.get_absolute_url()),
                community=page.community,
            )
        ),
        "meta": PageMeta(
            title=f"{tool.name}: panel verdict, pricing and reviews",
            description=(
                f"{tool.name} ({tool.category.name}): {tool.tagline.rstrip('.')}. "
                f"Panel verdict {counts.verdict_label} from {counts.reviewers_label}; "
                f"pricing: {tool.pricing}."
            ),
            og_type="article",
            image=_share_image_meta(request, tool) if tool.is_published else None,
        ),
        # Drafts have no badge nor image: both answer only for published tools.
        "badge_embed": _badge_embed(request, tool) if tool.is_published else None,
        "robots": "" if tool.is_published else "noindex",
    }
    return render(request, "tools/tool_detail.html", context)


@require_safe
@public_page
def alternatives(request, slug):
    page = selectors.alternatives_page_get(slug=slug)
    if page is None:
        raise Http404("No such tool.")
    tool = page.tool
    context = {
        "page": page,
        "tool": tool,
        "meta": PageMeta(
            title=f"Alternatives to {tool.name}, ranked by the panel · {settings.SITE_NAME}",
            description=(
                ngettext(
                    "%(count)d other tool in %(category)s instead of %(tool)s",
                    "%(count)d other tools in %(category)s instead of %(tool)s",
                    page.count,
                )
                % {"count": page.count, "category": tool.category.name, "tool": tool.name}
                + ", ranked by the panel's ship share and score, each a side-by-side comparison."
                if page.count
                else f"{tool.name} is alone in {tool.category.name} so far."
            ),
        ),
        # A page of one or two alternatives is thin: readers may use it, search engines skip it.
        "robots": "" if page.indexable else "noindex",
    }
    return render(request, "tools/alternatives.html", context)


def _share_image_meta(request, tool):
    url = request.build_absolute_uri(reverse("tools:share_image", args=[tool.slug]))
    return share_image_meta(share.tool_share_card(tool), url=url)


def _badge_embed(request, tool) -> BadgeEmbed:
    """The tool page's embed snippet and its preview: the badge as it is served now."""
    page_url = request.build_absolute_uri(tool.get_absolute_url())
    path = reverse("tools:badge", args=[tool.slug])
    return BadgeEmbed(
        badge=share.tool_badge(tool, href=page_url),
        path=path,
        url=request.build_absolute_uri(path),
        page_url=page_url,
        alt=f"{settings.SITE_NAME}: panel verdict on {tool.name}",
    )


@require_safe
@query_free
@embeddable
@public_page
def tool_badge(request, slug):
    """The tool's live badge (SVG) for other sites to embed, linking to its page."""
    tool = selectors.shared_tool_get(slug=slug)
    if tool is None:
        return embed_not_found("tool")
    href = request.build_absolute_uri(tool.get_absolute_url())
    return badge_response(share.tool_badge(tool, href=href))


@require_safe
@public_page(seconds=SHARE_IMAGE_SECONDS)
def tool_share_image(request, slug):
    """The tool page's Open Graph image (PNG), drawn once for each version of what it shows."""
    tool = selectors.shared_tool_get(slug=slug)
    if tool is None:
        return embed_not_found("tool")
    return share_image_response(request, share.tool_share_card(tool))


@require_safe
@public_page
def tool_history(request, slug):
    """Every recorded change to the tool's panel takes, newest first, a page at a time."""
    found = selectors.tool_history_page(
        slug=slug,
        page_number=request.GET.get("page"),
        include_drafts=can_preview_drafts(request),
    )
    if found is None:
        raise Http404("No such tool.")
    tool, page = found
    page_note = f" (page {page.number})" if page.number > 1 else ""
    context = {
        "tool": tool,
        "page": page,
        "meta": PageMeta(
            title=f"{tool.name}: the panel's verdict history{page_note} · {settings.SITE_NAME}",
            description=(
                f"Every change to the panel's takes on {tool.name}, newest first: takes "
                "added and removed, verdicts flipped between ship and skip, scores moved."
            ),
            canonical_path=request.path + (f"?page={page.number}" if page.number > 1 else ""),
        ),
        "robots": "" if tool.is_published else "noindex",
    }
    return render(request, "tools/tool_history.html", context)
