from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from compare.seo import PageMeta
from compare.structured_data import graph, software_application
from reviews.personas import persona_profiles
from tools import selectors
from tools.drafts import can_preview_drafts
from tools.models import Category, Tool
from votes.selectors import community_summary


@require_GET
@vary_on_headers("HX-Request")
def directory(request):
    categories = list(Category.objects.order_by("name"))
    form = selectors.DirectoryForm(request.GET, categories=categories)
    form.is_valid()
    query = form.value("q").strip()
    tools = selectors.tool_directory_list(
        query=query,
        category=form.value("category"),
        entry=form.value("entry"),
        sort=form.value("sort"),
    )
    # get_page() turns a bad or out-of-range page number into a real page.
    page = Paginator(tools, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filters_active": any(form.value(name) for name in ("q", "category", "entry", "sort")),
        "page_params": params.urlencode(),
        "meta": PageMeta(
            title=f"All AI tools, ranked by the panel · {settings.SITE_NAME}",
            description="Search and filter every AI tool the panel has reviewed, "
            "by category and entry tier, and sort by ship percentage or score.",
            canonical_path=request.path,
        ),
        "robots": "noindex" if request.GET else "",
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "tools/directory.html#results" if partial else "tools/directory.html"
    response = render(request, template, context)
    if partial:
        # New cards arrive with plain bookmark links; the panel swaps in live buttons.
        response["HX-Trigger-After-Settle"] = "bookmarks-refresh"
    return response


@require_GET
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    tools = selectors.category_leaderboard(category)
    context = {
        "category": category,
        "tools": tools,
        "meta": PageMeta(
            title=f"Best {category.name} AI tools, ranked by the panel",
            description=category.description
            or f"{category.name}: every tool the panel reviewed, ranked by ship percentage.",
        ),
    }
    return render(request, "tools/category_detail.html", context)


@require_GET
def tool_detail(request, slug):
    tools = Tool.objects.with_panel().select_related("tally")
    # Editors preview drafts; readers only ever see published tools.
    if not can_preview_drafts(request):
        tools = tools.published()
    tool = get_object_or_404(tools, slug=slug)
    reviews = {review.persona: review for review in tool.panel_reviews.all()}
    panel = tool.panel
    context = {
        "tool": tool,
        "panel": panel,
        "community": community_summary(tool),
        "scorecard": [(profile, reviews.get(profile.persona)) for profile in persona_profiles()],
        "compare_with": selectors.compare_candidates_list(tool),
        "structured_data": graph(
            software_application(tool, url=request.build_absolute_uri(tool.get_absolute_url()))
        ),
        "meta": PageMeta(
            title=f"{tool.name}: panel verdict, pricing and reviews",
            description=f"{tool.name}, best for: {tool.tagline}. "
            f"Panel verdict: {panel.verdict_label} ({panel.reviewers_label}).",
            og_type="article",
        ),
        "robots": "" if tool.is_published else "noindex",
    }
    return render(request, "tools/tool_detail.html", context)
