"""The shipped fonts, text fitted to a width, badge layout and the share image's drawing."""

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from PIL import Image

from plumbing import share_image
from plumbing.badges import MAX_PART_WIDTH, PADDING, BadgePart, badge_layout
from plumbing.share_image import (
    HEIGHT,
    TONES,
    WIDTH,
    CardSide,
    ShareCard,
    share_card_png,
    share_card_png_cached,
    share_image_meta,
)
from plumbing.typography import BOLD, FONT_DIR, REGULAR, fit, text_width, truncate, wrap

ROOT = Path(__file__).resolve().parents[2]


def test_the_fonts_and_their_licence_are_in_the_repository():
    assert FONT_DIR == ROOT / "plumbing" / "fonts"
    for path in (REGULAR, BOLD):
        assert path.stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE").read_text()
    assert "Bitstream" in licence
    assert "Permission is hereby granted" in licence


def test_bold_runs_wider_and_widths_add_up():
    assert text_width("Patchwright", 20, bold=True) > text_width("Patchwright", 20)
    assert text_width("ab", 20) == pytest.approx(text_width("a", 20) + text_width("b", 20), 0.05)


def test_truncate_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis():
    assert truncate("Patchwright", 500, 20) == "Patchwright"
    cut = truncate("An extraordinarily long tool name for the tests", 200, 20)
    assert cut.endswith("…")
    assert text_width(cut, 20) <= 200
    # At a space near the end rather than through a word.
    assert cut == "An extraordinarily…"


def test_truncate_cuts_a_single_long_word_where_it_must():
    cut = truncate("Supercalifragilisticexpialidocious", 100, 20)
    assert cut.endswith("…")
    assert text_width(cut, 20) <= 100
    assert len(cut) > 3


def test_fit_takes_the_largest_size_that_fits_then_truncates_at_the_smallest():
    assert fit("Moorhen", 600, range(96, 47, -4), bold=True) == ("Moorhen", 96)
    text, size = fit("A name a little too long", 1000, range(96, 47, -4), bold=True)
    assert text == "A name a little too long"
    assert 48 <= size < 96
    assert text_width(text, size, bold=True) <= 1000
    text, size = fit("x " * 200, 500, range(96, 47, -4), bold=True)
    assert size == 48
    assert text.endswith("…")


def test_wrap_breaks_a_long_name_over_two_lines_before_it_shrinks_or_cuts():
    lines, size = wrap("Patchwright for teams", 2000, range(96, 55, -4), bold=True)
    assert (lines, size) == (["Patchwright for teams"], 96)
    name = "Echoquill with a really long name that needs two lines"
    lines, size = wrap(name, 1020, range(96, 55, -4), bold=True)
    assert len(lines) == 2
    assert " ".join(lines) == name
    assert all(text_width(line, size, bold=True) <= 1020 for line in lines)
    lines, size = wrap("word " * 80, 1020, range(96, 55, -4), bold=True)
    assert (len(lines), size) == (2, 56)
    assert lines[-1].endswith("…")
    assert all(text_width(line, size, bold=True) <= 1020 for line in lines)


# Badges


def test_badge_parts_sit_side_by_side_each_as_wide_as_its_text():
    badge = badge_layout(
        [BadgePart("Patchwright", "label"), BadgePart("Ship · 75%", "ship", bold=True)],
        label="AI Tool Verdicts: Patchwright, Ship · 75%.",
        href="https://verdicts.example/tools/patchwright/",
    )
    first, second = badge.parts
    assert (first.x, second.x) == (0, first.width)
    assert badge.width == first.width + second.width
    assert first.width == pytest.approx(first.text_length + 2 * PADDING, abs=1)
    assert second.text_x == second.x + second.width / 2
    assert (second.fill, second.color) == ("#14733a", "#ffffff")
    assert badge.height == 20


def test_a_badge_part_longer_than_the_limit_is_cut():
    badge = badge_layout([BadgePart("Name " * 40, "label")], label="", href="/")
    part = badge.parts[0]
    assert part.text.endswith("…")
    assert part.text_length <= MAX_PART_WIDTH


