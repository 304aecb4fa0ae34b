"""The interview inside the real application window: start it from a case, lock, unlock, and
find the same question again (the shell hosts the screen; this checks the two fit together)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from free2link_desktop.services.workspace import create_workspace
from free2link_desktop.ui.interview.screen import InterviewScreen
from free2link_desktop.ui.main_window import MainWindow
from free2link_desktop.ui.unlock import UnlockScreen
from free2link_desktop.ui.workspace_view import WorkspaceView
from tests.ui.interview.conftest import CHEAP, PASSWORD
from tests.ui.interview.keys import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
Key = Qt.Key


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:
    folder = tmp_path / "workspace"
    session, _recovery = create_workspace(folder, "ana", PASSWORD, kdf=CHEAP)
    session.cases.create("Test person")
    session.lock()
    session.workspace.close()
    main = MainWindow(folder, kdf=CHEAP, follow_stored_language=False)
    qtbot.addWidget(main)
    main.start()
    main.show()
    main.activateWindow()
    yield main
    main.close()


def unlock(qtbot: Any, main: MainWindow) -> WorkspaceView:
    screen = main.stack.currentWidget()
    assert isinstance(screen, UnlockScreen)
    screen.user.setCurrentIndex(screen.user.findText("ana"))
    screen.password.setFocus()
    qtbot.keyClicks(screen.password, PASSWORD)
    qtbot.keyClick(screen.password, "\r")
    qtbot.waitUntil(lambda: isinstance(main.stack.currentWidget(), WorkspaceView), timeout=10000)
    # the daily backup runs on a worker after unlocking; let it end before locking or closing
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=10000)
    return main.stack.currentWidget()


def test_start_answer_lock_unlock_same_question(qtbot: Any, window: MainWindow) -> None:
    view = unlock(qtbot, window)
    code = view.session.cases.list_page(0, 1)[0].code
    view.open_case(code)

    def choose_arabic() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, choose_arabic)
            return
        dialog.select_language("ar")
        qtbot.keyClick(dialog.guide_list, Key.Key_Return)

    QTimer.singleShot(0, choose_arabic)
    view.start_screening(code)
    screen = view.interview
    assert isinstance(screen, InterviewScreen)
    window.activateWindow()  # a window manager does this when the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert screen.isAncestorOf(QApplication.focusWidget())  # the keyboard is on the question
    assert screen.interviewee_language == "ar"
    for _ in range(5):
        question = screen.current_question()
        if question.id == "consent":
            break
        if question.type == "yes_no":
            press(qtbot, screen, Key.Key_N)
        press(qtbot, screen, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, screen, Key.Key_Y)
    press(qtbot, screen, Key.Key_Return)
    where = screen.current_question().id
    assert where == "in_danger_now"

    press(qtbot, screen, Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock now
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), UnlockScreen), timeout=5000)
    assert "Test person" not in window.windowTitle()

    view = unlock(qtbot, window)
    qtbot.waitUntil(lambda: view.interview is not None, timeout=5000)
    assert view.interview.current_question().id == where
    assert view.session.screenings.answers(view.interview.screening_id)["consent"] == "yes"
