"""Every keyboard layout reaches the menus, and no Alt+letter means two things at once."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar

from free2link_desktop import i18n
from free2link_desktop.services.workspace import open_workspace

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, unlock, unlocked_view

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _mnemonics(window) -> dict[str, list[str]]:
    """Alt+letter → the visible texts that claim it (buttons, labels, tabs, menu titles)."""
    claims: dict[str, list[str]] = {}
    texts = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and not (isinstance(widget, QLabel) and widget.buddy() is None):
            texts.append(widget.text())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            texts.extend(bar.tabText(i) for i in range(bar.count()))
    for text in texts:
        for letter in MNEMONIC.findall(text):
            claims.setdefault(letter.casefold(), []).append(text)
    return claims


@pytest.mark.parametrize("language", ["en", "it", "el", "pl", "ar"])
def test_no_alt_letter_is_claimed_twice_on_the_case_screens(
    qtbot, make_window, existing_workspace, language
):
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    code = session.cases.create("Amira").code
    session.lock()
    workspace.close()
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    window.choose_language(language)
    try:
        view.open_case(code)
        for tab in range(view.case_view.tabs.count()):
            view.case_view.tabs.setCurrentIndex(tab)
            clashes = {k: v for k, v in _mnemonics(window).items() if len(v) > 1}
            assert not clashes, (language, tab, clashes)
    finally:
        window.choose_language("en")


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_f10_opens_the_menus_and_ctrl_f10_the_language_menu_on_any_layout(
    qtbot, make_window, existing_workspace
):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    window.choose_language("ar")
    try:
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_F10)
        qtbot.waitUntil(window.workspace_menu.isVisible)
        window.workspace_menu.close()
        qtbot.keyClick(
            QApplication.focusWidget() or view, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(window.language_menu.isVisible)
        window.language_menu.close()
    finally:
        window.choose_language("en")
    assert i18n.current_language() == "en"
