"""Backups under backups/ are checked as a whole by `verify`; rotation keeps the newest good one.

Real backups of a real encrypted workspace, damaged the way a disk or a person damages them:
one flipped byte anywhere, a file that declares sizes it cannot hold, a file where the folder
should be, a folder where a backup should be.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.services import maintenance
from free2link_desktop.storage import backup as backup_files
from tests.services.backup_samples import (
    declares_huge_member,
    deflate_bomb,
    flipped,
    format_1_backup,
)


def _backups(session) -> Path:
    folder = session.workspace.layout.backups
    folder.mkdir(exist_ok=True)
    return folder


def test_verify_reports_each_of_15_flipped_bytes_by_name(admin_session, tmp_path: Path):
    admin_session.cases.create("Lark")
    good = admin_session.backups.create().rename(_backups(admin_session) / "manual-good.f2lbackup")
    data = good.read_bytes()
    size = len(data)
    rng = random.Random(14)
    # the first header, the manifest and key file, the database pages (many), the central
    # directory, the end record, the seal's prefix and its last hex digit
    positions = [0, 40, 300, 700, *sorted(rng.sample(range(1000, size - 400), 6))]
    positions += [size - 200, size - 110, size - 95, size - 60, size - 1]
    assert len(positions) == 15
    damaged = []
    for number, position in enumerate(positions):
        path = good.with_name(f"manual-damaged-{number:02d}.f2lbackup")
        path.write_bytes(flipped(data, position))
        os.utime(path, (time.time() + 10 + number, time.time() + 10 + number))  # newer
        damaged.append(path)

    report = maintenance.verify(admin_session)

    assert not report.ok
    backups_check = next(c for c in report.checks if c.name == "backups")
    assert not backups_check.ok
    missed = [p.name for p in damaged if p.name not in backups_check.detail]
    assert missed == []
    assert good.name not in backups_check.detail
    assert report.newest_backup == good  # the newest one that passes, not the newest file
    assert {c.path for c in report.backups if not c.ok} == set(damaged)
    text = "\n".join(report.lines())
    assert "The workspace itself is intact" in text and good.name in text


def test_verify_checks_backups_made_before_the_seal(admin_session):
    """Format 1 (a plain stored zip): CRC-32 of each part, SQLCipher's page HMACs."""
    admin_session.cases.create("Lark")
    folder = _backups(admin_session)
    intact = format_1_backup(admin_session, folder / "daily-2026-11-01.f2lbackup")
    data = intact.read_bytes()
    page_start = data.index(b"workspace.db") + len("workspace.db") + 5000
    broken = folder / "daily-2026-11-02.f2lbackup"
    broken.write_bytes(flipped(data, page_start))

    checks = {c.path: c for c in admin_session.backups.verify_all()}

    assert checks[intact].ok and not checks[intact].sealed
    assert not checks[broken].ok and "damaged" in checks[broken].problem


def test_a_backup_that_declares_a_huge_size_is_refused_unread(admin_session, tmp_path: Path):
    folder = _backups(admin_session)
    bombs = [
        declares_huge_member(folder / "manual-huge.f2lbackup", 2 << 30),
        deflate_bomb(folder / "manual-bomb.f2lbackup", 64 << 20),
    ]
    assert all(p.stat().st_size < 200_000 for p in bombs)
    tracemalloc.start()
    started = time.perf_counter()
    checks = admin_session.backups.verify_all()
    seconds = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 0.5
    assert peak < 4 << 20
    assert {c.path for c in checks if not c.ok} == set(bombs)
    assert all("declares" in c.problem for c in checks)


