"""Unlocking: the right password, a wrong one (with the growing delay), a damaged file, and a
workspace that another instance holds."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from free2link_desktop.services.workspace import create_workspace, open_workspace
from free2link_desktop.ui.unlock import UnlockScreen

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, INTERVIEWER, unlock, unlocked_view


def test_right_password_opens_the_case_list(qtbot, make_window, existing_workspace):
    window = make_window()
    screen = window.stack.currentWidget()
    assert isinstance(screen, UnlockScreen)
    users = [screen.user.itemText(i) for i in range(screen.user.count())]
    assert set(users) == {ADMIN, INTERVIEWER, "chiara"}
    assert screen.password.echoMode() == screen.password.EchoMode.Password
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert view.case_list.isVisible()
    assert window.windowTitle() == "Free2Link"
    assert window.user_label.text() == "maria (Administrator)"


def test_wrong_password_says_so_and_makes_you_wait(qtbot, make_window, existing_workspace):
    window = make_window()
    screen = window.stack.currentWidget()
    unlock(qtbot, window, ADMIN, "not my password")
    assert screen.message.text() == "Wrong user name or password."
    assert screen.password.text() == ""
    assert not screen.unlock_button.isEnabled()
    assert screen.unlock_button.text() == "Wait 1 second"
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=3000)
    assert screen.unlock_button.text() == "&Unlock"

    unlock(qtbot, window, ADMIN, "still not my password")
    assert screen.unlock_button.text() in {"Wait 2 seconds", "Wait 1 second"}
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=4000)
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)


def test_damaged_database_names_the_newest_backup(qtbot, make_window, workspace_dir: Path):
    session, _key = create_workspace(workspace_dir, ADMIN, ADMIN_PASSWORD, kdf=CHEAP)
    session.cases.create("Someone")
    backup = session.backups.create()
    session.lock()
    session.workspace.close()
    database = workspace_dir / "workspace.db"
    data = bytearray(database.read_bytes())
    data[200:1200] = bytes(1000)  # zero part of the first page: its HMAC no longer matches
    database.write_bytes(bytes(data))

    window = make_window()
    screen = window.stack.currentWidget()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    assert "damaged" in screen.message.text()
    assert backup.name in screen.message.text()
    assert isinstance(window.stack.currentWidget(), UnlockScreen)
    assert window.session is None


def test_another_instance_holding_the_workspace(qtbot, make_window, existing_workspace):
    other = open_workspace(existing_workspace, CHEAP)  # as if a second copy of the app ran
    window = make_window()
    assert window.stack.currentWidget().objectName() == "problem_page"
    assert "already open in another Free2Link window" in window.problem_text.text()
    assert str(os.getpid()) in window.problem_text.text()
    assert window.focusWidget() is window.retry_button

    other.close()  # the other window is closed; trying again now reaches the unlock screen
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), UnlockScreen)
