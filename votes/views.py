"""The per-visitor islands: vote, head-to-head pick and bookmarks.

Each URL answers htmx with the island alone and a plain browser with a small
page holding the same form. A plain vote or pick redirects to that page, which
says what the reader chose and links back to where they were (the public page
they came from is cached for everyone, so it cannot); a plain bookmark goes
straight back. Responses are private and never stored: they depend on the visitor.
"""

from dataclasses import dataclass
from urllib.parse import quote
from uuid import UUID

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from plumbing.caching import private
from plumbing.meta import PageMeta
from plumbing.pairs import comparison_path, pair_slugs
from plumbing.ratelimit import over_limit
from verdicts.vocabulary import Verdict
from votes import selectors, services
from votes.islands import back_to, bookmarks_island, island_page, pick_island, vote_island
from votes.visitors import visitor_for_first_write, visitor_get, visitor_remember

WITHDRAW = "withdraw"
VOTE_CHOICES = {*Verdict.values, WITHDRAW}


def problem(request, status: int, message: str):
    """A clear 4xx: the message alone for htmx, a small page otherwise."""
    context = {
        "message": message,
        "status": status,
        "meta": PageMeta(title=message, description=message),
    }
    template = "votes/problem.html#message" if request.htmx else "votes/problem.html"
    return private(render(request, template, context, status=status))


def published_tool(slug: str):
    tool = selectors.published_tool_get(slug=slug)
    if tool is None:
        raise Http404("No such tool.")
    return tool


def finish(response, new_visitor: UUID | None):
    """Remember a visitor made by this request, and keep the response private."""
    if new_visitor is not None:
        visitor_remember(response, new_visitor)
    return private(response)


@dataclass(frozen=True)
class Written:
    """What a visitor's write left: who wrote, whether the visitor is new, and any answer."""

    visitor: UUID
    new_visitor: UUID | None
    # Set when the request is answered already: over the limit, or a plain POST's redirect.
    response: object | None = None


# On an island's own page after a plain POST: the reader just took their vote or pick back.
TAKEN_BACK = "taken_back"


def own_page(request, fallback: str, *, taken_back: bool = False) -> str:
    """This island's own page, still leading back to the page the reader came from."""
    address = f"{request.path}?next={quote(back_to(request, fallback), safe='/')}"
    return f"{address}&{TAKEN_BACK}=1" if taken_back else address


def taken_back_shown(request) -> bool:
    """Whether the page should say a vote or pick was just taken back (no-JS redirect)."""
    return request.method != "POST" and request.GET.get(TAKEN_BACK) == "1"


def visitor_write(
    request,
    *,
    action: str,
    write,
    fallback: str,
    new_visitor_scope: str = "",
    plain_answer: str | None = None,
) -> Written:
    """The write views' shared steps, after the input is checked.

    Find or make the visitor, apply the rate limit for `action`, run
    `write(visitor)`, and redirect a plain (no-JS) POST to `plain_answer`, or
    else back where the reader was (`next`, or `fallback`).
    With `new_visitor_scope` (a tool), writes by visitors without a cookie
    also count against the "<action>-new-visitor" limit for that scope: the
    cap on what dropping the cookie can add from one address.
    """
    visitor = visitor_get(request)
    new_visitor, made_here = None, False
    if visitor is None:
        visitor, made_here = visitor_for_first_write(request)
        new_visitor = visitor
    if over_limit(request, action=action, visitor=visitor):
        message = "Too many votes from here just now. Please try again in a few minutes."
        return Written(visitor, new_visitor, problem(request, 429, message))
    # Racing first writes that reuse one new id are one visitor: counted once.
    if (
        made_here
        and new_visitor_scope
        and over_limit(request, action=f"{action}-new-visitor", scope=new_visitor_scope)
    ):
        message = "Too many new votes on this tool from here today. Please try again tomorrow."
        return Written(visitor, new_visitor, problem(request, 429, message))
    write(visitor)
    if not request.htmx:
        redirect = HttpResponseRedirect(plain_answer or back_to(request, fallback))
        return Written(visitor, new_visitor, finish(redirect, new_visitor))
    return Written(visitor, new_visitor)


