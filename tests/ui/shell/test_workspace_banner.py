"""The banner above the cases: a damaged database names the newest backup and offers to copy
out what can be read; a read-only folder opens for reading with a banner that says so (issue 14).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.ui.main_window import MainWindow
from tests.cli.test_disk_problems import _fill, _mount, _mounted
from tests.services.test_damaged_pages import _audit_pages, _flip, _newest_audit_page
from tests.ui.shell.conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    CHEAP,
    on_next_dialog,
    unlock,
    unlocked_view,
)


def _prepare(folder: Path, scratch: Path) -> tuple[list[str], Path, int]:
    """Cases, many audit rows and a backup; returns the codes, the backup and the audit page
    that the next entry needs."""
    workspace = open_workspace(folder, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    codes = [session.cases.create(f"Bird {i}").code for i in range(3)]
    for i in range(300):
        session.record("case.view", "case", codes[i % 3])
    backup = session.backups.ensure_daily()
    assert backup is not None
    session.db.checkpoint()
    scratch.mkdir()
    pages = _audit_pages(workspace.layout.db, session.key, scratch)
    page = _newest_audit_page(workspace.layout.db, session.key, pages, scratch)
    session.lock()
    workspace.close()
    return codes, backup, page


def test_damaged_database_banner_names_the_backup_and_copies_out(
    qtbot: Any, make_window: Any, existing_workspace: Path, tmp_path: Path
) -> None:
    codes, backup, page = _prepare(existing_workspace, tmp_path / "scratch")
    _flip(existing_workspace / "workspace.db", page)

    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert view.banner.isVisible()
    assert str(backup) in view.banner.text.text()
    assert view.banner.salvage_button.isVisible()
    shown = {
        view.case_list.model.index(r, 0).data() for r in range(view.case_list.model.rowCount())
    }
    assert set(codes) <= shown  # the cases are still readable

    target = tmp_path / "copies"
    target.mkdir()

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(target))
        dialog.selectFile(str(target))
        dialog.accept()

    reports: list[str] = []

    def read_report(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        reports.append(dialog.text())
        dialog.accept()

    on_next_dialog(choose)
    view.banner.salvage_button.click()
    on_next_dialog(read_report, seconds=20)
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert "could not be read" in reports[0]
    (copy,) = list(target.iterdir())
    salvaged = open_workspace(copy, CHEAP)
    session = salvaged.unlock(ADMIN, ADMIN_PASSWORD)
    assert {c.code for c in session.cases.list_page(0, 10)} == set(codes)
    session.lock()
    salvaged.close()


def test_read_only_folder_opens_for_reading_with_a_banner(
    qtbot: Any, existing_workspace: Path, tmp_path: Path
) -> None:
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    code = session.cases.create("Bird").code
    session.lock()
    workspace.close()
    view_path = tmp_path / "view"
    with _mounted(view_path, "--bind", str(existing_workspace)):
        _mount("-o", "remount,ro,bind", str(view_path))
        window = MainWindow(view_path, kdf=CHEAP, follow_stored_language=False)
        qtbot.addWidget(window)
        window.start()
        window.show()
        try:
            unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
            view = unlocked_view(qtbot, window)
            assert view.banner.isVisible()
            assert "opened for reading only" in view.banner.text.text()
            assert not view.banner.salvage_button.isVisible()
            model = view.case_list.model
            assert code in {model.index(r, 0).data() for r in range(model.rowCount())}
            window.lock()  # the unlock entry could never be written: the lock screen says so
            assert "could not be recorded" in window.statusBar().currentMessage()
        finally:
            window.close()


def _unlocks(session: Any) -> int:
    return sum(1 for e in session.audit.entries(limit=1000) if e.action == "unlock")


def test_full_disk_banner_and_the_entry_written_once_there_is_room(
    qtbot: Any, existing_workspace: Path, tmp_path: Path
) -> None:
    with _mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=8m", "tmpfs") as disk:
        folder = disk / "ws"
        shutil.copytree(existing_workspace, folder)
        workspace = open_workspace(folder, CHEAP)
        session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
        code = session.cases.create("Bird").code
        session.backups.ensure_daily()  # today's is made: no backup attempt on the full disk
        before = _unlocks(session)
        session.lock()
        workspace.close()
        filler = _fill(disk)
        window = MainWindow(folder, kdf=CHEAP, follow_stored_language=False)
        qtbot.addWidget(window)
        window.start()
        window.show()
        try:
            unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
            view = unlocked_view(qtbot, window)
            assert view.banner.isVisible()
            assert "disk is full" in view.banner.text.text()
            model = view.case_list.model
            assert code in {model.index(r, 0).data() for r in range(model.rowCount())}
            filler.unlink()  # room again: the pending unlock entry is written at the lock
            window.lock()
            assert "could not be recorded" not in window.statusBar().currentMessage()
        finally:
            window.close()
        workspace = open_workspace(folder, CHEAP)
        session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
        # the GUI's unlock, made while the disk was full, is there, then this one
        assert _unlocks(session) == before + 2
        session.lock()
        workspace.close()
