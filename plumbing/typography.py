"""The fonts shipped in plumbing/fonts/ (DejaVu Sans, regular and bold), and text measured in them.

The share images are drawn in these fonts, and the badges are laid out by
their widths: DejaVu Sans comes from Bitstream Vera, whose widths are close to
Verdana's, the font badges are usually shown in. They are read from the
repository, never from the system, so every machine draws the same pictures.
"""

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
ELLIPSIS = "…"


@lru_cache(maxsize=64)
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The shipped font at `size` pixels, loaded once per process."""
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def text_width(text: str, size: int, *, bold: bool = False) -> float:
    """How wide `text` runs, in pixels, at `size` pixels."""
    return font(size, bold=bold).getlength(text)


def truncate(text: str, max_width: float, size: int, *, bold: bool = False) -> str:
    """`text` as it is if it fits `max_width`, else cut at a word where one is near, with “…”."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    # The longest start that fits with the ellipsis, found by halving.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, size, bold=bold) <= max_width:
            low = middle
        else:
            high = middle - 1
    cut = text[:low].rstrip()
    # A cut through a word reads worse than one a few letters earlier at a space.
    space = cut.rfind(" ")
    if space >= len(cut) * 2 // 3:
        cut = cut[:space].rstrip()
    return cut + ELLIPSIS


def fit(
    text: str, max_width: float, sizes: range | tuple[int, ...], *, bold: bool = False
) -> tuple[str, int]:
    """The largest of `sizes` (largest first) at which `text` fits `max_width`; at the
    smallest, the text truncated to fit."""
    sizes = tuple(sizes)
    for size in sizes:
        if text_width(text, size, bold=bold) <= max_width:
            return text, size
    smallest = sizes[-1]
    return truncate(text, max_width, smallest, bold=bold), smallest


def wrap(
    text: str,
    max_width: float,
    sizes: range | tuple[int, ...],
    *,
    max_lines: int = 2,
    bold: bool = False,
) -> tuple[list[str], int]:
    """`text` broken at spaces into at most `max_lines` lines of `max_width`, at the largest
    of `sizes` (largest first) where it fits; at the smallest, the last line truncated."""
    sizes = tuple(sizes)
    for size in sizes:
        lines = _lines(text, max_width, size, bold=bold)
        if len(lines) <= max_lines and all(
            text_width(line, size, bold=bold) <= max_width for line in lines
        ):
            return lines, size
    smallest = sizes[-1]
    lines = _lines(text, max_width, smallest, bold=bold)
    kept = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [truncate(line, max_width, smallest, bold=bold) for line in kept], smallest


def _lines(text: str, max_width: float, size: int, *, bold: bool) -> list[str]:
    """Words filled greedily into lines no wider than `max_width` (a longer word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold=bold) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
