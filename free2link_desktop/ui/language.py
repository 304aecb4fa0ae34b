"""Switching the staff language while the application runs.

`apply_language` changes the gettext catalog, installs Qt's own translations (when the i18n
package offers `i18n.qt`), sets the layout direction (right-to-left for Arabic) and then sends a
LanguageChange event to every window, so each widget's `retranslate_ui` runs (see
`Retranslating`). Nothing is stored: the caller decides where the choice is kept.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from free2link_desktop import i18n


def _qt_helper() -> Any | None:
    """`free2link_desktop.i18n.qt` (Qt's qtbase catalogs) if that module exists yet."""
    try:
        return importlib.import_module("free2link_desktop.i18n.qt")
    except ImportError:
        return None


def apply_language(language: str) -> None:
    """Make `language` the staff language for the whole running application."""
    i18n.set_language(language)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    helper = _qt_helper()
    install = getattr(helper, "install_qt_translations", None) if helper else None
    if install is not None:
        install(app, i18n.current_language())
    direction = Qt.LayoutDirection.RightToLeft if i18n.is_rtl() else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
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
