"""The shell's GUI tests: real widgets, a real encrypted workspace with cheap Argon2id."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from free2link_desktop.services.workspace import KdfParams, create_workspace
from free2link_desktop.ui.language import apply_language
from free2link_desktop.ui.main_window import MainWindow
from free2link_desktop.ui.unlock import UnlockScreen
from free2link_desktop.ui.workspace_view import WorkspaceView

CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)
ADMIN, ADMIN_PASSWORD = "maria", "correct horse battery"
INTERVIEWER, INTERVIEWER_PASSWORD = "ivan", "interviewer password"
COORDINATOR, COORDINATOR_PASSWORD = "chiara", "coordinator password"


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    apply_language("en")
    yield
    apply_language("en")


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def existing_workspace(workspace_dir: Path) -> Path:
    """A workspace with an admin, an interviewer and a coordinator; closed again (not held)."""
    session, _recovery = create_workspace(workspace_dir, ADMIN, ADMIN_PASSWORD, kdf=CHEAP)
    session.users.add(INTERVIEWER, "interviewer", INTERVIEWER_PASSWORD)
    session.users.add(COORDINATOR, "coordinator", COORDINATOR_PASSWORD)
    session.lock()
    session.workspace.close()
    return workspace_dir


@pytest.fixture
def make_window(qtbot: Any, workspace_dir: Path) -> Iterator[Callable[[], MainWindow]]:
    """Opens the application window on `workspace_dir` as `python -m free2link_desktop` would."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(workspace_dir, kdf=CHEAP, follow_stored_language=False)
        qtbot.addWidget(window)
        window.start()
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def unlock(qtbot: Any, window: MainWindow, user: str, password: str) -> None:
    """Type the password on the unlock screen and press Enter, as a person would."""
    screen = window.stack.currentWidget()
    assert isinstance(screen, UnlockScreen)
    screen.user.setCurrentIndex(screen.user.findText(user))
    screen.password.setFocus()
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, "\r")
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)


def unlocked_view(qtbot: Any, window: MainWindow) -> WorkspaceView:
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), WorkspaceView), timeout=10000)
    view = window.stack.currentWidget()
    assert isinstance(view, WorkspaceView)
    return view


def on_next_dialog(action: Callable[[QWidget], None], seconds: float = 3) -> None:
    """Act on the next modal dialog once it is shown (its exec() blocks the test otherwise).

    After `seconds` it gives up rather than act on a later test's dialog; a dialog that follows
    work on a worker thread needs a longer wait on a slow machine.
    """

    tries = [int(seconds * 100)]

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, act)
            return
        action(dialog)

    QTimer.singleShot(0, act)
