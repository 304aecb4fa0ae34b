"""Unlocking: the right password, a wrong one (with the growing delay), a damaged file, and a
workspace that another instance holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from free2link_desktop.services.workspace import create_workspace, open_workspace
from free2link_desktop.storage.lockfile import read_owner
from free2link_desktop.ui.unlock import UnlockScreen
from tests.conftest import cli_env, run_free2link

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    CHEAP,
    INTERVIEWER,
    INTERVIEWER_PASSWORD,
    on_next_dialog,
    unlock,
    unlocked_view,
)


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


def test_the_command_line_and_the_window_on_the_same_workspace(
    qtbot, make_window, existing_workspace
):
    """Whichever starts first holds the workspace; the other is told who, and nothing breaks."""
    window = make_window()
    assert isinstance(window.stack.currentWidget(), UnlockScreen)
    refused = run_free2link(
        existing_workspace, "--user", ADMIN, "case", "list", stdin=f"{ADMIN_PASSWORD}\n"
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"already open in another Free2Link window or command (process {os.getpid()})" in (
        refused.stderr
    )
    window.close()

    # a command waiting for its password line holds the workspace meanwhile
    args = ("--user", ADMIN, "case", "list")
    command = subprocess.Popen(
        [sys.executable, "-m", "free2link_desktop", "--workspace", str(existing_workspace), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        lock_file = existing_workspace / "workspace.lock"
        qtbot.waitUntil(lambda: read_owner(lock_file) == command.pid, timeout=20000)
        second = make_window()
        assert second.stack.currentWidget().objectName() == "problem_page"
        assert f"(process {command.pid})" in second.problem_text.text()
        _out, err = command.communicate(f"{ADMIN_PASSWORD}\n", timeout=60)
        assert command.returncode == 0, err
    finally:
        if command.poll() is None:
            command.kill()
            command.communicate()
    qtbot.mouseClick(second.retry_button, Qt.MouseButton.LeftButton)
    assert isinstance(second.stack.currentWidget(), UnlockScreen)


def test_a_lock_file_that_is_a_folder_is_a_plain_message(qtbot, make_window, existing_workspace):
    lock = existing_workspace / "workspace.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    window = make_window()
    assert window.stack.currentWidget().objectName() == "problem_page"
    assert "must be a plain file" in window.problem_text.text()
    lock.rmdir()  # moved out of the way, as the message asks: trying again opens
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), UnlockScreen)


def test_forgotten_password_is_reset_with_the_recovery_key(qtbot, make_window, workspace_dir):
    session, recovery_key = create_workspace(workspace_dir, ADMIN, ADMIN_PASSWORD, kdf=CHEAP)
    session.lock()
    session.workspace.close()
    window = make_window()
    screen = window.stack.currentWidget()

    def wrong_key_then_right_key(dialog) -> None:
        assert dialog.objectName() == "recovery_dialog"
        dialog.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        dialog.password.setText("my new password")
        dialog.confirm.setText("my new password")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
        assert dialog.message.isVisible() and dialog.isVisible()
        qtbot.wait(1100)  # a wrong recovery key is throttled like a wrong password (1 s first)
        dialog.key.setText(recovery_key.lower().replace("-", ""))
        dialog.confirm.setText("my new password")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    on_next_dialog(wrong_key_then_right_key)
    qtbot.mouseClick(screen.forgot_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "The new password is set. Unlock with it now."
    unlock(qtbot, window, ADMIN, "my new password")
    unlocked_view(qtbot, window)


def test_a_user_changes_their_own_password(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, INTERVIEWER, INTERVIEWER_PASSWORD)
    unlocked_view(qtbot, window)
    assert window.password_action.isEnabled()

    def change(dialog) -> None:
        assert dialog.objectName() == "change_password_dialog"
        dialog.old.setText("a wrong old password")
        dialog.new.setText("the interviewer's new password")
        dialog.confirm.setText("the interviewer's new password")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
        assert dialog.isVisible() and dialog.message.text() == "Wrong user name or password."
        dialog.old.setText(INTERVIEWER_PASSWORD)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    on_next_dialog(change)
    window.password_action.trigger()
    assert window.statusBar().currentMessage() == "Your password was changed."
    window.lock()
    unlock(qtbot, window, INTERVIEWER, "the interviewer's new password")
    unlocked_view(qtbot, window)


def test_a_damaged_key_file_is_a_plain_message(qtbot, make_window, existing_workspace):
    (existing_workspace / "keys.json").write_text("{not json")
    window = make_window()
    assert window.stack.currentWidget().objectName() == "problem_page"
    assert "damaged" in window.problem_text.text()
    assert window.windowTitle() == "Free2Link"
