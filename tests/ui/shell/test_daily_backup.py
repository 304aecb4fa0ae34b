"""The first unlock of the day makes the backup on a worker, with its progress in the status bar."""

from __future__ import annotations

import shutil
from datetime import date
from typing import Any

from PySide6.QtWidgets import QMessageBox

from free2link_desktop.storage import backup as backup_files

from .conftest import ADMIN, ADMIN_PASSWORD, on_next_dialog, unlock, unlocked_view


def test_daily_backup_shows_its_progress_and_says_when_it_is_made(
    qtbot: Any, make_window: Any, existing_workspace: Any
) -> None:
    window = make_window()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    made = existing_workspace / "backups" / backup_files.daily_name(date.today())
    assert made.is_file()
    assert any(m.startswith("Making today's backup…") and m.endswith("%") for m in messages)
    assert "Making today's backup… 100 %" in messages
    assert window.statusBar().currentMessage() == f"Today's backup was made: {made.name}"


def test_a_backups_file_instead_of_a_folder_is_said_in_words(
    qtbot: Any, make_window: Any, existing_workspace: Any
) -> None:
    folder = existing_workspace / "backups"
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder")
    window = make_window()
    seen: list[str] = []

    def read_and_close(dialog: Any) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        dialog.accept()

    on_next_dialog(read_and_close, seconds=10)
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert "could not be made" in seen[0] and "is a file" in seen[0]
    assert folder.read_text() == "not a folder"
