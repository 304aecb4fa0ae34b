"""The bundled fonts, registered once with reportlab, and the choice of font for a character.

reportlab's standard fonts (Helvetica and friends) are not embedded and cover only Latin-1, so
every report uses the bundled Noto fonts: Noto Sans for Latin, Greek and Cyrillic, Noto Naskh
Arabic for Arabic (its cmap includes the presentation forms the shaper produces), Noto Mono for
the recovery key. reportlab embeds a subset of each TrueType font it uses (FontFile2).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from free2link_desktop.paths import fonts_dir

SANS = "F2L-Sans"
SANS_BOLD = "F2L-Sans-Bold"
ARABIC = "F2L-Naskh"
ARABIC_BOLD = "F2L-Naskh-Bold"
MONO = "F2L-Mono"

_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    MONO: "NotoMono-Regular.ttf",
}
#: Script family -> (regular, bold)
FAMILIES: dict[str, tuple[str, str]] = {
    "sans": (SANS, SANS_BOLD),
    "arabic": (ARABIC, ARABIC_BOLD),
}

#: Noto Naskh Arabic looks a size smaller than Noto Sans at the same point size; Arabic runs
#: are drawn this much larger so that mixed lines look even.
ARABIC_SCALE = 1.12

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        for regular, bold in FAMILIES.values():
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold)
        _registered = True


@lru_cache(maxsize=16)
def coverage(font_name: str) -> frozenset[int]:
    """The code points the font has a glyph for."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    # types-reportlab says getFont returns a Font; for the bundled fonts it is a TTFont
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def family_font(family: str, bold: bool) -> str:
    regular, bold_name = FAMILIES[family]
    return bold_name if bold else regular


def covering_family(code_point: int, preferred: str) -> str:
    """`preferred` if its font has the character, else the first family that has it."""
    if code_point in coverage(FAMILIES[preferred][0]):
        return preferred
    for family, (regular, _bold) in FAMILIES.items():
        if code_point in coverage(regular):
            return family
    return preferred


def scaled_size(font_name: str, size: float) -> float:
    """The point size to draw `font_name` at so it matches Noto Sans at `size`."""
    return size * ARABIC_SCALE if font_name in (ARABIC, ARABIC_BOLD) else size
