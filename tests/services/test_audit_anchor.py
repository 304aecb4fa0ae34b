"""The audit log against someone who holds the database key and rewrites the table.

Each attack opens the real SQLCipher file with the raw key (unwrapped with an interviewer's own
password) through the storage code and deletes or rewrites rows, then an administrator unlocks
and runs `verify`.
"""

from __future__ import annotations

import json

import pytest

from free2link_desktop.services import maintenance
from free2link_desktop.storage.audit_head import HEAD_NAME
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories.audit import GENESIS, canonical, chain_hash
from free2link_desktop.storage.signing import Signer
from free2link_desktop.storage.vault import user_entry
from tests.conftest import ADMIN, PASSWORD

IVAN_PASSWORD = "ivan password 1"


@pytest.fixture
def busy_workspace(admin_session):
    """An admin's work, then an interviewer's; locked, as an insider would find it."""
    admin_session.users.add("ivan", "interviewer", IVAN_PASSWORD)
    for alias in ("Person A", "Person B", "Person C"):
        admin_session.cases.create(alias)
    admin_session.lock()
    workspace = admin_session.workspace
    ivan = workspace.unlock("ivan", IVAN_PASSWORD)
    ivan.lock()
    admin = workspace.unlock(ADMIN, PASSWORD)
    admin.cases.create("Person D")
    admin.lock()
    return workspace


def _raw_db(workspace) -> tuple[Database, bytes]:
    own = workspace.vault.unwrap(user_entry("ivan"), IVAN_PASSWORD)
    return Database(workspace.layout.db, own.db_key), own.signing_seed


def _rechain(db: Database, sign_with: Signer | None = None, workspace_id: str = "") -> None:
    """Recompute every hash (and, when given a key, every signature) from the first row."""
    prev = GENESIS
    rows = db.all(
        "SELECT id, at, user, action, object_type, object_id, details FROM audit ORDER BY id"
    )
    with db.transaction():
        for entry_id, at, user, action, otype, oid, details in rows:
            digest = chain_hash(prev, canonical(at, user, action, otype, oid, details))
            db.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, entry_id)
            )
            if sign_with is not None:
                db.execute(
                    "UPDATE audit SET signer_key = ?, signature = ? WHERE id = ?",
                    (
                        sign_with.public_key,
                        sign_with.sign(["free2link-audit/1", workspace_id, digest]),
                        entry_id,
                    ),
                )
            prev = digest


def _verify(workspace) -> maintenance.VerifyReport:
    session = workspace.unlock(ADMIN, PASSWORD)
    try:
        return maintenance.verify(session)
    finally:
        session.lock()


def test_an_untouched_log_verifies(busy_workspace):
    report = _verify(busy_workspace)
    assert report.ok, report.lines()


def test_deleting_the_newest_entries_shows(busy_workspace):
    db, _seed = _raw_db(busy_workspace)
    with db.transaction():
        db.execute("DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)")
    db.close()
    report = _verify(busy_workspace)
    assert not report.ok
    assert any("cut off" in line for line in report.lines()), report.lines()


def test_deleting_the_newest_entries_and_the_head_shows(busy_workspace):
    db, _seed = _raw_db(busy_workspace)
    with db.transaction():
        db.execute("DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)")
    db.close()
    (busy_workspace.path / HEAD_NAME).unlink()
    report = _verify(busy_workspace)
    assert not report.ok
    assert any("head is missing" in line for line in report.lines()), report.lines()


def _cut_back_to_the_insiders_entry(workspace) -> tuple[int, str, Signer]:
    """Delete everything after the interviewer's own newest entry (the admin's later work)."""
    db, seed = _raw_db(workspace)
    own_last = db.scalar("SELECT max(id) FROM audit WHERE user = 'ivan'")
    with db.transaction():
        db.execute("DELETE FROM audit WHERE id > ?", (own_last,))
    last_hash = db.scalar("SELECT hash FROM audit WHERE id = ?", (own_last,))
    db.close()
    return own_last, last_hash, Signer(seed)


def _heads(workspace) -> dict:
    return json.loads((workspace.path / HEAD_NAME).read_text())["heads"]


def test_cutting_the_log_back_to_the_insiders_own_entry_shows(busy_workspace):
    _cut_back_to_the_insiders_entry(busy_workspace)
    report = _verify(busy_workspace)
    assert not report.ok
    assert any("cut off" in line and ADMIN in line for line in report.lines()), report.lines()


def test_dropping_the_admins_head_as_well_shows(busy_workspace):
    _cut_back_to_the_insiders_entry(busy_workspace)
    heads = _heads(busy_workspace)
    del heads[ADMIN]
    (busy_workspace.path / HEAD_NAME).write_text(json.dumps({"heads": heads}))
    report = _verify(busy_workspace)
    assert not report.ok
    assert any("head of admin's entries is missing" in line for line in report.lines())


def test_a_head_the_insider_signs_for_the_admin_shows(busy_workspace):
    own_last, last_hash, insider = _cut_back_to_the_insiders_entry(busy_workspace)
    heads = _heads(busy_workspace)
    workspace_id = busy_workspace.vault.workspace_id
    heads[ADMIN] = {
        "last_id": own_last,
        "last_hash": last_hash,
        "signer_key": insider.public_key,
        "signature": insider.sign(["free2link-audit-head/1", workspace_id, own_last, last_hash]),
    }
    (busy_workspace.path / HEAD_NAME).write_text(json.dumps({"heads": heads}))
    report = _verify(busy_workspace)
    assert not report.ok
    assert any("bad signature" in line for line in report.lines()), report.lines()


def test_an_edited_entry_with_the_whole_chain_recomputed_shows(busy_workspace):
    db, _seed = _raw_db(busy_workspace)
    first_case = db.scalar("SELECT min(id) FROM audit WHERE action = 'case.create'")
    with db.transaction():
        db.execute("UPDATE audit SET user = 'ivan' WHERE id = ?", (first_case,))
    _rechain(db)
    db.close()
    report = _verify(busy_workspace)
    signatures = next(c for c in report.checks if c.name == "audit signatures")
    assert not signatures.ok and not report.ok
    assert str(first_case) in signatures.detail


def test_a_chain_recomputed_and_re_signed_with_the_insiders_key_shows(busy_workspace):
    db, seed = _raw_db(busy_workspace)
    with db.transaction():
        db.execute("DELETE FROM audit WHERE action = 'case.create' AND user = ?", (ADMIN,))
    _rechain(db, Signer(seed), busy_workspace.vault.workspace_id)
    db.close()
    report = _verify(busy_workspace)
    signatures = next(c for c in report.checks if c.name == "audit signatures")
    assert not signatures.ok
    assert "signed by another key" in signatures.detail
