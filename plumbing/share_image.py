"""Share images: the 1200 by 630 PNG a link preview shows, drawn with Pillow from plain data.

A `ShareCard` holds what the picture says (the site, a line above the names,
one tool or two, each with its verdict, and a closing line such as the pick);
`share_card_png` draws it in the shipped fonts. The picture is a function of
the card alone, so the card's `version` (a hash of it and of the drawing's
own version) names it: pages put it in their og:image address, and
`share_card_png_cached` draws each version once for every process.
"""

import hashlib
import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from PIL import Image, ImageDraw

from plumbing.meta import SocialImage
from plumbing.typography import fit, font, text_width, truncate, wrap

WIDTH, HEIGHT = 1200, 630
# How long CDNs and the page cache keep an image at one address: link previews
# keep theirs long anyway, and pages name each version in the address.
SHARE_IMAGE_SECONDS = 60 * 60
# Bump when the drawing changes, so every cached picture is drawn again.
DRAWING_VERSION = "1"

BACKGROUND = "#f7f7f5"
SURFACE = "#ffffff"
TEXT = "#1b1d21"
MUTED = "#5a606b"
BORDER = "#dfe1e5"
# Text and background of each verdict tone: the site's light palette (static/css/site.css).
TONES = {
    "ship": ("#14733a", "#e3f4e9"),
    "skip": ("#b42318", "#fdeceb"),
    "split": ("#8a5a00", "#fff3d6"),
    "none": ("#5a606b", "#eef0f3"),
}
# The symbol beside the words, as the site's verdict badges have it.
SYMBOLS = {"ship": "✓", "skip": "✗", "split": "½"}

MARGIN = 90  # from the picture's edge to the text
CONTENT_WIDTH = WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class CardSide:
    """One tool on a card: its name, its verdict in words and tone, and a few facts."""

    name: str
    verdict: str  # "Ship · 75%", "No panel verdict yet"
    tone: str = "none"  # a key of TONES
    details: tuple[str, ...] = ()  # "Average score 82/100", "4 of 5 reviewers"


@dataclass(frozen=True)
class ShareCard:
    site_name: str
    eyebrow: str  # the line above the names: a category, "Head to head"
    sides: tuple[CardSide, ...]  # one tool, or two side by side
    conclusion: str = ""  # the closing line: the pick
    conclusion_tone: str = "none"

    @property
    def version(self) -> str:
        """Changes whenever anything drawn changes: the og:image address carries it."""
        return hashlib.sha256(repr((DRAWING_VERSION, self)).encode()).hexdigest()[:12]


def _line_height(size: int) -> int:
    return round(size * 1.2)


def _pill(draw, xy, side: CardSide, size: int, max_width: float) -> int:
    """The verdict in its tone's colours, from its top-left corner; returns where it ends."""
    color, background = TONES[side.tone]
    symbol = SYMBOLS.get(side.tone)
    padding_x, padding_y = round(size * 0.55), round(size * 0.3)
    text = truncate(
        f"{symbol} {side.verdict}" if symbol else side.verdict,
        max_width - 2 * padding_x,
        size,
        bold=True,
    )
    x, y = xy
    width = text_width(text, size, bold=True) + 2 * padding_x
    height = _line_height(size) + 2 * padding_y
    draw.rounded_rectangle((x, y, x + width, y + height), radius=height // 2, fill=background)
    draw.text((x + padding_x, y + padding_y), text, font=font(size, bold=True), fill=color)
    return y + height


def _lines(draw, xy, lines, size: int, *, bold: bool = False, fill=TEXT) -> int:
    """Lines of text from the top-left corner; returns where they end."""
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=font(size, bold=bold), fill=fill)
        y += _line_height(size)
    return y


def _draw_header(draw, card: ShareCard) -> int:
    mark = "✓✗ "
    draw.text((MARGIN, 74), mark, font=font(34, bold=True), fill=TONES["ship"][0])
    offset = text_width(mark, 34, bold=True)
    site = truncate(card.site_name, CONTENT_WIDTH - offset, 34, bold=True)
    draw.text((MARGIN + offset, 74), site, font=font(34, bold=True), fill=TEXT)
    eyebrow = truncate(card.eyebrow.upper(), CONTENT_WIDTH, 26)
    return _lines(draw, (MARGIN, 140), [eyebrow], 26, fill=MUTED) + 12


