"""Qt's own words and the layout direction in the staff language (only ui/ and app.py use this).

Our gettext catalogs cover our strings; the standard buttons ("Cancel", "Save"), the text-field
context menu and the file dialogs come from Qt, which ships its translations as
`qtbase_<lang>.qm` (PySide6 puts them under QLibraryInfo's TranslationsPath). Qt ships none for
Greek, so translations/qt/qtbase_<lang>.po (msgctxt = Qt's context) fills the gap for the strings
our screens can show. Arabic also turns the whole window right to left.

No module-level state: the one installed translator is a named child of the application, so
the next call finds and replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from free2link_desktop.i18n import (
    DEFAULT_LANGUAGE,
    add_language_listener,
    current_language,
    is_rtl,
    remove_language_listener,
)
from free2link_desktop.paths import translations_dir

TRANSLATOR_NAME = "free2link-qtbase"


def qt_translation_dirs() -> list[str]:
    """Where qtbase_*.qm files are looked for, in order."""
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    bundled = translations_dir() / "qt"
    if bundled.is_dir():
        dirs.append(str(bundled))
    return dirs


class CatalogQtTranslator(QTranslator):
    """Qt's own strings from a .po file, for a language Qt ships no qtbase catalog for."""

    def __init__(self, messages: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._messages = messages

    def translate(  # Qt calls this; None means "not here, ask the next translator"
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self._messages.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self._messages


def read_qt_po(path: Path) -> dict[tuple[str, str], str]:
    """(Qt context, English source) → translation, for the translated, non-fuzzy entries."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        (message.context or "", message.id): message.string
        for message in catalog
        if isinstance(message.id, str)
        and isinstance(message.string, str)
        and message.id
        and message.string
        and not message.fuzzy
    }


def qt_po_path(language: str) -> Path:
    return translations_dir() / "qt" / f"qtbase_{language}.po"


def installed_qt_translator(app: QCoreApplication) -> QTranslator | None:
    """The qtbase translator installed by `install_qt_translations`, if any."""
    return app.findChild(QTranslator, TRANSLATOR_NAME)


def _remove_previous(app: QCoreApplication) -> None:
    previous = installed_qt_translator(app)
    if previous is not None:
        app.removeTranslator(previous)
        previous.setObjectName("")
        previous.deleteLater()


def _load_qtbase(app: QCoreApplication, language: str) -> QTranslator | None:
    translator = QTranslator(app)
    for directory in qt_translation_dirs():
        if translator.load(QLocale(language), "qtbase", "_", directory):
            translator.setObjectName(TRANSLATOR_NAME)
            return translator
    translator.deleteLater()
    po_path = qt_po_path(language)
    if po_path.is_file():
        fallback = CatalogQtTranslator(read_qt_po(po_path), app)
        fallback.setObjectName(TRANSLATOR_NAME)
        return fallback
    return None


def install_qt_translations(app: QCoreApplication, language: str | None = None) -> bool:
    """Put Qt's own strings, the default QLocale and the layout direction into `language`.

    `language` defaults to the current staff language. Call it after every
    `i18n.set_language` (or once `keep_qt_in_step`). Installing a translator makes Qt send a
    LanguageChange event to every widget, which is when widgets retranslate themselves.
    Returns True when a catalog for Qt's strings was found (English needs none and returns
    True); False means Qt's own few words stay English.
    """
    language = language or current_language()
    _remove_previous(app)
    found = language == DEFAULT_LANGUAGE
    if not found:
        translator = _load_qtbase(app, language)
        if translator is not None:
            app.installTranslator(translator)
            found = True
    QLocale.setDefault(QLocale(language))
    if isinstance(app, QApplication):
        # setDefault reaches only widgets created later; open windows get it explicitly (their
        # children follow), so spin boxes and the like format numbers the new way.
        for window in app.topLevelWidgets():
            window.setLocale(QLocale(language))
    if isinstance(app, QGuiApplication):
        direction = (
            Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
        )
        QGuiApplication.setLayoutDirection(direction)
    return found


def keep_qt_in_step(app: QCoreApplication) -> Callable[[], None]:
    """Install Qt's translations now and again after every `set_language`; returns an undo.

    An alternative to calling `install_qt_translations` by hand: use one or the other.
    """

    def follow(language: str) -> None:
        install_qt_translations(app, language)

    install_qt_translations(app)
    add_language_listener(follow)
    return lambda: remove_language_listener(follow)
