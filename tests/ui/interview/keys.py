"""Pressing keys as a person would: on whatever widget has the keyboard focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def focused(fallback: QWidget) -> QWidget:
    return QApplication.focusWidget() or fallback


def press(qtbot: Any, window: QWidget, key: Qt.Key, modifier: Any = None) -> None:
    modifier = modifier if modifier is not None else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(focused(window), key, modifier)


def type_text(qtbot: Any, window: QWidget, text: str) -> None:
    qtbot.keyClicks(focused(window), text)


def show(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
