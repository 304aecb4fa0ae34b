"""Roles are signed with a key only administrators hold: the database key alone cannot promote.

The attack is the one that worked before: an interviewer unwraps the database key with their
own password, opens the SQLCipher file with it and sets their own role to admin.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from free2link_desktop.core.errors import AuthenticationFailed
from free2link_desktop.services import maintenance
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories.users import UserRepository
from free2link_desktop.storage.signing import Signer
from free2link_desktop.storage.vault import user_entry
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD

IVAN_PASSWORD = "ivan password 1"


@pytest.fixture
def with_interviewer(admin_session):
    admin_session.users.add("ivan", "interviewer", IVAN_PASSWORD)
    admin_session.lock()
    return admin_session.workspace


def _as_insider(workspace, sql: str, params=()) -> None:
    """The interviewer's own password gives the database key: use it on the raw file."""
    key = workspace.vault.unwrap(user_entry("ivan"), IVAN_PASSWORD).db_key
    db = Database(workspace.layout.db, key)
    with db.transaction():
        db.execute(sql, params)
    db.close()


def _check(report, name: str):
    return next(c for c in report.checks if c.name == name)


def test_a_role_set_in_the_database_is_refused_and_named(with_interviewer):
    workspace = with_interviewer
    _as_insider(workspace, "UPDATE users SET role = 'admin' WHERE name = 'ivan'")
    with pytest.raises(AuthenticationFailed, match="ivan"):
        workspace.unlock("ivan", IVAN_PASSWORD)
    admin = workspace.unlock(ADMIN, PASSWORD)
    report = maintenance.verify(admin)
    roles = _check(report, "role signatures")
    assert not report.ok and not roles.ok and "ivan" in roles.detail
    tampered = [e for e in admin.audit.entries() if e.action == "role.tampered"]
    assert tampered and tampered[0].object_id == "ivan"
    admin.lock()


def test_a_role_signed_with_the_insiders_own_key_is_refused(with_interviewer):
    workspace = with_interviewer
    own = workspace.vault.unwrap(user_entry("ivan"), IVAN_PASSWORD)
    assert own.role_seed is None  # an interviewer never holds the role key
    forged = Signer(own.signing_seed).sign(
        ["free2link-role/1", workspace.vault.workspace_id, "ivan", "admin"]
    )
    _as_insider(
        workspace,
        "UPDATE users SET role = 'admin', role_signature = ? WHERE name = 'ivan'",
        (forged,),
    )
    with pytest.raises(AuthenticationFailed):
        workspace.unlock("ivan", IVAN_PASSWORD)


def test_copying_an_admins_signature_onto_another_user_does_not_work(with_interviewer):
    workspace = with_interviewer
    _as_insider(
        workspace,
        "UPDATE users SET role = 'admin', role_signature = "
        "(SELECT role_signature FROM users WHERE name = 'admin') WHERE name = 'ivan'",
    )
    with pytest.raises(AuthenticationFailed):
        workspace.unlock("ivan", IVAN_PASSWORD)


def test_roles_an_admin_sets_are_signed_and_a_promoted_admin_gets_the_role_key(admin_session):
    admin_session.users.add("cora", "coordinator", "cora password 1")
    admin_session.users.set_role("cora", "admin")
    admin_session.lock()
    workspace = admin_session.workspace
    cora = workspace.unlock("cora", "cora password 1")  # opens the sealed role key
    assert cora.role_signer is not None
    cora.users.add("dan", "caseworker", "dan password 1")
    assert maintenance.verify(cora).ok
    cora.lock()
    assert workspace.vault.holds_role_key(user_entry("cora"))
    dan = workspace.unlock("dan", "dan password 1")
    assert dan.user.role.value == "caseworker"
    dan.lock()


def test_a_saved_version_1_workspace_gets_its_roles_signed_at_the_first_admin_unlock(
    tmp_path: Path,
):
    target = tmp_path / "v1"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "workspace-v1", target)
    workspace = open_workspace(target, CHEAP_KDF)
    session = workspace.unlock("admin", "correct horse battery")
    signatures = dict(
        (name, sig) for name, _role, sig in UserRepository(session.db).roles_with_signatures()
    )
    assert signatures["admin"]
    report = maintenance.verify(session)
    assert report.ok, report.lines()
    session.users.add("ivan", "interviewer", IVAN_PASSWORD)
    session.lock()
    workspace.close()
    assert '"role_public_key"' in (target / "keys.json").read_text()

    workspace = open_workspace(target, CHEAP_KDF)
    _as_insider(workspace, "UPDATE users SET role = 'admin' WHERE name = 'ivan'")
    with pytest.raises(AuthenticationFailed):
        workspace.unlock("ivan", IVAN_PASSWORD)
    workspace.close()


def test_an_unsigned_role_is_never_signed_blindly_by_the_next_admin(with_interviewer):
    workspace = with_interviewer
    _as_insider(
        workspace, "UPDATE users SET role = 'admin', role_signature = NULL WHERE name = 'ivan'"
    )
    admin = workspace.unlock(ADMIN, PASSWORD)
    roles = _check(maintenance.verify(admin), "role signatures")
    admin.lock()
    assert not roles.ok and "ivan" in roles.detail
    with pytest.raises(AuthenticationFailed):
        workspace.unlock("ivan", IVAN_PASSWORD)


def test_moving_the_mark_of_unsigned_entries_is_never_signed_blindly(with_interviewer):
    workspace = with_interviewer
    _as_insider(
        workspace,
        "UPDATE audit SET signature = NULL WHERE id = (SELECT max(id) FROM audit)",
    )
    _as_insider(
        workspace,
        "UPDATE settings SET value = (SELECT CAST(max(id) AS TEXT) FROM audit) "
        "WHERE key = 'audit.unsigned_until'",
    )
    admin = workspace.unlock(ADMIN, PASSWORD)
    report = maintenance.verify(admin)
    admin.lock()
    signatures = _check(report, "audit signatures")
    assert not signatures.ok and "mark" in signatures.detail


def test_a_password_reset_never_hands_the_role_key_to_a_self_made_admin(with_interviewer):
    workspace = with_interviewer
    _as_insider(workspace, "UPDATE users SET role = 'admin' WHERE name = 'ivan'")
    admin = workspace.unlock(ADMIN, PASSWORD)
    admin.users.reset_password("ivan", "ivan password 2")
    admin.lock()
    assert workspace.vault.unwrap(user_entry("ivan"), "ivan password 2").role_seed is None


def test_the_recovery_key_never_hands_the_role_key_to_a_self_made_admin(admin_session):
    admin_session.users.add("ivan", "interviewer", IVAN_PASSWORD)
    recovery_key = admin_session.recovery_key
    admin_session.lock()
    workspace = admin_session.workspace
    _as_insider(workspace, "UPDATE users SET role = 'admin' WHERE name = 'ivan'")
    workspace.reset_password_with_recovery_key(recovery_key, "ivan", "ivan password 2")
    assert workspace.vault.unwrap(user_entry("ivan"), "ivan password 2").role_seed is None
