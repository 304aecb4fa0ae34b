"""XLSForm language columns (`label::English (en)`) and our language codes, both ways.

XLSForm names a language as free text after `::`; ODK's convention puts the code in brackets.
A name without a code is looked up among the English names of languages (babel's CLDR data)
and taken only when exactly one code has that name, so nothing is guessed.
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

#: Our guide format's language codes (core/questionnaire/reader.py).
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
_BRACKETED = re.compile(
    r"^(?P<name>.*?)\s*\(\s*(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\s*\)$"
)


@functools.cache
def _codes_by_english_name() -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for code, name in Locale("en").languages.items():
        if LANGUAGE_CODE.fullmatch(code):
            names.setdefault(name.casefold(), []).append(code)
    return {name: tuple(codes) for name, codes in names.items()}


def language_code(column_language: str) -> str | None:
    """The code of an XLSForm language name, or None when it cannot be told unambiguously.

    `English (en)` -> en, `Français (fr)` -> fr, `English` -> en, `EN` -> en, `Local` -> None.
    """
    text = column_language.strip()
    match = _BRACKETED.match(text)
    if match:
        code = match["code"].replace("_", "-")
        base, _sep, region = code.partition("-")
        code = base.lower() + (f"-{region}" if region else "")
        return code if LANGUAGE_CODE.fullmatch(code) else None
    if LANGUAGE_CODE.fullmatch(text.lower()) and text.lower() in Locale("en").languages:
        return text.lower()
    codes = _codes_by_english_name().get(text.casefold(), ())
    return codes[0] if len(codes) == 1 else None


def column_language(code: str) -> str:
    """How an XLSForm names our language `code`: `English (en)`, `Greek (el)`."""
    try:
        name = Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError):
        name = code
    return f"{name} ({code})"
