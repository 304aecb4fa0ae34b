"""Restoring a backup: only by an administrator, audited, and never losing the current state.

Who may restore: an administrator of the workspace that is there now (their password, their
role in that workspace); when there is no usable workspace (none, or its database is damaged),
an administrator of the backup itself — the backup carries its own key file and users. The
backup is checked as a whole (storage/backup.py `verify_file`) before anything of it is put in
place; a backup of another workspace never replaces an open-able one.

Who may restore when the workspace there cannot be used (no database, a damaged database, a
damaged key file): an administrator of the backup, as when there is no workspace at all.

What happens: the backup is unpacked beside the workspace, an audit entry is written into the
restored database (who, which backup, where the previous state was kept), the previous
workspace's files are moved, unchanged, into a folder beside it, and the restored files take
their place. The backups folder stays where it is. The instance lock is held throughout.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from free2link_desktop.core.errors import Free2LinkError, InputRefused, WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.services.workspace import KdfParams, Workspace, refuse_non_folder
from free2link_desktop.storage import audit_head, backup_container
from free2link_desktop.storage import backup as backup_files
from free2link_desktop.storage.database import Database, DatabaseDamaged
from free2link_desktop.storage.layout import BACKUPS_DIR, WorkspaceLayout
from free2link_desktop.storage.lockfile import LOCK_NAME, InstanceLock
from free2link_desktop.storage.repositories.audit import AuditRepository
from free2link_desktop.storage.vault import KeyVault, user_entry


@dataclass(frozen=True)
class RestoreResult:
    workspace: Path
    backup: Path
    made_at: str | None  # from the backup's manifest; None for backups made before it
    kept_aside: Path | None  # where the previous workspace's files are now; None if there were none
    user: str
    authorised_by: str  # "workspace": an admin of the workspace there; "backup": of the backup
    sealed: bool


def restore_backup(
    backup: Path, target: Path, user: str, password: str, kdf: KdfParams | None = None
) -> RestoreResult:
    """Put `backup` in place at `target` as `user`; see the module's docstring."""
    backup, target = Path(backup), Path(target)
    refuse_non_folder(target)
    contents = backup_container.inspect(backup)  # declared sizes, before anything is read
    if WorkspaceLayout(target).exists():
        try:
            workspace: Workspace | None = Workspace(target, kdf)
        except WorkspaceUnavailable:  # its key file is damaged: it cannot say who is an admin
            workspace = None
        if workspace is not None:
            workspace.acquire()
            try:
                return _restore_over(workspace, contents, user, password)
            finally:
                workspace.close()
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = InstanceLock(target)
    lock.acquire()
    try:
        return _restore_as_backup_admin(contents, target, user, password, kdf, "backup")
    finally:
        lock.release()


def _restore_over(
    workspace: Workspace, contents: backup_container.Contents, user: str, password: str
) -> RestoreResult:
    """An admin of the workspace there now restores over it (or, if damaged, of the backup)."""
    try:
        session = workspace.unlock(user, password)
    except DatabaseDamaged:
        # The password opened the key file but the database cannot be read: nothing there can
        # say who is an administrator, so the backup's own users decide.
        return _restore_as_backup_admin(
            contents, workspace.path, user, password, workspace.kdf_params, "backup"
        )
    try:
        if not session.can(permissions.BACKUP_RESTORE):
            session.record("backup.restore.refused", "backup", contents.path.name)
            session.require(permissions.BACKUP_RESTORE)
        staging = _staging(workspace.path)
        try:
            vault = _unpack_keys(contents, staging)
            if vault.workspace_id != workspace.vault.workspace_id:
                raise InputRefused(
                    N_(
                        "{path} is a backup of another workspace. Restore it into a new folder "
                        "(--workspace NEW_FOLDER) instead of over this one."
                    ),
                    path=contents.path,
                )
            seal = _check_and_unpack(contents, session.key, staging)
            _unpack_heads(contents, staging)
            kept = _kept_aside_name(workspace.path)
            details = _details(contents, seal, kept, "workspace")
            with contextlib.suppress(Free2LinkError):
                session.record("backup.restore.started", "backup", contents.path.name, details)
            db = Database(staging / backup_files.DB_MEMBER, session.key)
            try:
                AuditRepository(db, session.signer, vault.workspace_id).append(
                    user, "backup.restore", "backup", contents.path.name, details
                )
            finally:
                db.close()
            session.lock()
            backup_files.put_in_place(staging, workspace.path, kept)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        session.lock()
    return _result(contents, workspace.path, kept, user, "workspace", seal)


