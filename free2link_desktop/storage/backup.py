"""Self-contained encrypted backups: the database copied with SQLite's online backup API (still
encrypted with the same key) and the key vault, packed together in one sealed file
(storage/backup_container.py), and the backups folder's names and rotation.

Either part alone is useless without a password or the recovery key valid when the backup was
made, so a backup on a USB stick is as safe as the workspace it came from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from free2link_desktop.core.errors import InputRefused, WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.storage import backup_container
from free2link_desktop.storage.atomic import fsync_directory, replace_file
from free2link_desktop.storage.audit_head import HEAD_NAME
from free2link_desktop.storage.backup_container import DB_MEMBER, KEYS_MEMBER
from free2link_desktop.storage.database import BACKUP_CACHE_KIB, Database, DatabaseError
from free2link_desktop.storage.filenames import check_file_name
from free2link_desktop.storage.layout import BACKUPS_DIR
from free2link_desktop.storage.lockfile import LOCK_NAME
from free2link_desktop.storage.vault import KeyVault

__all__ = ["BACKUP_SUFFIX", "DB_MEMBER", "KEEP_DAILY", "KEEP_WEEKLY", "KEYS_MEMBER"]

BACKUP_SUFFIX = ".f2lbackup"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_LEFTOVERS = tuple(f"{BACKUP_SUFFIX}{end}" for end in (".partial", ".db", ".check"))
#: Share of a backup's progress taken by SQLite's copy; packing and sealing take the rest.
_COPY_SHARE = 0.6


class BackupFolderProblem(WorkspaceUnavailable):
    """backups/ (or a backup's name in it) is of the wrong kind: no backup can be made there."""


def check_folder(folder: Path) -> None:
    """backups/ must be a folder (or not exist yet): say so plainly otherwise."""
    if folder.exists() and not folder.is_dir():
        raise BackupFolderProblem(
            N_(
                "{path} should be the folder of the workspace's backups but is a file, so no "
                "backup can be made. Move that file elsewhere."
            ),
            path=folder,
        )


def write_backup(
    db: Database,
    key: bytes,
    vault: KeyVault,
    out: Path,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Write a sealed backup to `out` atomically (a partial file never has the final name)."""
    check_file_name(out)
    check_folder(out.parent)
    if out.is_dir():
        raise BackupFolderProblem(
            N_("{path} is a folder, not a backup: move it elsewhere so a backup can be made."),
            path=out,
        )
    try:
        out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise InputRefused(N_("The folder {path} cannot be created."), path=out.parent) from error
    partial = out.with_name(f".{out.name}.partial")
    db_copy = out.with_name(f".{out.name}.db")
    report = progress or (lambda _fraction: None)
    try:
        for leftover in (partial, db_copy):  # from a backup cut short (a crash, a power cut)
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        # The signed audit heads are read before the copy, so they never name an entry the
        # copy lacks; a restore puts them back (services/restore.py).
        heads = _audit_heads(vault.path.with_name(HEAD_NAME))
        db.backup_to(db_copy, key, lambda f: report(_COPY_SHARE * f))
        made: dict[str, Any] = {
            "made_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "workspace_id": vault.workspace_id,
            "schema_version": db.user_version,
        }
        if heads is not None:
            made["audit_heads"] = heads
        backup_container.pack(
            db_copy,
            vault.path.read_bytes(),
            made,
            partial,
            key,
            lambda f: report(_COPY_SHARE + (1 - _COPY_SHARE) * f),
        )
        replace_file(partial, out)
        fsync_directory(out.parent)
    except OSError as error:  # disk full, folder read-only, a name of the wrong kind
        raise WorkspaceUnavailable(
            N_("The backup could not be written to {path}: {reason}"),
            path=out,
            reason=error.strerror or error,
        ) from error
    finally:
        for leftover in (partial, db_copy):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return out


def _audit_heads(path: Path) -> Any:
    """The audit heads file as JSON, None when there is none or it cannot be read."""
    import json

    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None


def verify_file(path: Path, key: bytes, progress: Callable[[float], None] | None = None) -> str:
    """Check a backup as a whole; raises BackupRefused saying what is wrong.

    Format 2: the declared sizes, then the HMAC seal over every byte (streamed). Format 1
    (no seal): the CRC-32 of every member and SQLCipher's page HMACs of the database, on a
    copy extracted beside the file and removed afterwards. Returns the seal ("" for format 1).
    """
    contents = backup_container.inspect(path)
    if contents.sealed:
        seal = backup_container.check_seal(contents, key, progress)
        backup_container.manifest(contents)
        return seal
    backup_container.check_members(contents)
    scratch = path.with_name(f".{path.name}.check")
    with contextlib.suppress(FileNotFoundError):
        scratch.unlink()
    try:
        backup_container.extract(contents, DB_MEMBER, scratch, progress)
        problems = page_problems(scratch, key)
    finally:
        with contextlib.suppress(FileNotFoundError):
            scratch.unlink()
    if problems:
        raise backup_container.BackupRefused(
            N_("{path} is damaged: SQLCipher's page check failed ({problem})."),
            path=path,
            problem=problems[0],
        )
    return ""


def page_problems(path: Path, key: bytes) -> list[str]:
    """SQLCipher's page HMAC check of a database file, read-only; empty when all is well."""
    import sqlcipher3

    conn: Any = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
        return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    except DatabaseError as error:
        return [str(error)]
    finally:
        conn.close()


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
    """Backup files in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.endswith(BACKUP_SUFFIX) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def not_files(folder: Path) -> list[Path]:
    """Entries named like a backup that are not files (a folder where a backup should be)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(BACKUP_SUFFIX) and not p.is_file())


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


def remove_leftovers(folder: Path) -> None:
    """Partial files of backups cut short (a crash, a power cut): each may be as big as the db.

    Only the process holding the workspace's instance lock writes into backups/, so a partial
    file there while it holds the lock is left from an earlier run.
    """
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        name = path.name
        if name.startswith(".") and name.endswith(_LEFTOVERS):
            with contextlib.suppress(OSError):
                path.unlink()


def put_in_place(staging: Path, target: Path, kept: Path | None) -> None:
    """A restore's last step: the current files (not the lock, not backups/) moved into `kept`,
    then the restored database and key file from `staging` into `target`.

    Files are moved one by one, so the instance lock (held by the caller) and the backups
    folder stay where they are; if a move fails, what was moved goes back.
    """
    moved: list[tuple[Path, Path]] = []
    try:
        if kept is not None:
            kept.mkdir(mode=0o700)
            for path in sorted(target.iterdir()):
                if path.name not in (LOCK_NAME, BACKUPS_DIR):
                    replace_file(path, kept / path.name)
                    moved.append((kept / path.name, path))
        for name in (DB_MEMBER, KEYS_MEMBER, HEAD_NAME):
            if name != HEAD_NAME or (staging / name).is_file():
                replace_file(staging / name, target / name)
        fsync_directory(target)
    except OSError as error:
        for now, before in reversed(moved):  # put the previous workspace back as it was
            with contextlib.suppress(OSError):
                replace_file(now, before)
        raise WorkspaceUnavailable(
            N_("The backup could not be put in place ({reason}); the workspace is unchanged."),
            reason=error.strerror or error,
        ) from error
