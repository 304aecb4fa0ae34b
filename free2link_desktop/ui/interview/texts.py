"""Picking the right language out of a questionnaire's texts, and naming languages.

Questionnaire texts are mappings such as ``{"en": "...", "it": "..."}`` (or an engine object
that behaves like one). The staff see a text in their own language, falling back to English,
the source, so a missing translation never leaves an empty line on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from free2link_desktop.i18n import N_, _

SOURCE_LANGUAGE = "en"

#: The interviewee languages the bundled guides are written in, in the order they are offered.
#: A guide that lacks one of them shows it disabled; the first screening also has the languages
#: most often spoken in reception centres (issue 15): Persian/Dari, Pashto, Urdu, Russian,
#: Turkish and Somali.
INTERVIEWEE_LANGUAGES: tuple[str, ...] = (
    "en",
    "it",
    "el",
    "pl",
    "fr",
    "ar",
    "uk",
    "fa",
    "ps",
    "ur",
    "ru",
    "tr",
    "so",
)

#: Each language's own name (what an interviewee recognises) and its name for the staff.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "it": "Italiano",
    "el": "Ελληνικά",
    "pl": "Polski",
    "fr": "Français",
    "ar": "العربية",
    "uk": "Українська",
    "fa": "فارسی / دری",
    "ps": "پښتو",
    "ur": "اردو",
    "ru": "Русский",
    "tr": "Türkçe",
    "so": "Soomaali",
}
STAFF_NAMES: dict[str, str] = {
    "en": N_("English"),
    "it": N_("Italian"),
    "el": N_("Greek"),
    "pl": N_("Polish"),
    "fr": N_("French"),
    "ar": N_("Arabic"),
    "uk": N_("Ukrainian"),
    "fa": N_("Persian (Farsi, Dari)"),
    "ps": N_("Pashto"),
    "ur": N_("Urdu"),
    "ru": N_("Russian"),
    "tr": N_("Turkish"),
    "so": N_("Somali"),
}
STATUS_NAMES: dict[str, str] = {
    "source": N_("source text"),
    "reviewed": N_("reviewed translation"),
    "draft": N_("draft translation"),
}
NO_STATUS = N_("not available")
RTL = frozenset({"ar", "fa", "he", "ps", "ur"})


def as_mapping(text: Any) -> Mapping[str, str]:
    """The language -> text mapping behind `text` (a dict, or an engine object wrapping one)."""
    if text is None:
        return {}
    if isinstance(text, Mapping):
        return text
    for attribute in ("texts", "by_language", "values", "data"):
        inner = getattr(text, attribute, None)
        if isinstance(inner, Mapping):
            return inner
    if isinstance(text, str):
        return {SOURCE_LANGUAGE: text}
    return {}


def has_text(text: Any, language: str) -> bool:
    return bool(as_mapping(text).get(language))


def pick(text: Any, language: str, *, fallback: bool = True) -> str:
    """The text in `language`; English (then any language) when it is missing and `fallback`."""
    mapping = as_mapping(text)
    value = mapping.get(language)
    if value or not fallback:
        return str(value or "").strip()
    for candidate in (SOURCE_LANGUAGE, *mapping.keys()):
        if mapping.get(candidate):
            return str(mapping[candidate]).strip()
    return ""


def language_label(code: str) -> str:
    """'Greek — Ελληνικά' for the staff: their name for it and its own name."""
    staff = _(STAFF_NAMES[code]) if code in STAFF_NAMES else code
    native = NATIVE_NAMES.get(code, code)
    if staff == native:
        return staff
    return _("{staff_name} — {native_name}").format(staff_name=staff, native_name=native)


def status_label(status: str | None) -> str:
    # N_ nested inside _() is not extracted by babel, hence the module-level NO_STATUS.
    name = STATUS_NAMES.get(status or "", NO_STATUS)
    return _(name)


def is_rtl(language: str) -> bool:
    return language in RTL


def ltr_isolate(text: str) -> str:
    """`text` kept left-to-right inside right-to-left text (phone numbers, expressions).

    Without the isolate, the bidi algorithm shows "800 290 290" in an Arabic line as
    "290 290 800" (each group a separate run) - a number someone would dial wrongly - and
    scrambles an expression such as ". >= 0 and . <= 120".
    """
    return f"\u2066{text}\u2069"
