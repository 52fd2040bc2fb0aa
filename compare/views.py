from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from compare import selectors
from compare.forms import ComparePickerForm, lens_read
from newsletter.forms import sign_up_form_for
from plumbing.badges import badge_response, embed_not_found, embeddable
from plumbing.caching import private
from plumbing.drafts import can_preview_drafts
from plumbing.meta import PageMeta
from plumbing.pagecache import catalog_version, public_page, query_free
from plumbing.pairs import (
    canonical_comparison_path,
    comparison_path,
    is_slug,
    pair_name,
    pair_slugs,
)
from plumbing.share_image import SHARE_IMAGE_SECONDS, share_image_meta, share_image_response
from plumbing.structured_data import graph
from reports.forms import report_island
from reviews.personas import persona_profiles
from reviews.selectors import latest_takes_list
from tools.models import Category, Tool
from tools.pick import comparison_title_and_description
from tools.selectors import tool_search_list
from tools.share import pair_badge, pair_share_card
from tools.structured_data import software_application
from votes import selectors as votes_selectors
from votes.islands import bookmarks_island, island_page, pick_island, vote_island
from votes.visitors import visitor_get


@require_safe
@public_page
def home(request):
    context = {
        "featured": selectors.featured_comparisons_list(),
        "latest_takes": latest_takes_list(limit=6),
        # Most shipped: the site's one ranking order, tools with takes only.
        "top_tools": Tool.objects.published().with_panel().ranked().filter(take_count__gt=0)[:6],
        "categories": Category.objects.with_tool_counts(),
        "personas": persona_profiles(),
        "meta": PageMeta(
            title=f"{settings.SITE_NAME}: ship or skip, AI tools side by side",
            description="Five reviewers score every AI tool and say ship or skip; "
            "compare any two side by side, with pricing and the community's vote.",
        ),
    }
    return render(request, "compare/home.html", context)


@require_safe
@vary_on_headers("HX-Request")
@public_page
def picker(request):
    """Choose two tools; a valid choice goes straight to their compare page."""
    form = ComparePickerForm(request.GET or None)
    if form.is_valid():
        return redirect(comparison_path(form.cleaned_data["a"].slug, form.cleaned_data["b"].slug))
    context = {
        "form": form,
        "featured": selectors.featured_comparisons_list(limit=12),
        "meta": PageMeta(
            title=f"Compare two AI tools side by side · {settings.SITE_NAME}",
            description="Pick any two AI tools to see the panel's verdicts, "
            "scores, pricing and takes side by side.",
        ),
        # A failed choice is a page of its own; keep it out of search results.
        "robots": "noindex" if form.is_bound else "",
    }
    return render(request, "compare/picker.html", context)


@require_safe
@vary_on_headers("HX-Request")
@public_page
def tool_suggestions(request):
    """Autocomplete: published tools matching what the reader typed, as <option>s."""
    field = request.GET.get("field", "a")
    query = request.GET.get(field, "") if field in ("a", "b") else ""
    suggestions = tool_search_list(query[:80], limit=8)
    return render(request, "compare/picker.html#suggestions", {"suggestions": suggestions})


@require_safe
@vary_on_headers("HX-Request")
def comparison_detail(request, pair):
    """A compare page; through a reader's lens when its query names one (compare.forms.lens_read).

    Lens variants are one per set of weights and each is rare: they are never
    stored in the page cache (a shared cache may still keep one by its address),
    and their lens section is rendered afresh between the plain page's cached head
    and tail, so no lens is ever served the plain page or the plain page a lens.
    """
    reading = lens_read(request.GET)
    response = _comparison_page(request, pair, reading)
    if reading.asked:
        response.page_cache_seconds = None
    return response


@public_page
def _comparison_page(request, pair, reading):
    if pair != pair.lower():
        lowered = reverse("compare:detail", args=[pair.lower()])
        return redirect(reading.address(lowered), permanent=True)
    slugs = pair_slugs(pair)
    if slugs is None:
        return comparison_not_found(request, unknown=[pair])
    left, right = slugs
    if left == right:
        return redirect(reverse("tools:detail", args=[left]), permanent=True)
    # One address per lens: the weights form sends all five, and a lens has one spelling.
    # A query that needed a note keeps its address, so the page can say what it left out.
    partial = bool(reading.asked and request.htmx and not request.htmx.history_restore_request)
    address = reading.address(request.path)
    if reading.asked and not reading.notes and not partial and address != request.get_full_path():
        return redirect(address)
    tools = selectors.comparison_tools(
        left=left, right=right, include_drafts=can_preview_drafts(request)
    )
    if tools is None:
        known = selectors.tools_by_slug(slugs, include_drafts=can_preview_drafts(request))
        return comparison_not_found(
            request, unknown=[s for s in slugs if s not in known], pair=(slugs, known)
        )

    a, b = tools
    title, description = comparison_title_and_description(a, b)
    # The page is mostly cached fragments keyed by the two tools' versions:
    # the takes and the related tools are loaded only to render a missing one.
    comparison = SimpleLazyObject(lambda: selectors.comparison_build(a, b))
    is_draft = not (a.is_published and b.is_published)
    lens = reading.lens and selectors.comparison_lens(comparison, reading.lens)
    context = {
        "left": a,
        "right": b,
        "is_draft": is_draft,
        "comparison": comparison,
        "lens": lens,
        "lens_reading": reading,
        "partial": partial,
        "page_path": request.path,
        "related_pairs": SimpleLazyObject(lambda: selectors.related_pairs_list(comparison)),
        "catalog_version": catalog_version(),
        # A callable: the template calls it only when its fragment is missing.
        "structured_data": lambda: graph(
            *(
                software_application(
                    tool,
                    url=request.build_absolute_uri(tool.get_absolute_url()),
                    community=community,
                )
                # With their takes loaded, and the counters the fragment is keyed by.
                for tool, _panel, community in comparison.sides
            )
        ),
        "meta": PageMeta(
            title=title,
            description=description,
            canonical_path=canonical_comparison_path(a.slug, b.slug),
            image=None if is_draft else _share_image_meta(request, a, b),
        ),
        # A lens is a reader's view of the page the canonical link names.
        "robots": "noindex" if is_draft or reading.asked else "",
    }
    if partial:
        response = render(request, "compare/_lens.html#lens", context)
        response["HX-Push-Url"] = address
        return response
    return render(request, "compare/comparison_detail.html", context)


