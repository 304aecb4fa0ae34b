"""Text in any script made ready for reportlab: shaped, wrapped, reordered, split by font.

reportlab draws code points left to right with one font per call and does no shaping; its own
right-to-left path needs rlbidi, which is not on PyPI. So the steps are ours, in this order:

1. shape Arabic in logical order with arabic-reshaper (joined letter forms and the lam-alef
   ligatures as Unicode presentation forms, which Noto Naskh Arabic maps to glyphs; harakat are
   dropped, as the reshaper does by default, because without GPOS they cannot be placed well);
2. break the paragraph into lines in logical order, measuring with the fonts that will draw it;
3. reorder EACH LINE on its own with the Unicode bidi algorithm (python-bidi), with the
   paragraph's direction as the base, so a wrapped Arabic paragraph reads right to left on every
   line and Latin words and numbers inside it keep their left-to-right order;
4. split the visual line into runs by script, so Latin falls back to Noto Sans and Arabic to
   Noto Naskh inside one line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

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
    return _reshaper.reshape(text) if has_arabic(text) else text


def _strong_family(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if is_arabic(char) or kind in _RTL_CLASSES or kind == "AN":
        return "arabic"
    if kind == "L":
        return "sans"
    return None


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split `text` into (substring, font name) runs by script.

    Neutral characters (spaces, punctuation, European digits) keep the font of the character
    before them (or after them at the start) so a run is not broken needlessly, as long as that
    font has a glyph for them.
    """
    if not text:
        return []
    strong = [_strong_family(char) for char in text]
    first = next((family for family in strong if family), "sans")
    families: list[str] = []
    current = first
    for char, family in zip(text, strong, strict=True):
        if family is not None:
            current = family
        families.append(covering_family(ord(char), current))
    runs: list[tuple[str, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or families[index] != families[start]:
            runs.append((text[start:index], family_font(families[start], bold)))
            start = index
    return runs


@lru_cache(maxsize=4096)
def run_width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, scaled_size(font, size))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of shaped text as it will be drawn."""
    return sum(run_width(run, font, size) for run, font in font_runs(text, bold))


def _break_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap_logical(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Shape, then break into lines no wider than `width`, still in logical order.

    Hard line breaks in the text are kept; an empty line stays an empty line.
    """
    lines: list[str] = []
    for paragraph in shape(clean(text)).split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            pieces = (
                _break_long_word(word, width, size, bold)
                if text_width(word, size, bold) > width
                else [word]
            )
            for piece in pieces:
                candidate = f"{current} {piece}" if current else piece
                # measured whole: a space takes the width of the font of its neighbours
                if current and text_width(candidate, size, bold) > width:
                    lines.append(current)
                    current = piece
                else:
                    current = candidate
        lines.append(current)
    return lines


def to_visual(line: str, rtl: bool) -> str:
    """One line, already shaped and broken, reordered for drawing left to right."""
    if not line:
        return line
    if not rtl and not any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in line):
        return line
    return str(get_display(line, base_dir="R" if rtl else "L"))


def visual_line(text: str, rtl: bool | None = None) -> str:
    """A single short line (a label, a chart caption): shaped and reordered, no wrapping."""
    shaped = shape(clean(text).replace("\n", " "))
    if rtl is None:
        rtl = base_direction(text) == "rtl"
    return to_visual(shaped, rtl)
