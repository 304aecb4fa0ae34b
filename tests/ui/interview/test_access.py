"""Every control can be reached with Tab in a sensible order and has a name a screen reader says."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from free2link_desktop.ui.interview import LibraryBrowser
from free2link_desktop.ui.interview.screen import InterviewScreen
from tests.ui.interview.conftest import GUIDE
from tests.ui.interview.keys import focused, press, show

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def unnamed(root: QWidget) -> list[str]:
    """Visible keyboard-reachable widgets with neither an accessible name nor button text."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_tab_order_and_names_on_a_question(qtbot: Any, session: Any, screening_id: int) -> None:
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    press(qtbot, screen, Qt.Key.Key_Return)  # to the consent question (yes/no)
    buttons = screen._answer._buttons
    assert focused(screen) is buttons[0]
    # the four answers are one group, as radio buttons are: arrows move inside it, Tab leaves
    press(qtbot, screen, Qt.Key.Key_Right)
    assert focused(screen) is buttons[1]
    press(qtbot, screen, Qt.Key.Key_Down)
    assert focused(screen) is buttons[3]  # the grid: below "No" is "Prefer not to answer"
    order = []
    for _ in range(5):
        press(qtbot, screen, Qt.Key.Key_Tab)
        order.append(focused(screen))
    assert order == [
        screen.next_button,
        screen.back_button,
        screen.pause_button,
        screen.stop_button,
        screen.guidance,
    ]
    assert unnamed(screen) == []
    assert screen.progress.accessibleName().startswith("Section 1 of 2")


def test_names_in_the_library(qtbot: Any) -> None:
    browser = LibraryBrowser()
    show(qtbot, browser)
    assert unnamed(browser) == []
    browser.tabs.setCurrentIndex(1)
    assert unnamed(browser) == []


def test_same_language_draft_still_shows_the_badge(
    qtbot: Any, session: Any, case_code: str
) -> None:
    from free2link_desktop.ui.language import apply_language

    screening_id = session.screenings.start(case_code, str(GUIDE), "el").id
    apply_language("el")
    try:
        screen = InterviewScreen(session, screening_id)
        show(qtbot, screen)
        press(qtbot, screen, Qt.Key.Key_Return)
        view = screen.question_view
        assert not view.interviewee_box.isVisible()
        assert view.same_language_badge.isVisible()
        assert view.staff_text.text() == screen.current_question().text.get("el")
    finally:
        apply_language("en")