# Share images


def card(**changes) -> ShareCard:
    fields = {
        "site_name": "AI Tool Verdicts",
        "eyebrow": "Developer tools",
        "sides": (
            CardSide("Patchwright", "Ship · 75%", "ship", ("Average score 82/100", "4 of 5")),
        ),
    }
    return ShareCard(**{**fields, **changes})


def drawn(share_card: ShareCard) -> Image.Image:
    return Image.open(io.BytesIO(share_card_png(share_card)))


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {colour for _, colour in image.getcolors(maxcolors=1_000_000)}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[index : index + 2], 16) for index in (1, 3, 5))


def test_a_card_is_drawn_as_a_1200_by_630_rgb_png():
    image = drawn(card())
    assert (image.format, image.size, image.mode) == ("PNG", (WIDTH, HEIGHT), "RGB")
    assert (WIDTH, HEIGHT) == (1200, 630)


@pytest.mark.parametrize("tone", ["ship", "skip", "split", "none"])
def test_the_verdict_is_drawn_in_its_tone(tone):
    side = CardSide("Patchwright", "Verdict", tone, ("Average score 82/100",))
    found = colours(drawn(card(sides=(side,))))
    text, background = TONES[tone]
    assert rgb(text) in found
    assert rgb(background) in found


def test_a_pair_card_draws_both_sides_and_the_pick():
    pair = card(
        eyebrow="Head to head",
        sides=(
            CardSide("Patchwright", "Ship · 75%", "ship", ("Average score 82/100", "4 of 5")),
            CardSide("Moorhen", "Skip · 20% ship", "skip", ("Average score 41/100", "5 of 5")),
        ),
        conclusion="The panel's pick: Patchwright",
        conclusion_tone="ship",
    )
    image = drawn(pair)
    assert image.size == (1200, 630)
    found = colours(image)
    assert {rgb(TONES["ship"][1]), rgb(TONES["skip"][1])} <= found


@pytest.mark.parametrize("sides", [1, 2])
def test_long_names_stay_inside_the_card(sides):
    long_side = CardSide("W" * 80, "Ship · 75%", "ship", ("x" * 200, "y" * 200))
    image = drawn(card(sides=(long_side,) * sides, conclusion="z" * 200))
    # Nothing is drawn in the margin right of the text area but the card's surface.
    strip = image.crop((WIDTH - 88, 60, WIDTH - 44, HEIGHT - 100))
    assert colours(strip) == {rgb(share_image.SURFACE)}


def test_the_version_follows_what_is_drawn():
    assert card().version == card().version
    assert len(card().version) == 12
    renamed = card(sides=(CardSide("Patchwrite", "Ship · 75%", "ship"),))
    assert renamed.version != card().version
    assert card(site_name="Other site").version != card().version


def test_the_version_follows_the_drawing_too(monkeypatch):
    before = card().version
    monkeypatch.setattr(share_image, "DRAWING_VERSION", "next")
    assert card().version != before


def test_each_version_is_drawn_once(monkeypatch):
    calls = []
    original = share_image.share_card_png
    monkeypatch.setattr(
        share_image, "share_card_png", lambda share_card: calls.append(1) or original(share_card)
    )
    first = share_card_png_cached(card())
    assert share_card_png_cached(card()) == first
    assert len(calls) == 1
    assert cache.get(f"share-image:{card().version}") == first
    share_card_png_cached(card(eyebrow="Writing"))
    assert len(calls) == 2


def test_the_meta_names_the_version_and_says_what_the_picture_shows():
    image = share_image_meta(card(), url="https://verdicts.example/tools/patchwright/share.png")
    assert image.url == f"https://verdicts.example/tools/patchwright/share.png?v={card().version}"
    assert (image.width, image.height, image.content_type) == (1200, 630, "image/png")
    assert image.alt == "AI Tool Verdicts: Patchwright: Ship · 75%."