@require_http_methods(["GET", "HEAD", "POST"])
def tool_vote(request, slug):
    tool = published_tool(slug)
    visitor, new_visitor = visitor_get(request), None
    withdrawn = False
    if request.method == "POST":
        choice = request.POST.get("vote")
        if choice not in VOTE_CHOICES:
            return problem(request, 400, "Choose ship or skip.")

        withdrawn = choice == WITHDRAW

        def write(visitor):
            if withdrawn:
                services.vote_withdraw(visitor=visitor, tool=tool)
            else:
                services.vote_cast(visitor=visitor, tool=tool, value=choice)

        written = visitor_write(
            request,
            action="vote",
            write=write,
            fallback=tool.get_absolute_url(),
            new_visitor_scope=str(tool.pk),
            plain_answer=own_page(request, tool.get_absolute_url(), taken_back=withdrawn),
        )
        if written.response is not None:
            return written.response
        visitor, new_visitor = written.visitor, written.new_visitor
        current = None if withdrawn else choice
        # The counters just moved (other readers' votes too): read them again.
        tool.tally = selectors.tally_get(tool=tool)
    else:
        current = selectors.vote_of(visitor=visitor, tool=tool)
        withdrawn = current is None and taken_back_shown(request)
    context = vote_island(
        tool=tool,
        current=current,
        next=back_to(request, tool.get_absolute_url()),
        on_compare=bool(request.POST.get("on_compare") or request.GET.get("on_compare")),
        # The page htmx is on, not `next`: on the vote page `next` is the tool page.
        page=(request.htmx and request.htmx.current_url_abs_path) or request.path,
        withdrawn=withdrawn,
    )
    context["meta"] = PageMeta(
        title=f"Vote on {tool.name}", description=f"Ship or skip {tool.name}?"
    )
    template = "votes/tool_vote.html#widget" if request.htmx else "votes/tool_vote.html"
    return finish(render(request, template, context), new_visitor)


@require_http_methods(["GET", "HEAD", "POST"])
def pair_pick(request, pair):
    slugs = pair_slugs(pair.lower())
    tools = selectors.published_pair_get(slugs=slugs) if slugs else None
    if tools is None:
        return problem(request, 404, "There is no such comparison.")
    left, right = tools
    compare_path = comparison_path(left.slug, right.slug)
    visitor, new_visitor = visitor_get(request), None
    withdrawn = False
    if request.method == "POST":
        choice = request.POST.get("pick", "")
        chosen = {left.slug: left, right.slug: right}.get(choice)
        if chosen is None and choice != WITHDRAW:
            return problem(request, 400, f"Pick {left.name} or {right.name}.")

        def write(visitor):
            if chosen is None:
                services.pick_withdraw(visitor=visitor, left=left, right=right)
            else:
                services.pick_cast(visitor=visitor, left=left, right=right, chosen=chosen)

        withdrawn = chosen is None
        written = visitor_write(
            request,
            action="pick",
            write=write,
            fallback=compare_path,
            plain_answer=own_page(request, compare_path, taken_back=withdrawn),
        )
        if written.response is not None:
            return written.response
        visitor, new_visitor = written.visitor, written.new_visitor
    else:
        withdrawn = taken_back_shown(request)
    context = pick_island(
        left=left,
        right=right,
        visitor=visitor,
        next=back_to(request, compare_path),
        withdrawn=withdrawn,
    )
    context["meta"] = PageMeta(
        title=f"{left.name} or {right.name}?",
        description=f"Which would you ship with: {left.name} or {right.name}?",
    )
    template = "votes/pair_pick.html#widget" if request.htmx else "votes/pair_pick.html"
    return finish(render(request, template, context), new_visitor)


@require_http_methods(["GET", "HEAD", "POST"])
def bookmark_toggle(request, slug):
    tool = published_tool(slug)
    visitor, new_visitor = visitor_get(request), None
    if request.method == "POST":
        wanted = request.POST.get("bookmark")
        if wanted not in ("on", "off"):
            return problem(request, 400, "Choose to bookmark or to remove the bookmark.")
        written = visitor_write(
            request,
            action="bookmark",
            write=lambda visitor: services.bookmark_set(
                visitor=visitor, tool=tool, bookmarked=wanted == "on"
            ),
            fallback=tool.get_absolute_url(),
        )
        if written.response is not None:
            return written.response
        visitor, new_visitor = written.visitor, written.new_visitor
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
    return finish(render(request, template, context), new_visitor)


@require_safe
def bookmarks_panel(request):
    """The bookmarks panel, plus a live toggle for each tool the page shows (?tool=slug…)."""
    context = bookmarks_island(
        visitor=visitor_get(request),
        slugs=request.GET.getlist("tool"),
        next=island_page(request),
    )
    return private(render(request, "votes/bookmarks_panel.html", context))


@require_safe
def bookmarks_page(request):
    bookmarks = selectors.bookmarks_list(visitor=visitor_get(request))
    context = {
        "bookmarks": bookmarks,
        "meta": PageMeta(title="Your bookmarks", description="The AI tools you saved for later."),
        "robots": "noindex",
    }
    return private(render(request, "votes/bookmarks.html", context))
