"""The per-visitor islands: vote, head-to-head pick and bookmarks.

Each URL answers htmx with the island alone and a plain browser with a small
page holding the same form; a plain POST redirects back to where the reader
was. Responses are private and never stored: they depend on the visitor.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from compare.pairs import pair_split as slugs_of_pair
from compare.seo import PageMeta
from tools.models import Tool
from votes import selectors, services
from votes.ratelimit import over_limit
from votes.visitors import visitor_get, visitor_remember

VOTE_CHOICES = {"ship", "skip", "withdraw"}


def private(response):
    """Per-visitor responses: never cached, and different for htmx and plain requests."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["HX-Request"])
    return response


def back_to(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def problem(request, status: int, message: str):
    """A clear 4xx: the message alone for htmx, a small page otherwise."""
    context = {
        "message": message,
        "status": status,
        "meta": PageMeta(title=message, description=message),
    }
    template = "votes/problem.html#message" if request.htmx else "votes/problem.html"
    return private(render(request, template, context, status=status))


def too_many(request):
    return problem(
        request, 429, "Too many votes from here just now. Please try again in a few minutes."
    )


def published_tool(slug: str) -> Tool:
    return get_object_or_404(Tool.objects.published().select_related("tally"), slug=slug)


def go_back(request, fallback: str, new_visitor):
    """After a plain (no-JS) POST: back to the page the reader came from."""
    return finish(request, redirect(back_to(request, fallback)), new_visitor)


def finish(request, response, new_visitor):
    if new_visitor is not None:
        visitor_remember(response, new_visitor)
    return private(response)


@require_http_methods(["GET", "POST"])
def tool_vote(request, slug):
    tool = published_tool(slug)
    visitor = visitor_get(request)
    new_visitor = None
    if request.method == "POST":
        choice = request.POST.get("vote")
        if choice not in VOTE_CHOICES:
            return problem(request, 400, "Choose ship or skip.")
        if visitor is None:
            visitor = new_visitor = services.visitor_new()
        if over_limit(request, action="vote", visitor=visitor):
            return too_many(request)
        if choice == "withdraw":
            services.vote_withdraw(visitor=visitor, tool=tool)
        else:
            services.vote_cast(visitor=visitor, tool=tool, value=choice)
        if not request.htmx:
            return finish(
                request, redirect(back_to(request, tool.get_absolute_url())), new_visitor
            )
        tool = published_tool(slug)
    context = {
        "tool": tool,
        "community": selectors.community_summary(tool),
        "current": selectors.vote_of(visitor=visitor, tool=tool),
        "next": back_to(request, tool.get_absolute_url()),
        # On a compare page the island also refreshes the card and table cells.
        "on_compare": request.POST.get("on_compare") or request.GET.get("on_compare"),
        "meta": PageMeta(title=f"Vote on {tool.name}", description=f"Ship or skip {tool.name}?"),
    }
    template = "votes/tool_vote.html#widget" if request.htmx else "votes/tool_vote.html"
    return finish(request, render(request, template, context), new_visitor)


@require_http_methods(["GET", "POST"])
def pair_pick(request, pair):
    slugs = slugs_of_pair(pair.lower())
    if slugs is None or slugs[0] == slugs[1]:
        return problem(request, 404, "There is no such comparison.")
    tools = {tool.slug: tool for tool in Tool.objects.published().filter(slug__in=slugs)}
    if len(tools) != 2:
        return problem(request, 404, "There is no such comparison.")
    left, right = tools[slugs[0]], tools[slugs[1]]
    compare_url = f"/compare/{left.slug}-vs-{right.slug}/"
    visitor = visitor_get(request)
    new_visitor = None
    if request.method == "POST":
        chosen = tools.get(request.POST.get("pick", ""))
        if chosen is None:
            return problem(request, 400, f"Pick {left.name} or {right.name}.")
        if visitor is None:
            visitor = new_visitor = services.visitor_new()
        if over_limit(request, action="pick", visitor=visitor):
            return too_many(request)
        services.pick_cast(visitor=visitor, left=left, right=right, chosen=chosen)
        if not request.htmx:
            return go_back(request, compare_url, new_visitor)
    context = {
        "left": left,
        "right": right,
        "split": selectors.pair_split(left, right),
        "picked": selectors.pick_of(visitor=visitor, left=left, right=right),
        "next": back_to(request, compare_url),
        "meta": PageMeta(
            title=f"{left.name} or {right.name}?",
            description=f"Which would you ship with: {left.name} or {right.name}?",
        ),
    }
    template = "votes/pair_pick.html#widget" if request.htmx else "votes/pair_pick.html"
    return finish(request, render(request, template, context), new_visitor)


@require_http_methods(["GET", "POST"])
def bookmark_toggle(request, slug):
    tool = published_tool(slug)
    visitor = visitor_get(request)
    new_visitor = None
    if request.method == "POST":
        wanted = request.POST.get("bookmark")
        if wanted not in ("on", "off"):
            return problem(request, 400, "Choose to bookmark or to remove the bookmark.")
        if visitor is None:
            visitor = new_visitor = services.visitor_new()
        if over_limit(request, action="bookmark", visitor=visitor):
            return too_many(request)
        services.bookmark_set(visitor=visitor, tool=tool, bookmarked=wanted == "on")
        if not request.htmx:
            return finish(
                request, redirect(back_to(request, tool.get_absolute_url())), new_visitor
            )
    bookmarked = bool(selectors.bookmarked_slugs(visitor=visitor, slugs=[tool.slug]))
    context = {
        "tool": tool,
        "bookmarked": bookmarked,
        "next": back_to(request, tool.get_absolute_url()),
        # After a toggle the panel on the page follows.
        "bookmarks": selectors.bookmarks_list(visitor=visitor)
        if request.method == "POST"
        else None,
        "meta": PageMeta(
            title=f"Bookmark {tool.name}", description=f"Save {tool.name} for later."
        ),
    }
    template = (
        "votes/bookmark_toggle.html#toggled" if request.htmx else "votes/bookmark_toggle.html"
    )
    return finish(request, render(request, template, context), new_visitor)


@require_GET
def bookmarks_panel(request):
    """The bookmarks panel, plus a live toggle for each tool the page shows (?tool=slug…)."""
    visitor = visitor_get(request)
    slugs = request.GET.getlist("tool")[:200]
    bookmarks = selectors.bookmarks_list(visitor=visitor)
    marked = selectors.bookmarked_slugs(visitor=visitor, slugs=slugs)
    toggles = [(slug, slug in marked) for slug in dict.fromkeys(slugs)]
    # Plain-form fallbacks in the toggles lead back to the page that asked.
    page = (request.htmx and request.htmx.current_url_abs_path) or "/"
    context = {"bookmarks": bookmarks, "toggles": toggles, "next": back_to(request, page)}
    return private(render(request, "votes/bookmarks_panel.html", context))


@require_GET
def bookmarks_page(request):
    bookmarks = selectors.bookmarks_list(visitor=visitor_get(request))
    context = {
        "bookmarks": bookmarks,
        "meta": PageMeta(title="Your bookmarks", description="The AI tools you saved for later."),
        "robots": "noindex",
    }
    return private(render(request, "votes/bookmarks.html", context))
