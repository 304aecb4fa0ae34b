"""Restoring a backup: an administrator only, audited, the previous state kept and said."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from free2link_desktop.core.errors import AuthenticationFailed, Free2LinkError, PermissionDenied
from free2link_desktop.services.restore import restore_backup
from free2link_desktop.services.workspace import create_workspace, open_workspace
from free2link_desktop.storage.backup_container import BackupRefused
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD
from tests.services.backup_samples import (
    declares_huge_member,
    deflate_bomb,
    flipped,
    format_1_backup,
)

CORA, CORA_PW = "cora", "coordinator password"


@pytest.fixture
def backed_up(admin_session, tmp_path: Path):
    """A workspace with a coordinator, a backup on a stick, then more work; locked."""
    admin_session.users.add(CORA, "coordinator", CORA_PW)
    admin_session.cases.create("Before the backup")
    (tmp_path / "stick").mkdir()
    stick = admin_session.backups.create(tmp_path / "stick" / "b.f2lbackup")
    admin_session.cases.create("After the backup")
    admin_session.backups.ensure_daily()
    admin_session.lock()
    admin_session.workspace.close()
    return admin_session.workspace.path, stick


def _open(path: Path, user: str = ADMIN, password: str = PASSWORD):
    workspace = open_workspace(path, CHEAP_KDF)
    return workspace, workspace.unlock(user, password)


def _cases(path: Path) -> list[str]:
    workspace, session = _open(path)
    try:
        return sorted(c.alias for c in session.cases.list_page(0, 50))
    finally:
        session.lock()
        workspace.close()


def test_a_coordinator_may_not_restore_and_the_attempt_is_audited(backed_up):
    path, stick = backed_up
    with pytest.raises(PermissionDenied):
        restore_backup(stick, path, CORA, CORA_PW, CHEAP_KDF)
    assert _cases(path) == ["After the backup", "Before the backup"]  # nothing rolled back
    assert not list(path.parent.glob("*.before-restore-*"))
    workspace, session = _open(path)
    try:
        actions = [(e.user, e.action) for e in session.audit.entries(20)]
        assert (CORA, "backup.restore.refused") in actions
    finally:
        session.lock()
        workspace.close()
    with pytest.raises(AuthenticationFailed):
        restore_backup(stick, path, ADMIN, "wrong password here", CHEAP_KDF)


def test_restore_by_an_admin_is_audited_and_keeps_the_previous_state(backed_up):
    path, stick = backed_up
    result = restore_backup(stick, path, ADMIN, PASSWORD, CHEAP_KDF)

    assert result.authorised_by == "workspace" and result.sealed and result.made_at
    kept = result.kept_aside
    assert kept is not None and kept.parent == path.parent
    assert len(list((path / "backups").glob("daily-*"))) == 1  # backups stay with the workspace
    assert _cases(path) == ["Before the backup"]
    workspace, session = _open(path)
    try:
        entry = next(e for e in session.audit.entries(20) if e.action == "backup.restore")
        assert entry.user == ADMIN and entry.object_id == stick.name
        assert entry.details["previous_kept_in"] == kept.name
        assert entry.details["authorised_by"] == "workspace"
        assert session.audit.verify().ok
    finally:
        session.lock()
        workspace.close()
    assert _cases(kept) == ["After the backup", "Before the backup"]  # nothing lost
    workspace, session = _open(kept)
    try:
        actions = [e.action for e in session.audit.entries(20)]
        assert "backup.restore.started" in actions
    finally:
        session.lock()
        workspace.close()


def test_without_a_workspace_an_admin_of_the_backup_restores_it(backed_up, tmp_path: Path):
    _path, stick = backed_up
    other = tmp_path / "new-laptop"
    with pytest.raises(PermissionDenied):
        restore_backup(stick, other, CORA, CORA_PW, CHEAP_KDF)
    with pytest.raises(AuthenticationFailed):
        restore_backup(stick, other, ADMIN, "not the password", CHEAP_KDF)
    assert not (other / "workspace.db").exists()
    result = restore_backup(stick, other, ADMIN, PASSWORD, CHEAP_KDF)
    assert result.kept_aside is None and result.authorised_by == "backup"
    workspace, session = _open(other)
    try:
        actions = [(e.user, e.action) for e in session.audit.entries(20)]
        assert (ADMIN, "backup.restore") in actions
    finally:
        session.lock()
        workspace.close()


def test_a_damaged_workspace_is_restored_by_an_admin_of_the_backup(backed_up):
    path, stick = backed_up
    db = path / "workspace.db"
    data = bytearray(db.read_bytes())
    data[4096 + 100 : 4096 + 200] = b"\0" * 100
    db.write_bytes(bytes(data))
    result = restore_backup(stick, path, ADMIN, PASSWORD, CHEAP_KDF)
    assert result.authorised_by == "backup"
    assert result.kept_aside is not None
    assert (result.kept_aside / "workspace.db").read_bytes() == bytes(data)
    assert _cases(path) == ["Before the backup"]


def test_a_damaged_key_file_is_restored_by_an_admin_of_the_backup(backed_up):
    path, stick = backed_up
    (path / "keys.json").write_text("{ damaged")
    with pytest.raises(PermissionDenied):
        restore_backup(stick, path, CORA, CORA_PW, CHEAP_KDF)
    result = restore_backup(stick, path, ADMIN, PASSWORD, CHEAP_KDF)
    assert result.authorised_by == "backup" and result.kept_aside is not None
    assert (result.kept_aside / "keys.json").read_text() == "{ damaged"
    assert _cases(path) == ["Before the backup"]


def test_a_damaged_backup_is_refused_before_the_workspace_is_touched(backed_up, tmp_path):
    path, stick = backed_up
    bad = tmp_path / "bad.f2lbackup"
    bad.write_bytes(flipped(stick.read_bytes(), stick.stat().st_size // 2))
    with pytest.raises(BackupRefused, match="damaged"):
        restore_backup(bad, path, ADMIN, PASSWORD, CHEAP_KDF)
    assert _cases(path) == ["After the backup", "Before the backup"]
    assert not list(path.parent.glob("*.before-restore-*"))
    assert not list(path.parent.glob(".*.restoring"))


def test_a_backup_of_another_workspace_does_not_replace_this_one(backed_up, tmp_path):
    path, _stick = backed_up
    session, _key = create_workspace(tmp_path / "elsewhere", ADMIN, PASSWORD, kdf=CHEAP_KDF)
    foreign = session.backups.create(tmp_path / "foreign.f2lbackup")
    session.lock()
    session.workspace.close()
    with pytest.raises(Free2LinkError, match="another workspace"):
        restore_backup(foreign, path, ADMIN, PASSWORD, CHEAP_KDF)
    assert _cases(path) == ["After the backup", "Before the backup"]


def test_a_backup_made_before_the_seal_still_restores(admin_session, tmp_path: Path):
    admin_session.cases.create("Old format")
    old = format_1_backup(admin_session, tmp_path / "old.f2lbackup")
    result = restore_backup(old, tmp_path / "restored", ADMIN, PASSWORD, CHEAP_KDF)
    assert not result.sealed and result.made_at is None
    assert _cases(tmp_path / "restored") == ["Old format"]


@pytest.mark.parametrize("make", [declares_huge_member, deflate_bomb])
def test_a_zip_bomb_is_refused_in_well_under_a_second(make, tmp_path: Path):
    bomb = make(
        tmp_path / "bomb.f2lbackup", (2 << 30) if make is declares_huge_member else 64 << 20
    )
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(BackupRefused, match="declares"):
        restore_backup(bomb, tmp_path / "w", ADMIN, PASSWORD, CHEAP_KDF)
    seconds = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 0.5 and peak < 4 << 20
    assert not (tmp_path / "w" / "workspace.db").exists()


def test_restore_onto_a_file_or_from_a_folder_is_refused(backed_up, tmp_path: Path):
    _path, stick = backed_up
    a_file = tmp_path / "a-file"
    a_file.write_text("mine")
    with pytest.raises(Free2LinkError, match="is a file"):
        restore_backup(stick, a_file, ADMIN, PASSWORD, CHEAP_KDF)
    assert a_file.read_text() == "mine"
    with pytest.raises(Free2LinkError, match="is a folder"):
        restore_backup(tmp_path, tmp_path / "w", ADMIN, PASSWORD, CHEAP_KDF)
