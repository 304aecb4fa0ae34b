"""Auto-lock after the idle time and Ctrl+L: the key is dropped, no alias stays on screen, and
unlocking returns to the same case and tab with the half-typed note saved."""

from __future__ import annotations

import threading

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from free2link_desktop.services.workspace import create_workspace
from free2link_desktop.ui.case_view import TAB_NOTES
from free2link_desktop.ui.main_window import MainWindow
from free2link_desktop.ui.unlock import UnlockScreen

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, unlock, unlocked_view

ALIAS = "Joy Okafor"


class Clock:
    """A clock the test moves forward, so five idle minutes take no time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _visible_text(window: MainWindow) -> str:
    """Everything the window shows: its title, and the text of every widget that is visible.

    Screens thrown away at the lock are hidden at once and deleted by the next turn of the
    event loop; what matters is that nothing left on screen names a person.
    """
    parts = [window.windowTitle()]

    def shown(widget: QWidget) -> bool:
        return widget.isVisibleTo(window)

    parts += [label.text() for label in window.findChildren(QLabel) if shown(label)]
    parts += [field.text() for field in window.findChildren(QLineEdit) if shown(field)]
    editors = [*window.findChildren(QPlainTextEdit), *window.findChildren(QTextEdit)]
    parts += [editor.toPlainText() for editor in editors if shown(editor)]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not shown(view):
            continue
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # list models keep columnCount private: they have one column
            columns = 1
        for row in range(model.rowCount(root)):
            for column in range(columns):
                parts.append(str(model.data(model.index(row, column))))
    return "\n".join(parts)


def test_idle_lock_and_unlock_return_to_the_same_place(qtbot, workspace_dir):
    session, _key = create_workspace(workspace_dir, ADMIN, ADMIN_PASSWORD, kdf=CHEAP)
    code = session.cases.create(ALIAS, centre="Athens").code
    session.settings.set("autolock_minutes", 2)
    session.lock()
    session.workspace.close()

    clock = Clock()
    window = MainWindow(workspace_dir, kdf=CHEAP, clock=clock, follow_stored_language=False)
    qtbot.addWidget(window)
    window.start()
    window.show()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert window.autolock.minutes == 2
    view.case_list.search.setText("Joy")
    view.case_list.apply_search()
    view.open_case(code)
    view.case_view.tabs.setCurrentIndex(TAB_NOTES)
    qtbot.keyClicks(view.case_view.notes.editor, "Typed just before the lock")
    unlocked = window.session

    clock.now += 60  # a minute of quiet is not enough
    qtbot.wait(1200)
    assert not window.is_locked
    qtbot.keyClick(view.case_view.notes.editor, Qt.Key.Key_Space)  # activity resets the timer
    clock.now += 100
    qtbot.wait(1200)
    assert not window.is_locked
    clock.now += 121
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)

    assert unlocked.is_locked  # the key was dropped, the database closed
    screen = window.stack.currentWidget()
    assert isinstance(screen, UnlockScreen)
    assert screen.user.currentText() == ADMIN
    assert window.windowTitle() == "Free2Link — locked"
    assert window.view is None and window.session is None
    assert ALIAS not in _visible_text(window)
    assert "Joy" not in _visible_text(window)  # not even the search text

    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert view.case_view is not None and view.case_view.code == code
    assert view.case_view.tabs.currentIndex() == TAB_NOTES
    assert view.case_view.notes.editor.toPlainText() == "Typed just before the lock "
    assert view.case_list.search.text() == "Joy"
    assert window.windowTitle() == f"Free2Link — case {code}"
    window.close()


def test_ctrl_l_locks_now(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(view.case_list.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert isinstance(window.stack.currentWidget(), UnlockScreen)


def test_lock_waits_for_slow_work_to_finish(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    session = window.session
    counted: list[int] = []
    release = threading.Event()

    def slow_work() -> int:  # stands for an export reading the database on a worker
        release.wait(5)
        return session.cases.count()

    window.runner.run(slow_work, counted.append)
    window.lock()
    assert not window.is_locked  # the database is still in use
    assert "as soon as" in window.statusBar().currentMessage()
    release.set()
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert counted == [0]  # the work finished with the database still open
    assert session.is_locked
