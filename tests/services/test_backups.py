"""Backups: self-contained, encrypted, restorable on another laptop, rotated."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.services.restore import restore_backup
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage import backup as backup_files
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD


def test_backup_restores_into_a_new_folder_with_password_and_recovery_key(
    admin_session, tmp_path: Path
):
    case = admin_session.cases.create("Lark")
    admin_session.notes.add(case.code, "note before the backup")
    stick = tmp_path / "usb" / "free2link.f2lbackup"
    stick.parent.mkdir()
    admin_session.backups.create(stick)
    recovery = admin_session.recovery_key

    other = tmp_path / "other-laptop"
    assert restore_backup(stick, other, ADMIN, PASSWORD, CHEAP_KDF).kept_aside is None
    workspace = open_workspace(other, CHEAP_KDF)
    session = workspace.unlock(ADMIN, PASSWORD)
    assert [n.text for n in session.notes.list(case.code)] == ["note before the backup"]
    session.lock()
    workspace.reset_password_with_recovery_key(recovery, ADMIN, "recovered password")
    workspace.unlock(ADMIN, "recovered password").lock()
    workspace.close()


def test_restore_keeps_the_current_workspace_aside(admin_session, tmp_path: Path):
    admin_session.cases.create("Before")
    stick = admin_session.backups.create(tmp_path / "b.f2lbackup")
    admin_session.cases.create("After the backup")
    admin_session.lock()
    admin_session.workspace.close()
    target = admin_session.workspace.path
    kept = restore_backup(stick, target, ADMIN, PASSWORD, CHEAP_KDF).kept_aside
    assert kept is not None and (kept / "workspace.db").is_file()
    workspace = open_workspace(target, CHEAP_KDF)
    session = workspace.unlock(ADMIN, PASSWORD)
    assert session.cases.count() == 1
    session.lock()
    workspace.close()


def test_restore_refuses_something_that_is_not_a_backup(tmp_path: Path):
    junk = tmp_path / "junk.f2lbackup"
    junk.write_bytes(b"not a zip")
    with pytest.raises(InputRefused, match="not a readable"):
        restore_backup(junk, tmp_path / "w", ADMIN, PASSWORD)


def test_daily_backup_once_a_day(admin_session):
    first = admin_session.backups.ensure_daily()
    assert first is not None and first.name == backup_files.daily_name(date.today())
    assert admin_session.backups.ensure_daily() is None
    assert admin_session.backups.newest() == first


def test_rotation_keeps_7_daily_and_4_weekly(tmp_path: Path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 11, 23)
    for days in range(60):
        path = folder / backup_files.daily_name(today - timedelta(days=days))
        path.write_bytes(b"x")
        os.utime(path, (1e9 - days, 1e9 - days))
    doomed = set(backup_files.to_rotate_out(folder))
    kept = sorted(backup_files.backup_day(p) for p in folder.iterdir() if p not in doomed)
    assert len(kept) == 11
    assert kept[-7:] == [today - timedelta(days=d) for d in range(6, -1, -1)]
    weeks = {d.isocalendar()[:2] for d in kept[:4]}
    assert len(weeks) == 4