def _share_image_meta(request, a, b):
    # Like the canonical link, in the pair's alphabetical order.
    first, second = sorted((a, b), key=lambda tool: tool.slug)
    path = reverse("compare:share_image", args=[pair_name(first.slug, second.slug)])
    return share_image_meta(pair_share_card(first, second), url=request.build_absolute_uri(path))


def _published_pair(pair):
    """The two published tools a compare address names, in its order; None otherwise."""
    slugs = pair_slugs(pair)
    if slugs is None or slugs[0] == slugs[1]:
        return None
    return selectors.comparison_tools(left=slugs[0], right=slugs[1])


@require_safe
@query_free
@embeddable
@public_page
def comparison_badge(request, pair):
    """The pair's live badge (SVG), naming the panel's pick and linking to the compare page."""
    tools = _published_pair(pair)
    if tools is None:
        return embed_not_found("comparison")
    href = request.build_absolute_uri(comparison_path(tools[0].slug, tools[1].slug))
    return badge_response(pair_badge(*tools, href=href))


@require_safe
@public_page(seconds=SHARE_IMAGE_SECONDS)
def comparison_share_image(request, pair):
    """The compare page's Open Graph image (PNG), drawn once for each version of what it shows."""
    tools = _published_pair(pair)
    if tools is None:
        return embed_not_found("comparison")
    return share_image_response(request, pair_share_card(*tools))


def comparison_not_found(request, *, unknown, pair=None):
    """A 404 that helps: the closest tool names and the picker; for a compare
    address, `pair` (its slugs and the tools they found) gives the pair it most
    likely meant."""
    closest = {text: selectors.closest_tool_names(text) for text in unknown}
    context = {
        "suggestions": [tool for tools in closest.values() for tool in tools],
        "unknown": unknown,
        "corrected": pair and selectors.corrected_pair(*pair, closest),
        "meta": PageMeta(
            title=f"Comparison not found · {settings.SITE_NAME}",
            description="We could not find one of those tools.",
        ),
        "robots": "noindex",
    }
    return render(request, "404.html", context, status=404)


# A page shows at most this many vote widgets; more in a query are ignored.
MAX_VOTE_ISLANDS = 10


@require_safe
def islands(request):
    """Every per-visitor part of a page, in one request after the page loads.

    The page names its islands in the query (vote=<slug>, pick=<pair>,
    bookmarks=1 with tool=<slug> for each bookmark button, newsletter=1, report=<slug> for
    each tool a report form covers); each comes back as an out-of-band swap into its place,
    so the cached page stays the same for all.
    """
    visitor = visitor_get(request)
    page = island_page(request)
    slugs = [slug for slug in request.GET.getlist("vote")[:MAX_VOTE_ISLANDS] if is_slug(slug)]
    tools = votes_selectors.published_tools_get(slugs=slugs)
    current = votes_selectors.votes_of(visitor=visitor, tools=tools)
    on_compare = bool(request.GET.get("on_compare"))
    pair = pair_slugs(request.GET.get("pick", "").lower())
    found = pair and votes_selectors.published_pair_get(slugs=pair)
    pick = found and pick_island(left=found[0], right=found[1], visitor=visitor, next=page)
    context = {
        "votes": [
            vote_island(tool=tool, current=current.get(tool.pk), next=page, on_compare=on_compare)
            for tool in tools
        ],
        "pick": pick,
        "bookmarks": request.GET.get("bookmarks")
        and bookmarks_island(visitor=visitor, slugs=request.GET.getlist("tool"), next=page),
        "sign_up": sign_up_form_for(request) if request.GET.get("newsletter") else None,
        "report": "report" in request.GET and report_island(slugs=request.GET.getlist("report")),
    }
    return private(render(request, "compare/islands.html", context))


@require_safe
@public_page
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *"]
    # A custom admin address stays unnamed: robots.txt is public.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines += [f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def bad_request(request, exception):
    """The site's own 400 page (Django's handler400), rendered with the request like the 404."""
    if isinstance(exception, DisallowedHost):
        # The page's links are built from the Host header, which is the problem.
        return HttpResponseBadRequest(
            "Bad request: this server does not answer for that host name.",
            content_type="text/plain; charset=utf-8",
        )
    context = {
        "meta": PageMeta(
            title=f"Bad request · {settings.SITE_NAME}",
            description="The address or the form held something no page here can take.",
        ),
        "robots": "noindex",
    }
    return render(request, "400.html", context, status=400)
