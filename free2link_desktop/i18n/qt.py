"""Qt's own words and the layout direction in the staff language (only ui/ and app.py use this).

Our gettext catalogs cover our strings; the standard buttons ("Cancel", "Save"), the text-field
context menu and the file dialogs come from Qt, which ships its translations as
`qtbase_<lang>.qm` (PySide6 puts them under QLibraryInfo's TranslationsPath; a build may add
more under translations/qt/). Arabic also turns the whole window right to left.

No module-level state: the one installed translator is a named child of the application, so
the next call finds and replaces it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication

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
    return None


def install_qt_translations(app: QCoreApplication, language: str | None = None) -> bool:
    """Put Qt's own strings, the default QLocale and the layout direction into `language`.

    `language` defaults to the current staff language. Call it after every
    `i18n.set_language` (or once `keep_qt_in_step`). Installing a translator makes Qt send a
    LanguageChange event to every widget, which is when widgets retranslate themselves.
    Returns True when Qt has a catalog for the language (English needs none and returns True;
    Qt ships no Greek one, so Greek returns False and Qt's few own words stay English).
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
