"""What each per-visitor island shows.

Shared by each island's own URL (votes/views.py: the htmx refresh after a
write, and the small page a browser without JavaScript gets) and by the one
request a page makes for all of its islands (compare/views.py `islands`).
"""

from urllib.parse import urlsplit
from uuid import UUID

from django.utils.http import url_has_allowed_host_and_scheme

from plumbing.pairs import is_slug, pair_name
from tools.models import Tool
from votes import selectors

# A page shows at most this many bookmark buttons; more in a query are ignored.
MAX_BOOKMARK_SLOTS = 200


def back_to(request, fallback: str) -> str:
    """The page to return to: the form's `next` if it is a path on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def island_page(request) -> str:
    """The page an island sits on: where its plain-form fallbacks lead back to."""
    return back_to(request, (request.htmx and request.htmx.current_url_abs_path) or "/")


def vote_island(
    *,
    tool: Tool,
    current: str | None,
    next: str,
    on_compare: bool,
    page: str | None = None,
    withdrawn: bool = False,
) -> dict:
    """The vote widget on one tool (tool loaded with_community()).

    `page` is the page the widget sits on (by default `next`, as for a page's
    island request); `withdrawn` says the visitor has just taken their vote back.
    """
    # On a compare page the widget also refreshes the card and table cells, on
    # the tool's own page the header's numbers: only places that page has.
    return {
        "tool": tool,
        "community": tool.community,
        "current": current,
        "withdrawn": withdrawn,
        "next": next,
        "on_compare": on_compare,
        "on_tool_page": urlsplit(next if page is None else page).path == tool.get_absolute_url(),
    }


def pick_island(
    *, left: Tool, right: Tool, visitor: UUID | None, next: str, withdrawn: bool = False
) -> dict:
    """The head-to-head pick on a pair, in the page's order (two queries)."""
    return {
        "left": left,
        "right": right,
        "pair": pair_name(left.slug, right.slug),
        "split": selectors.pick_split_get(left=left, right=right),
        "picked": selectors.pick_of(visitor=visitor, left=left, right=right),
        "withdrawn": withdrawn,
        "next": next,
    }


def bookmarks_island(*, visitor: UUID | None, slugs: list[str], next: str) -> dict:
    """The bookmarks panel, and a live toggle for each bookmark slot the page shows."""
    # A slug that no tool could have cannot be bookmarked: leave it out.
    slugs = list(dict.fromkeys(slug for slug in slugs[:MAX_BOOKMARK_SLOTS] if is_slug(slug)))
    marked = selectors.bookmarked_slugs(visitor=visitor, slugs=slugs)
    return {
        "bookmarks": selectors.bookmarks_list(visitor=visitor),
        "toggles": [(slug, slug in marked) for slug in slugs],
        "next": next,
    }
