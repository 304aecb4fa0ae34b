"""keys.json: every byte is accounted for, and hostile parameters are refused before use.

Each single-byte change of a real keys.json (two different flips at every position) must either
stop the file from loading with a clear message or be reported by the checks `verify` runs, with
the database key only: no password and no recovery key.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from free2link_desktop.core.errors import (
    AuthenticationFailed,
    Free2LinkError,
    InputRefused,
    WorkspaceUnavailable,
)
from free2link_desktop.services import maintenance
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage.vault import RECOVERY_ENTRY, KeyVault, user_entry
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD


@pytest.fixture
def two_users(admin_session):
    admin_session.users.add("bea", "caseworker", "bea password 1")
    return admin_session


def _flipped(raw: bytes, position: int, mask: int) -> bytes:
    return raw[:position] + bytes([raw[position] ^ mask]) + raw[position + 1 :]


def test_every_single_byte_flip_is_noticed(two_users, tmp_path: Path):
    keys = two_users.workspace.layout.keys
    raw = keys.read_bytes()
    db_key = two_users.key
    assert KeyVault.load(keys).problems(db_key) == []
    target = tmp_path / "keys.json"
    missed = []
    for position in range(len(raw)):
        for mask in (0x01, 0x20):
            target.write_bytes(_flipped(raw, position, mask))
            try:
                vault = KeyVault.load(target)
            except WorkspaceUnavailable as error:
                assert "damaged" in error.message() or "folder" in error.message()
                continue
            if not vault.problems(db_key):
                missed.append((position, mask, raw[max(0, position - 20) : position + 20]))
    assert missed == []


def _entry_positions(raw: bytes) -> dict[str, int]:
    """A byte inside each field of each entry (its value), found in the file as written."""
    data = json.loads(raw)
    positions = {}
    for entry, record in data["entries"].items():
        for field, value in record.items():
            text = json.dumps(value, sort_keys=True, indent=1).splitlines()[0]
            start = raw.index(f'"{field}": {text}'.encode(), raw.index(f'"{entry}"'.encode()))
            positions[f"{entry}/{field}"] = start + len(field) + 4 + len(text) // 2
    return positions


def test_verify_reports_a_flip_in_every_field_of_every_entry(two_users):
    workspace = two_users.workspace
    raw = workspace.layout.keys.read_bytes()
    two_users.lock()
    workspace.close()
    positions = _entry_positions(raw)
    assert {f"{RECOVERY_ENTRY}/salt", f"{user_entry('bea')}/kdf_params"} <= set(positions)
    for name, position in positions.items():
        workspace.layout.keys.write_bytes(_flipped(raw, position, 0x01))
        try:
            held = open_workspace(workspace.path, CHEAP_KDF)
        except WorkspaceUnavailable:
            continue  # the open fails with a clear message
        try:
            try:
                session = held.unlock(ADMIN, PASSWORD)
            except AuthenticationFailed:
                held.failures.clear()
                session = held.unlock("bea", "bea password 1")  # the flip hit the admin's entry
            except WorkspaceUnavailable as error:
                assert "key file entry" in error.message()
                continue
            report = maintenance.verify(session)
            session.lock()
            key_check = next(c for c in report.checks if c.name == "key file")
            assert not report.ok and not key_check.ok, name
        finally:
            held.failures.clear()
            held.close()
    workspace.layout.keys.write_bytes(raw)


def _legacy_copy(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "v1"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "workspace-v1", target)
    return target


@pytest.mark.parametrize(
    "params",
    [
        {"memory_kib": 2**31, "iterations": 1, "lanes": 1},
        {"memory_kib": 1024, "iterations": 10**9, "lanes": 1},
        {"memory_kib": 1024, "iterations": 1, "lanes": 2**20},
        {"memory_kib": 1024, "iterations": True, "lanes": 1},
        {"memory_kib": "1024", "iterations": 1, "lanes": 1},
        {"memory_kib": 1024, "iterations": 1, "lanes": 1, "extra": 5},
    ],
)
def test_hostile_kdf_params_are_refused_before_use(tmp_path: Path, params):
    folder = _legacy_copy(tmp_path)
    keys = folder / "keys.json"
    data = json.loads(keys.read_text())
    data["entries"]["user:admin"]["kdf_params"] = params
    keys.write_text(json.dumps(data))
    workspace = open_workspace(folder, CHEAP_KDF)
    started = time.monotonic()
    with pytest.raises(WorkspaceUnavailable, match="out of bounds"):
        workspace.unlock("admin", "correct horse battery")
    assert time.monotonic() - started < 1.0
    workspace.close()


def test_hostile_params_with_a_recomputed_check_are_refused_too(admin_session):
    vault = admin_session.workspace.vault
    record = vault.entries[user_entry(ADMIN)]
    record["kdf_params"] = {"memory_kib": 2**30, "iterations": 1, "lanes": 1}
    record["check"] = vault._check_of(record)  # an attacker can recompute the plain check
    started = time.monotonic()
    with pytest.raises(WorkspaceUnavailable, match="out of bounds"):
        vault.unwrap(user_entry(ADMIN), PASSWORD)
    assert time.monotonic() - started < 1.0


def test_a_password_that_is_not_valid_text_is_not_called_a_damaged_key_file(admin_session):
    admin_session.lock()
    workspace = admin_session.workspace
    bad = "correct horse \udcff battery"  # what surrogateescape makes of invalid UTF-8
    with pytest.raises(Free2LinkError) as refused:
        workspace.unlock(ADMIN, bad)
    assert isinstance(refused.value, InputRefused)
    assert "UTF-8" in refused.value.message()
    assert "damaged" not in refused.value.message()
