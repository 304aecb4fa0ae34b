"""Switching the staff language while the application runs.

`apply_language` changes the gettext catalog, installs Qt's own translations (when the i18n
package offers `i18n.qt`), sets the layout direction (right-to-left for Arabic) and then sends a
LanguageChange event to every window, so each widget's `retranslate_ui` runs (see
`Retranslating`). Nothing is stored: the caller decides where the choice is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from free2link_desktop import i18n
from free2link_desktop.i18n.qt import install_qt_translations


def apply_language(language: str) -> None:
    """Make `language` the staff language for the whole running application."""
    i18n.set_language(language)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    install_qt_translations(app, i18n.current_language())  # Qt's words, QLocale, direction
    for window in app.topLevelWidgets():
        QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))


class Retranslating:
    """Mixin for QWidget subclasses: re-run `retranslate_ui` whenever the language changes.

    Every widget sets its visible text (and accessible names) only in `retranslate_ui`, so the
    same code serves the first display and every later language switch.
    """

    def retranslate_ui(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


def set_accessible(widget: QWidget, name: str, description: str = "") -> None:
    """Give a control the name a screen reader announces (and a tooltip-free description)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
