"""Embeddable badges: a row of coloured parts, laid out for templates/components/badge.svg.

Each part is measured in the shipped font (plumbing.typography) and the SVG
pins every text to that length (textLength), so a viewer whose font runs
wider or narrower still sees the text inside its part. A part longer than
MAX_PART_WIDTH is cut with an ellipsis.
"""

import math
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from plumbing.typography import text_width, truncate

HEIGHT = 20
FONT_SIZE = 11
PADDING = 6
MAX_PART_WIDTH = 220
# Background and text colour of each tone: the site's light palette
# (static/css/site.css), each pair at least 4.5:1.
TONES = {
    "label": ("#30343b", "#ffffff"),
    "ship": ("#14733a", "#ffffff"),
    "skip": ("#b42318", "#ffffff"),
    "split": ("#8a5a00", "#ffffff"),
    "none": ("#5a606b", "#ffffff"),
    "plain": ("#eef0f3", "#1b1d21"),
    "figure": ("#dfe1e5", "#1b1d21"),  # beside a plain part, told apart from it
}


@dataclass(frozen=True)
class BadgePart:
    """What one part says and its tone (a key of TONES)."""

    text: str
    tone: str = "plain"
    bold: bool = False


@dataclass(frozen=True)
class PlacedPart:
    text: str
    x: int
    width: int
    text_x: float  # the middle of the part: texts are centred
    text_length: float
    fill: str
    color: str
    bold: bool


@dataclass(frozen=True)
class Badge:
    """A laid-out badge: its parts in place, its size, what it says in one sentence
    (its title and accessible name) and the page it links to."""

    parts: tuple[PlacedPart, ...]
    width: int
    height: int
    label: str
    href: str
    font_size: int = FONT_SIZE

    @property
    def text_y(self) -> float:
        # The baseline that centres the font's capitals and lowercase in the row.
        return round(self.height / 2 + self.font_size * 0.36, 1)


def badge_layout(parts: list[BadgePart], *, label: str, href: str) -> Badge:
    """The parts side by side, each as wide as its text and its padding."""
    placed, x = [], 0
    for part in parts:
        text = truncate(part.text, MAX_PART_WIDTH, FONT_SIZE, bold=part.bold)
        length = round(text_width(text, FONT_SIZE, bold=part.bold), 1)
        width = math.ceil(length) + 2 * PADDING
        fill, color = TONES[part.tone]
        placed.append(
            PlacedPart(
                text=text,
                x=x,
                width=width,
                text_x=x + width / 2,
                text_length=length,
                fill=fill,
                color=color,
                bold=part.bold,
            )
        )
        x += width
    return Badge(parts=tuple(placed), width=x, height=HEIGHT, label=label, href=href)


@dataclass(frozen=True)
class BadgeEmbed:
    """What a page offers for embedding its badge: the badge (for a preview of its size),
    its path and absolute URL, the page it links to, and the alt text for the snippet.

    The alt text names what the badge is, not what it says, so an embedded snippet
    stays true after the verdict moves.
    """

    badge: Badge
    path: str
    url: str
    page_url: str
    alt: str


# Embedded with <object>, a badge is a document of its own: it loads nothing
# and runs nothing, and any site may embed it (no frame-ancestors, no X-Frame-Options).
EMBEDDABLE_CSP = {"default-src": [CSP.NONE]}
SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8"


def embeddable(view):
    """Let other sites embed the view's answers, which must load and run nothing."""
    return xframe_options_exempt(csp_override(EMBEDDABLE_CSP)(view))


def badge_response(badge: Badge) -> HttpResponse:
    """The badge as an SVG document (templates/components/badge.svg, autoescaped)."""
    return HttpResponse(
        render_to_string("components/badge.svg", {"badge": badge}), content_type=SVG_CONTENT_TYPE
    )


def embed_not_found(what: str) -> HttpResponseNotFound:
    """A plain 404 for a badge or image of a tool readers cannot see: no page to render,
    nothing an <img> could show, and as cheap to keep as to answer."""
    return HttpResponseNotFound(f"No such {what}.", content_type="text/plain; charset=utf-8")
