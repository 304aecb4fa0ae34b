"""The bundled fonts, made available to Qt once per process.

Why: the interview shows texts in scripts the machine's own fonts may lack. A laptop whose fonts
cover Arabic may still miss the letters Urdu and Pashto add (ہ ے ں ټ ښ …), which then show as
empty boxes to the person being interviewed. Registering the bundled Noto fonts (the same ones
the PDF reports embed) lets Qt fall back to them for any character the system fonts lack.
Only the Arabic-script font is registered: the system fonts cover Latin, Greek and Cyrillic, and
registering a Latin font could change the look of the whole interface.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFontDatabase

from free2link_desktop.paths import fonts_dir


@lru_cache(maxsize=1)
def register_bundled_fonts() -> tuple[str, ...]:
    """Add the bundled Arabic-script fonts to Qt's font database; returns the families added."""
    families: list[str] = []
    for path in sorted(fonts_dir().glob("NotoNaskhArabic-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))