def test_rotation_never_deletes_the_newest_good_backup(admin_session):
    """Twenty damaged daily backups are newer than the only good one: it stays."""
    admin_session.cases.create("Lark")
    folder = _backups(admin_session)
    today = date.today()
    good = admin_session.backups.create()
    old_day = today - timedelta(days=40)
    good = good.rename(folder / backup_files.daily_name(old_day))
    stamp = time.time() - 40 * 86400
    os.utime(good, (stamp, stamp))
    data = good.read_bytes()
    for days in range(1, 40):
        path = folder / backup_files.daily_name(today - timedelta(days=days))
        path.write_bytes(flipped(data, len(data) // 2 + days))
        os.utime(path, (stamp + (40 - days) * 86400,) * 2)
    assert good in backup_files.to_rotate_out(folder)  # by age alone it would go

    deleted = admin_session.backups.rotate()

    assert good.exists() and good not in deleted
    assert len(deleted) == 40 - 1 - 7 - 4
    assert admin_session.backups.newest_good() == good


def test_rotation_lets_the_old_good_backup_go_once_a_newer_one_verifies(admin_session):
    folder = _backups(admin_session)
    today = date.today()
    old = admin_session.backups.create()
    old = old.rename(folder / backup_files.daily_name(today - timedelta(days=60)))
    os.utime(old, (time.time() - 60 * 86400,) * 2)
    data = old.read_bytes()
    for days in range(1, 40):
        path = folder / backup_files.daily_name(today - timedelta(days=days))
        path.write_bytes(flipped(data, len(data) // 2))
        os.utime(path, (time.time() - days * 86400,) * 2)

    made = admin_session.backups.ensure_daily()

    assert made is not None and made.exists()
    assert not old.exists()  # today's backup passed its check, so the old one aged out
    assert admin_session.backups.newest_good() == made


def test_backups_folder_that_is_a_file(admin_session):
    folder = admin_session.workspace.layout.backups
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_bytes(b"not a folder")
    with pytest.raises(Free2LinkError, match="is a file"):
        admin_session.backups.ensure_daily()
    report = maintenance.verify(admin_session)
    assert not report.ok
    assert any(c.name == "backups" and "is a file" in c.detail for c in report.checks)
    assert folder.read_bytes() == b"not a folder"


def test_a_folder_where_todays_backup_should_be(admin_session):
    folder = _backups(admin_session)
    squatter = folder / backup_files.daily_name(date.today())
    squatter.mkdir()
    with pytest.raises(Free2LinkError, match="is a folder"):
        admin_session.backups.ensure_daily()
    report = maintenance.verify(admin_session)
    assert any(c.name == "backups" and squatter.name in c.detail for c in report.checks)
    assert squatter.is_dir()


def test_backup_copies_in_steps_from_one_snapshot_while_the_window_saves(admin_session, tmp_path):
    """Autosaves between two steps neither restart the copy nor leak into it."""
    for number in range(300):
        admin_session.cases.create(f"Case {number}")
    seen: list[float] = []

    def autosave_meanwhile(fraction: float) -> None:
        seen.append(fraction)
        if len(seen) <= 20:  # a copy that restarts on each write would otherwise never end
            admin_session.cases.create("written during the backup")

    copy = tmp_path / "copy.db"
    admin_session.db.backup_to(copy, admin_session.key, autosave_meanwhile, pages=4)

    assert len(seen) > 5 and seen == sorted(seen) and seen[-1] == 1.0  # never started over
    assert backup_files.page_problems(copy, admin_session.key) == []
    from free2link_desktop.storage.database import Database

    db = Database(copy, admin_session.key)
    try:
        assert db.scalar("SELECT count(*) FROM cases") == 300
    finally:
        db.close()


def test_daily_backup_reports_progress_to_the_end(admin_session):
    seen: list[float] = []
    assert admin_session.backups.ensure_daily(seen.append) is not None
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)


def test_leftovers_of_a_backup_cut_short_are_removed(admin_session):
    folder = _backups(admin_session)
    leftover = folder / ".daily-2026-01-01.f2lbackup.partial"
    leftover.write_bytes(b"x" * 1000)
    admin_session.backups.ensure_daily()
    assert not leftover.exists()
