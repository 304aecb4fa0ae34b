"""Self-contained encrypted backups: the database copied with SQLite's online backup API (still
encrypted with the same key) and the key vault, packed together in one file.

Either part alone is useless without a password or the recovery key valid when the backup was
made, so a backup on a USB stick is as safe as the workspace it came from.
"""

from __future__ import annotations

import contextlib
import zipfile
from datetime import date, datetime
from pathlib import Path

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_
from free2link_desktop.storage.atomic import replace_file, sync_file
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.filenames import check_file_name
from free2link_desktop.storage.vault import KeyVault

BACKUP_SUFFIX = ".f2lbackup"
DB_MEMBER = "workspace.db"
KEYS_MEMBER = "keys.json"
KEEP_DAILY = 7
KEEP_WEEKLY = 4


def write_backup(db: Database, key: bytes, vault: KeyVault, out: Path) -> Path:
    """Write a backup to `out` atomically (a partial file never has the final name)."""
    check_file_name(out)
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    db_copy = out.with_name(f".{out.name}.db")
    try:
        db.backup_to(db_copy, key)
        partial.touch(mode=0o600)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.write(db_copy, DB_MEMBER)
            archive.writestr(KEYS_MEMBER, vault.path.read_bytes())
        with open(partial, "rb+") as handle:
            sync_file(handle.fileno())
        replace_file(partial, out)
    finally:
        for leftover in (partial, db_copy):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return out


def unpack_backup(backup: Path, folder: Path) -> None:
    """Extract a backup's database and key vault into an empty folder."""
    try:
        with zipfile.ZipFile(backup) as archive:
            names = set(archive.namelist())
            if not {DB_MEMBER, KEYS_MEMBER} <= names:
                raise InputRefused(N_("{path} is not a Free2Link backup."), path=backup)
            folder.mkdir(parents=True, exist_ok=True)
            for member in (DB_MEMBER, KEYS_MEMBER):
                (folder / member).write_bytes(archive.read(member))
    except (zipfile.BadZipFile, OSError) as error:
        raise InputRefused(N_("{path} is not a readable Free2Link backup."), path=backup) from error


def daily_name(day: date) -> str:
    return f"daily-{day.isoformat()}{BACKUP_SUFFIX}"


def backup_day(path: Path) -> date | None:
    stem = path.name.removesuffix(BACKUP_SUFFIX)
    for prefix in ("daily-", "pre-migration-"):
        if stem.startswith(prefix):
            with contextlib.suppress(ValueError):
                return date.fromisoformat(stem[len(prefix) : len(prefix) + 10])
    return None


def list_backups(folder: Path) -> list[Path]:
    """Backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.endswith(BACKUP_SUFFIX) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def to_rotate_out(folder: Path) -> list[Path]:
    """Daily backups beyond 7 days that are not the newest of one of the 4 newest older weeks."""
    daily = sorted(
        (p for p in list_backups(folder) if p.name.startswith("daily-") and backup_day(p)),
        key=lambda p: backup_day(p) or date.min,
        reverse=True,
    )
    keep = set(daily[:KEEP_DAILY])
    weeks_kept: list[tuple[int, int]] = []
    for path in daily[KEEP_DAILY:]:
        day = backup_day(path) or date.min
        week = day.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < KEEP_WEEKLY:
            weeks_kept.append(week)
            keep.add(path)
    return [p for p in daily if p not in keep]


def timestamped_name(prefix: str) -> str:
    return f"{prefix}-{datetime.now().strftime('%Y-%m-%dT%H%M%S')}{BACKUP_SUFFIX}"
