"""gettext for the whole application, switchable at run time.

Strings are marked with `N_` where they are defined at module level and translated with `_`
when they are shown, so that changing the language takes effect without a restart. The catalogs
are the `.po` files in translations/; they are compiled in memory with babel when a language is
chosen, so no compiled file has to be written next to the package.
"""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from free2link_desktop.i18n.placeholders import is_translated, mismatches
from free2link_desktop.paths import translations_dir

_log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
#: Staff interface languages, in the order they are offered, with their own names.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "it": "Italiano",
    "el": "Ελληνικά",
    "pl": "Polski",
    "ar": "العربية",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ps", "ur"})

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def catalog_path(language: str, directory: Path | None = None) -> Path:
    """Where the .po catalog of `language` lives (it may not exist)."""
    return (directory or translations_dir()) / language / "LC_MESSAGES" / "messages.po"


def load_catalog(language: str, directory: Path | None = None) -> gettext.NullTranslations:
    """Compile the language's .po catalog in memory; English (the source) needs none.

    Translations whose `{placeholders}` differ from the source, and plural entries with an empty
    form, are left out, so the English text is shown rather than a broken or half sentence.
    A compiled catalog is reused until its file changes (reports ask for one per document).
    """
    po_path = catalog_path(language, directory)
    if language == DEFAULT_LANGUAGE or not po_path.is_file():
        return gettext.NullTranslations()
    stat = po_path.stat()
    return _compiled(str(po_path), language, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _compiled(path: str, language: str, _mtime_ns: int, _size: int) -> gettext.GNUTranslations:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=language)
    for message in mismatches(catalog):
        _log.warning("%s: ignoring a translation with other placeholders: %r", language, message.id)
        catalog.delete(message.id, context=message.context)
    for message in list(catalog):
        if message.id and message.pluralizable and not is_translated(message):
            catalog.delete(message.id, context=message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` and tell the listeners (the GUI retranslates)."""
    global _translations, _language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = load_catalog(language)
    _language = language
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    return _language


def is_rtl(language: str | None = None) -> bool:
    return (language or _language) in RTL_LANGUAGES


def add_language_listener(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    """Translate `message` into the current staff language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet (module-level strings)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)
