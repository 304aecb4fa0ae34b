"""The audit chain and `verify`: tampering and damage are found and named."""

from __future__ import annotations

import pytest

from free2link_desktop.services import maintenance
from free2link_desktop.storage.database import DatabaseDamaged
from tests.conftest import ADMIN, PASSWORD


def test_audit_chain_verifies_and_names_an_edited_row(admin_session):
    for i in range(5):
        admin_session.cases.create(f"Bird {i}")
    assert admin_session.audit.verify().ok
    victim = admin_session.db.scalar(
        "SELECT id FROM audit WHERE action = 'case.create' ORDER BY id LIMIT 1 OFFSET 2"
    )
    admin_session.db.execute("UPDATE audit SET user = 'mallory' WHERE id = ?", (victim,))
    result = admin_session.audit.verify()
    assert not result.ok and result.first_broken_id == victim
    report = maintenance.verify(admin_session)
    assert not report.ok
    assert any(f"entry {victim}" in line for line in report.lines())


def test_deleted_audit_row_breaks_the_chain(admin_session):
    admin_session.cases.create("A")
    admin_session.cases.create("B")
    admin_session.db.execute("DELETE FROM audit WHERE id = 2")
    assert admin_session.audit.verify().first_broken_id == 3


def test_healthy_workspace_verifies(admin_session):
    report = maintenance.verify(admin_session)
    assert report.ok, report.lines()


def _flip_byte(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_flipped_byte_is_detected_and_the_backup_named(admin_session):
    for i in range(30):
        case = admin_session.cases.create(f"Bird {i}")
        admin_session.notes.add(case.code, "text " * 200)
    backup = admin_session.backups.ensure_daily()
    admin_session.db.checkpoint()
    admin_session.lock()
    db_path = admin_session.workspace.layout.db
    _flip_byte(db_path, db_path.stat().st_size - 3000)
    session = admin_session.workspace.unlock(ADMIN, PASSWORD)
    report = maintenance.verify(session)
    session.lock()
    assert not report.ok
    assert any("HMAC" in c.name and not c.ok for c in report.checks)
    assert str(backup) in "\n".join(report.lines())


def test_damaged_first_page_names_the_newest_backup_at_unlock(admin_session):
    backup = admin_session.backups.ensure_daily()
    admin_session.db.checkpoint()
    admin_session.lock()
    _flip_byte(admin_session.workspace.layout.db, 100)
    with pytest.raises(DatabaseDamaged) as error:
        admin_session.workspace.unlock(ADMIN, PASSWORD)
    assert str(backup) in error.value.message()
