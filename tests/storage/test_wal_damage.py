"""A damaged or missing -wal file after an acknowledged write loses nothing (issue 14, item 2).

SQLite reads a -wal file up to the first frame whose checksum fails and silently ignores the
rest: every commit at or after a flipped byte used to vanish while `verify` said all was well.
A real process commits writes and ends without closing the database (as a kill or a power
cut would); then a byte of its -wal file is flipped (or the file is deleted) in a copy of the
folder, and each copy is reopened.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from free2link_desktop.services import maintenance
from free2link_desktop.services.workspace import create_workspace, open_workspace
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD, cli_env

WRITER = textwrap.dedent(
    """
    import os, sys
    from free2link_desktop.services.workspace import KdfParams, open_workspace
    workspace = open_workspace(sys.argv[1], KdfParams(1024, 1, 1))
    session = workspace.unlock(sys.argv[2], sys.argv[3])
    for i in range(3):
        case = session.cases.create(f"Bird {i}")
        session.notes.add(case.code, f"note {i}")
        print(case.code, flush=True)
    os._exit(0)  # no close, no checkpoint: what a kill or a power cut leaves
    """
)


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, list[str]]:
    """A workspace folder as a killed writer left it, and the case codes it acknowledged."""
    folder = tmp_path / "ws"
    session, _ = create_workspace(folder, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    session.lock()
    session.workspace.close()
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(folder), ADMIN, PASSWORD],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=True,
    )
    codes = done.stdout.split()
    assert len(codes) == 3
    (folder / "workspace.lock").unlink(missing_ok=True)  # the writer's, it is gone
    return folder, codes


def _reopen_and_check(folder: Path, codes: list[str]) -> None:
    workspace = open_workspace(folder, CHEAP_KDF)
    try:
        session = workspace.unlock(ADMIN, PASSWORD)
        try:
            stored = {case.code for case in session.cases.list_page(0, 100)}
            assert set(codes) <= stored, f"acknowledged cases lost: {set(codes) - stored}"
            for code in codes:
                assert [note.text for note in session.notes.list(code)]
            assert maintenance.verify(session).ok
        finally:
            session.lock()
    finally:
        workspace.close()


def _wal_offsets(size: int) -> list[int]:
    """The header, then a byte in the header and in the page of every frame (4096-byte pages)."""
    frame = 24 + 4096
    offsets = [12, 20] if size >= 32 else []
    offsets += [off for start in range(32, size, frame) for off in (start + 8, start + 24 + 900)]
    return [off for off in offsets if off < size]


def test_a_flipped_byte_in_the_wal_loses_no_acknowledged_write(written, tmp_path):
    folder, codes = written
    wal = folder / "workspace.db-wal"
    size = wal.stat().st_size if wal.exists() else 0
    for offset in _wal_offsets(size):
        copy = tmp_path / f"flip-{offset}"
        shutil.copytree(folder, copy)
        data = bytearray((copy / wal.name).read_bytes())
        data[offset] ^= 0x01
        (copy / wal.name).write_bytes(bytes(data))
        _reopen_and_check(copy, codes)


def test_a_deleted_wal_loses_no_acknowledged_write(written):
    folder, codes = written
    (folder / "workspace.db-wal").unlink(missing_ok=True)
    (folder / "workspace.db-shm").unlink(missing_ok=True)
    _reopen_and_check(folder, codes)


OLD_WRITER = WRITER.replace(
    "session = workspace.unlock(sys.argv[2], sys.argv[3])\n",
    "session = workspace.unlock(sys.argv[2], sys.argv[3])\n"
    "session.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
    # what an older version left, or a crash while a backup held the checkpoint back
    "session.db._checkpoint_committed = lambda: None\n",
)


def test_damage_in_a_wal_full_of_commits_is_detected_and_named(tmp_path):
    """Commits left in the -wal file: a damaged frame followed by later commits is found,
    said at unlock, kept aside and failed by `verify`; only the last transaction, which a
    power cut may tear, can go unnoticed."""
    folder = tmp_path / "ws"
    session, _ = create_workspace(folder, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    session.backups.ensure_daily()
    session.lock()
    session.workspace.close()
    done = subprocess.run(
        [sys.executable, "-c", OLD_WRITER, str(folder), ADMIN, PASSWORD],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=True,
    )
    codes = done.stdout.split()
    (folder / "workspace.lock").unlink(missing_ok=True)
    wal = folder / "workspace.db-wal"
    assert wal.stat().st_size > 10 * 4096
    detected = 0
    for offset in _wal_offsets(wal.stat().st_size):
        copy = tmp_path / f"flip-{offset}"
        shutil.copytree(folder, copy)
        data = bytearray((copy / wal.name).read_bytes())
        data[offset] ^= 0x01
        (copy / wal.name).write_bytes(bytes(data))
        workspace = open_workspace(copy, CHEAP_KDF)
        opened = workspace.unlock(ADMIN, PASSWORD)
        try:
            stored = {case.code for case in opened.cases.list_page(0, 100)}
            notes = maintenance.session_notes(opened)
            report = maintenance.verify(opened)
            found = opened.journal_damaged
        finally:
            opened.lock()
            workspace.close()
        if found:
            detected += 1
            assert "(workspace.db-wal) was damaged" in notes[0]
            assert not report.ok
            assert list(copy.glob("workspace.db-wal.damaged-*"))
            assert "daily-" in notes[0]  # the newest backup is named
        else:
            assert set(codes[:-1]) <= stored, f"undetected loss at byte {offset}"
    assert detected  # flips before the last transaction were found


def test_a_torn_last_transaction_is_not_taken_for_damage(tmp_path):
    from free2link_desktop.storage import wal_check

    folder = tmp_path / "ws"
    session, _ = create_workspace(folder, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    session.lock()
    session.workspace.close()
    subprocess.run(
        [sys.executable, "-c", OLD_WRITER, str(folder), ADMIN, PASSWORD],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=True,
    )
    wal = folder / "workspace.db-wal"
    assert not wal_check.damaged(wal)
    data = wal.read_bytes()
    wal.write_bytes(data[: len(data) - 3000])  # the last frame only half written
    assert not wal_check.damaged(wal)
