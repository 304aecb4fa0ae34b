"""Text in any script made ready for reportlab: shaped, wrapped, reordered, split by font.

reportlab draws code points left to right with one font per call and does no shaping; its own
right-to-left path needs rlbidi, which is not on PyPI. So the steps are ours, in this order:

1. shape Arabic in logical order with arabic-reshaper (joined letter forms and the lam-alef
   ligatures as Unicode presentation forms, which Noto Naskh Arabic maps to glyphs; harakat are
   dropped, as the reshaper does by default, because without GPOS they cannot be placed well);
2. break the paragraph into lines in logical order, measuring with the fonts that will draw it;
3. reorder EACH LINE on its own with the Unicode bidi algorithm (python-bidi), with the
   paragraph's direction as the base, so a wrapped Arabic paragraph reads right to left on every
   line and Latin words and numbers inside it keep their left-to-right order, and brackets and
   quotes at a right-to-left level are drawn mirrored (rule L4, see mirroring.py);
4. split the visual line into runs by script, so Latin falls back to Noto Sans and Arabic to
   Noto Naskh inside one line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import arabic_reshaper
from reportlab.pdfbase.pdfmetrics import stringWidth

from free2link_desktop.reports import mirroring
from free2link_desktop.reports.fonts import covering_family, family_font, scaled_size

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_RTL_CLASSES = frozenset({"R", "AL"})
_reshaper = arabic_reshaper.ArabicReshaper()


def is_arabic(char: str) -> bool:
    code_point = ord(char)
    return any(low <= code_point <= high for low, high in _ARABIC_RANGES)


def has_arabic(text: str) -> bool:
    return any(is_arabic(char) for char in text)


def has_rtl(text: str) -> bool:
    """True if `text` holds any right-to-left letter (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def base_direction(text: str, default: str = "ltr") -> str:
    """'rtl' or 'ltr' from the first strong character (bidi rules P2, P3), else `default`."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def clean(text: str) -> str:
    """Tabs to spaces, other control characters out (they have no glyph and no width)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def shape(text: str) -> str:
    """Arabic letters to their joined presentation forms, in logical order."""
    return str(_reshaper.reshape(text)) if has_arabic(text) else text


@lru_cache(maxsize=8192)
def _strong_family(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if is_arabic(char) or kind in _RTL_CLASSES or kind == "AN":
        return "arabic"
    if kind == "L":
        return "sans"
    return None


def _families(text: str) -> list[str]:
    """The script family ('sans' or 'arabic') that draws each character of `text`."""
    strong = [_strong_family(char) for char in text]
    current = next((family for family in strong if family), "sans")
    families: list[str] = []
    for char, family in zip(text, strong, strict=True):
        if family is not None:
            current = family
        families.append(covering_family(ord(char), current))
    return families


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split `text` into (substring, font name) runs by script.

    Neutral characters (spaces, punctuation, European digits) keep the font of the character
    before them (or after them at the start) so a run is not broken needlessly, as long as that
    font has a glyph for them.
    """
    if not text:
        return []
    families = _families(text)
    runs: list[tuple[str, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or families[index] != families[start]:
            runs.append((text[start:index], family_font(families[start], bold)))
            start = index
    return runs


def run_width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, scaled_size(font, size)))


@lru_cache(maxsize=8192)
def char_width(char: str, font: str, size: float) -> float:
    """Cached per character only: no cache here ever holds a person's text."""
    return run_width(char, font, size)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of shaped text as it will be drawn."""
    return sum(run_width(run, font, size) for run, font in font_runs(text, bold))


def _tokens(joined: str, prefix: list[float], width: float) -> list[tuple[int, int]]:
    """(start, end) of each word of `joined`, words wider than `width` cut into pieces."""
    tokens: list[tuple[int, int]] = []
    start = 0
    for word in joined.split(" "):
        end = start + len(word)
        piece = start
        for index in range(start + 1, end + 1):
            if index > piece + 1 and prefix[index] - prefix[piece] > width:
                tokens.append((piece, index - 1))
                piece = index - 1
        tokens.append((piece, end))
        start = end + 1
    return tokens


def wrap_logical(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """Shape, then break into lines no wider than `width`, still in logical order.

    Hard line breaks in the text are kept; an empty line stays an empty line. Widths add up
    character by character (reportlab does not kern), so each paragraph is measured once; a
    line close to the limit is measured again whole, because a space or a digit at its start
    may be drawn in another font than in the middle of the paragraph.
    """
    lines: list[str] = []
    for paragraph in shape(clean(text)).split("\n"):
        joined = " ".join(paragraph.split())
        if not joined:
            lines.append("")
            continue
        fonts = [family_font(family, bold) for family in _families(joined)]
        prefix = [0.0]
        for char, font in zip(joined, fonts, strict=True):
            prefix.append(prefix[-1] + char_width(char, font, size))
        tokens = _tokens(joined, prefix, width)
        first = 0
        for index in range(1, len(tokens) + 1):
            if index < len(tokens):
                start, end = tokens[first][0], tokens[index][1]
                estimate = prefix[end] - prefix[start]
                fits = estimate <= width - size
                if not fits and estimate <= width + size:
                    fits = text_width(joined[start:end], size, bold) <= width
                if fits:
                    continue
            lines.append(joined[tokens[first][0] : tokens[index - 1][1]])
            first = index
    return tuple(lines)


#: Bidi formatting characters: they steer the reordering and are dropped afterwards (they have
#: no glyph, and a font may draw a box for them).
_BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def to_visual(line: str, rtl: bool) -> str:
    """One line, already shaped and broken, reordered for drawing left to right."""
    if not line:
        return line
    if not rtl and not any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in line):
        return line.translate(_BIDI_CONTROLS)
    return mirroring.display(line, "R" if rtl else "L").translate(_BIDI_CONTROLS)


def visual_line(text: str, rtl: bool | None = None) -> str:
    """A single short line (a label, a chart caption): shaped and reordered, no wrapping."""
    shaped = shape(clean(text).replace("\n", " "))
    if rtl is None:
        rtl = base_direction(text) == "rtl"
    return to_visual(shaped, rtl)
