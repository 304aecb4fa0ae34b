"""Creating, unlocking, locking and recovering a real encrypted workspace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from free2link_desktop.core.errors import AuthenticationFailed, WorkspaceUnavailable
from free2link_desktop.services.workspace import (
    create_workspace,
    open_workspace,
    workspace_exists,
)
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD


def test_new_workspace_is_encrypted_and_not_readable_with_stdlib_sqlite(admin_session):
    db_path = admin_session.workspace.layout.db
    assert workspace_exists(admin_session.workspace.path)
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_pragmas_follow_the_security_model(admin_session):
    db = admin_session.db
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA secure_delete") == 1
    assert db.scalar("PRAGMA foreign_keys") == 1


def test_recovery_key_is_grouped_and_long_enough(admin_session):
    groups = admin_session.recovery_key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)  # 32 chars of 32 = 160 bits


def test_unlock_with_right_and_wrong_password(admin_session, workspace_dir: Path):
    admin_session.lock()
    workspace = admin_session.workspace
    with pytest.raises(AuthenticationFailed) as wrong:
        workspace.unlock(ADMIN, "not the password")
    assert "password" in wrong.value.message()
    assert workspace.seconds_until_next_attempt() > 0
    with pytest.raises(AuthenticationFailed, match="Try again"):
        workspace.unlock(ADMIN, PASSWORD)
    workspace.failures.clear()
    session = workspace.unlock(ADMIN, PASSWORD)
    assert session.user.name == ADMIN
    session.lock()


def test_failed_unlocks_are_audited_once_unlocked(admin_session):
    admin_session.lock()
    workspace = admin_session.workspace
    with pytest.raises(AuthenticationFailed):
        workspace.unlock(ADMIN, "nope nope nope")
    assert len(workspace.failures.events()) == 1
    # let the delay pass without sleeping: age the recorded failure
    workspace.failures.path.write_text('[{"user": "admin", "at": 0}]')
    session = workspace.unlock(ADMIN, PASSWORD)
    actions = [e.action for e in session.audit.entries()]
    assert "unlock.failed" in actions and actions[0] == "unlock"
    session.lock()


def test_growing_delay_doubles_and_caps(tmp_path: Path):
    from free2link_desktop.storage.layout import FailedUnlocks

    failures = FailedUnlocks(tmp_path / "f.json")
    delays = []
    for _ in range(9):
        failures.record("x")
        delays.append(round(failures.seconds_to_wait()))
    assert delays[:4] == [1, 2, 4, 8]
    assert delays[-1] == 60


def test_locked_session_refuses_everything(admin_session):
    admin_session.lock()
    assert admin_session.is_locked
    with pytest.raises(WorkspaceUnavailable, match="locked"):
        admin_session.cases.count()


def test_second_instance_gets_a_clear_message(admin_session, workspace_dir: Path):
    with pytest.raises(WorkspaceUnavailable, match="already open"):
        open_workspace(workspace_dir)


def test_stale_lock_of_a_dead_process_is_taken_over(admin_session, workspace_dir: Path):
    admin_session.lock()
    admin_session.workspace.close()
    (workspace_dir / "workspace.lock").write_text("999999999")
    workspace = open_workspace(workspace_dir, CHEAP_KDF)
    workspace.close()


def test_missing_workspace_is_a_clear_message(tmp_path: Path):
    with pytest.raises(WorkspaceUnavailable, match="no workspace"):
        open_workspace(tmp_path / "nothing")


def test_create_refuses_existing_workspace(admin_session, workspace_dir: Path):
    with pytest.raises(WorkspaceUnavailable, match="already a workspace"):
        create_workspace(workspace_dir, "other", PASSWORD, kdf=CHEAP_KDF)


def test_password_change_rewraps_without_reencrypting(admin_session):
    db_before = admin_session.workspace.layout.db.read_bytes()[:4096]
    admin_session.users.change_password(ADMIN, PASSWORD, "a brand new secret")
    assert admin_session.workspace.layout.db.read_bytes()[:4096] == db_before
    admin_session.lock()
    with pytest.raises(AuthenticationFailed):
        admin_session.workspace.unlock(ADMIN, PASSWORD)
    admin_session.workspace.failures.clear()
    admin_session.workspace.unlock(ADMIN, "a brand new secret").lock()


def test_recovery_key_resets_a_forgotten_password(admin_session):
    recovery = admin_session.recovery_key
    admin_session.lock()
    workspace = admin_session.workspace
    workspace.reset_password_with_recovery_key(
        recovery.lower().replace("-", " "), ADMIN, "after the recovery"
    )
    session = workspace.unlock(ADMIN, "after the recovery")
    assert any(e.action == "user.reset" for e in session.audit.entries())
    session.lock()
    with pytest.raises(AuthenticationFailed):
        workspace.reset_password_with_recovery_key("AAAA-BBBB", ADMIN, "after the recovery")


def test_vault_entry_moved_to_another_name_does_not_decrypt(admin_session):
    vault = admin_session.workspace.vault
    admin_session.users.add("bea", "caseworker", "bea password 1")
    vault.entries["user:eve"] = vault.entries["user:bea"]
    with pytest.raises(AuthenticationFailed):
        vault.unwrap("user:eve", "bea password 1")


def test_damaged_key_file_is_a_clear_message(admin_session, workspace_dir: Path):
    admin_session.lock()
    admin_session.workspace.close()
    (workspace_dir / "keys.json").write_text("{not json")
    with pytest.raises(WorkspaceUnavailable, match="damaged"):
        open_workspace(workspace_dir)