def _restore_as_backup_admin(
    contents: backup_container.Contents,
    target: Path,
    user: str,
    password: str,
    kdf: KdfParams | None,
    authorised_by: str,
) -> RestoreResult:
    """No usable workspace at `target`: an administrator of the backup may restore it."""
    staging = _staging(target)
    try:
        vault = _unpack_keys(contents, staging)
        key = vault.unwrap(user_entry(user), password).db_key  # a wrong password: exit 3
        seal = _check_and_unpack(contents, key, staging)
        _unpack_heads(contents, staging)
        staged = Workspace(staging, kdf)
        session = staged.unlock(user, password)
        try:
            if not session.can(permissions.BACKUP_RESTORE):
                session.require(permissions.BACKUP_RESTORE)
            kept = _kept_aside_name(target) if _has_workspace_files(target) else None
            details = _details(contents, seal, kept, authorised_by)
            session.record("backup.restore", "backup", contents.path.name, details)
        finally:
            session.lock()
        backup_files.put_in_place(staging, target, kept)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _result(contents, target, kept, user, authorised_by, seal)


# -- steps ----------------------------------------------------------------------------------------


def _staging(target: Path) -> Path:
    staging = target.with_name(f".{target.name}.restoring")
    if staging.exists():
        shutil.rmtree(staging)  # left by a restore cut short; the backup itself is untouched
    staging.mkdir(mode=0o700, parents=True)
    return staging


def _unpack_keys(contents: backup_container.Contents, staging: Path) -> KeyVault:
    path = staging / backup_files.KEYS_MEMBER
    backup_container.extract(contents, backup_files.KEYS_MEMBER, path)
    try:
        return KeyVault.load(path)
    except WorkspaceUnavailable as error:
        raise backup_container.BackupRefused(
            N_("{path} is damaged: its key file cannot be read."), path=contents.path
        ) from error


def _unpack_heads(contents: backup_container.Contents, staging: Path) -> None:
    """The backup's signed audit heads (sealed in its manifest) back beside its database."""
    audit_head.restore_heads(staging, backup_container.manifest(contents).get("audit_heads"))


def _check_and_unpack(contents: backup_container.Contents, key: bytes, staging: Path) -> str:
    """The whole backup checked with `key`, then its database unpacked; returns the seal."""
    if contents.sealed:
        seal = backup_container.check_seal(contents, key)
        backup_container.extract(contents, backup_files.DB_MEMBER, staging / "workspace.db")
        return seal
    db = staging / "workspace.db"
    backup_container.extract(contents, backup_files.DB_MEMBER, db)
    problems = backup_files.page_problems(db, key)
    if problems:
        raise backup_container.BackupRefused(
            N_("{path} is damaged: SQLCipher's page check failed ({problem})."),
            path=contents.path,
            problem=problems[0],
        )
    return ""


def _kept_aside_name(target: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    number = 1
    while kept.exists():
        number += 1
        kept = target.with_name(f"{target.name}.before-restore-{stamp}-{number}")
    return kept


def _has_workspace_files(target: Path) -> bool:
    return any(p.name not in (LOCK_NAME, BACKUPS_DIR) for p in target.iterdir())


def _details(
    contents: backup_container.Contents, seal: str, kept: Path | None, authorised_by: str
) -> dict[str, object]:
    made = backup_container.manifest(contents).get("made_at")
    return {
        "backup": contents.path.name,
        "made_at": made if isinstance(made, str) else None,
        "seal": seal[:16] if seal else "format 1: CRC and page HMACs",
        "previous_kept_in": kept.name if kept else None,
        "authorised_by": authorised_by,
    }


def _result(
    contents: backup_container.Contents,
    target: Path,
    kept: Path | None,
    user: str,
    authorised_by: str,
    seal: str,
) -> RestoreResult:
    made = backup_container.manifest(contents).get("made_at")
    return RestoreResult(
        workspace=target,
        backup=contents.path,
        made_at=made if isinstance(made, str) else None,
        kept_aside=kept,
        user=user,
        authorised_by=authorised_by,
        sealed=bool(seal),
    )