def _draw_one(draw, side: CardSide, top: int) -> None:
    # A long name takes two lines, then a smaller size, then an ellipsis.
    names, size = wrap(side.name, CONTENT_WIDTH, range(96, 55, -4), bold=True)
    y = _lines(draw, (MARGIN, top), names, size, bold=True) + 24
    y = _pill(draw, (MARGIN, y), side, 48, CONTENT_WIDTH) + 30
    details = truncate(" · ".join(side.details), CONTENT_WIDTH, 32)
    _lines(draw, (MARGIN, y), [details], 32, fill=MUTED)


def _draw_two(draw, card: ShareCard, top: int) -> None:
    gap = 80
    column = (CONTENT_WIDTH - gap) // 2
    sides = card.sides[:2]
    # Both names at one size and both verdicts on one line, so the columns read across.
    wrapped = [wrap(side.name, column, range(56, 31, -4), bold=True) for side in sides]
    size = min(size for _, size in wrapped)
    names = [wrap(side.name, column, (size,), bold=True)[0] for side in sides]
    pill_top = top + max(len(lines) for lines in names) * _line_height(size) + 14
    bottom = top
    for index, side in enumerate(sides):
        x = MARGIN + index * (column + gap)
        _lines(draw, (x, top), names[index], size, bold=True)
        y = _pill(draw, (x, pill_top), side, 34, column) + 16
        details = [truncate(detail, column, 26) for detail in side.details[:2]]
        bottom = max(bottom, _lines(draw, (x, y), details, 26, fill=MUTED))
    middle = MARGIN + column + gap // 2
    draw.line((middle, top, middle, bottom), fill=BORDER, width=2)
    draw.rectangle(
        (middle - 24, (top + bottom) // 2 - 20, middle + 24, (top + bottom) // 2 + 20),
        fill=SURFACE,
    )
    draw.text(
        (middle, (top + bottom) // 2), "vs", font=font(26, bold=True), fill=MUTED, anchor="mm"
    )
    if card.conclusion:
        text, size = fit(card.conclusion, CONTENT_WIDTH, range(42, 27, -2), bold=True)
        _lines(
            draw,
            (MARGIN, bottom + 26),
            [text],
            size,
            bold=True,
            fill=TONES[card.conclusion_tone][0],
        )


def share_card_png(card: ShareCard) -> bytes:
    """The card drawn as a WIDTH by HEIGHT PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (40, 40, WIDTH - 40, HEIGHT - 40), radius=28, fill=SURFACE, outline=BORDER, width=2
    )
    top = _draw_header(draw, card)
    if len(card.sides) == 1:
        _draw_one(draw, card.sides[0], top)
    else:
        _draw_two(draw, card, top)
    # A band in the verdict's colour (the pick's for a pair) along the foot.
    tone = card.sides[0].tone if len(card.sides) == 1 else card.conclusion_tone
    draw.rounded_rectangle(
        (MARGIN, HEIGHT - 84, WIDTH - MARGIN, HEIGHT - 74), radius=5, fill=TONES[tone][0]
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def share_card_png_cached(card: ShareCard) -> bytes:
    """The card's PNG, drawn once per version for every process (Django's cache)."""
    return cache.get_or_set(
        f"share-image:{card.version}",
        lambda: share_card_png(card),
        timeout=settings.FRAGMENT_CACHE_SECONDS,
    )


def share_image_response(request, card: ShareCard) -> HttpResponse:
    """The card's PNG at its own address: the bare one or `?v=` its version.

    Any other query, an old version included, redirects (302, never kept) to
    the current version, so made-up versions cannot each be kept in the page
    cache, and an old link preview's address still finds today's picture.
    """
    if request.META.get("QUERY_STRING") and list(request.GET.lists()) != [("v", [card.version])]:
        return HttpResponseRedirect(f"{request.path}?{urlencode({'v': card.version})}")
    return HttpResponse(share_card_png_cached(card), content_type="image/png")


def share_image_meta(card: ShareCard, *, url: str) -> SocialImage:
    """The page's og:image: the image's absolute `url` with the card's version, so link
    previews and CDNs fetch a new picture once what it shows changes."""
    sides = "; ".join(f"{side.name}: {side.verdict}" for side in card.sides)
    conclusion = f" {card.conclusion}." if card.conclusion else ""
    return SocialImage(
        url=f"{url}?{urlencode({'v': card.version})}",
        alt=f"{card.site_name}: {sides}.{conclusion}",
        width=WIDTH,
        height=HEIGHT,
    )
