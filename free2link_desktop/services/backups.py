"""Backups of the open workspace: on demand, daily with rotation, before migrations; checked.

Every backup in backups/ is checked as a whole by `verify_all` (the HMAC seal over every byte,
or for backups made before the seal, CRCs and SQLCipher's page HMACs). Rotation never deletes
the newest backup that passes that check, however old: if the newer ones are damaged, it is
the one a damaged workspace can still be restored from.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_
from free2link_desktop.services import outputs, permissions
from free2link_desktop.storage import backup as backup_files

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

Progress = Callable[[float], None]


@dataclass(frozen=True)
class BackupCheck:
    """One entry of backups/ and what the check found (`problem` is a translated sentence)."""

    path: Path
    ok: bool
    problem: str = ""
    sealed: bool = True


class BackupService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def folder(self) -> Path:
        return self.session.workspace.layout.backups

    def create(
        self, out: Path | None = None, progress: Progress | None = None, *, overwrite: bool = False
    ) -> Path:
        """A self-contained encrypted backup; to `out` (a USB stick) or the backups folder.

        `out` goes through the output door (services/outputs.py): never inside the workspace,
        never replacing a file unless `overwrite`, renamed into place only when complete.
        """
        self.session.require(permissions.BACKUP_MANAGE)
        if out is None:
            path = self._write(self.folder / backup_files.timestamped_name("manual"), progress)
        else:
            with outputs.staged(self.session, out, overwrite=overwrite) as staged:
                self._write(staged.temp, progress)
            path = staged.final
        self.session.record("backup.create", "backup", path.name)
        return path

    def ensure_daily(self, progress: Progress | None = None) -> Path | None:
        """Once a day when the app is used (any role): make today's backup, rotate old ones."""
        backup_files.check_folder(self.folder)
        target = self.folder / backup_files.daily_name(date.today())
        if target.is_file():
            return None
        backup_files.remove_leftovers(self.folder)
        path = self._write(target, progress)
        self.rotate(just_made=path)
        return path

    def rotate(self, just_made: Path | None = None) -> builtins.list[Path]:
        """Delete the daily backups beyond 7 daily and 4 weekly, but never the newest good one.

        `just_made` was sealed from the bytes on disk a moment ago and counts as good unread.
        Returns what was deleted.
        """
        doomed = backup_files.to_rotate_out(self.folder)
        if not doomed:
            return []
        keep = self.newest_good(known_good=just_made)
        deleted = []
        for old in doomed:
            if old != keep:
                old.unlink(missing_ok=True)
                deleted.append(old)
        return deleted

    def _write(self, target: Path, progress: Progress | None = None) -> Path:
        workspace = self.session.workspace
        return backup_files.write_backup(
            self.session.db, self.session.key, workspace.vault, target, progress
        )

    def list(self) -> list[Path]:
        return backup_files.list_backups(self.folder)

    def newest(self) -> Path | None:
        found = self.list()
        return found[0] if found else None

    # -- checking -----------------------------------------------------------------------------
    def check(self, path: Path, progress: Progress | None = None) -> BackupCheck:
        """Check one backup file with this workspace's key (it reads the file, streamed)."""
        try:
            seal = backup_files.verify_file(path, self.session.key, progress)
        except Free2LinkError as error:
            return BackupCheck(path, False, error.message())
        return BackupCheck(path, True, sealed=bool(seal))

    def newest_good(self, known_good: Path | None = None) -> Path | None:
        """The newest backup that passes the check (checked newest first, until one does)."""
        for path in self.list():
            if path == known_good or self.check(path).ok:
                return path
        return None

    def verify_all(self) -> builtins.list[BackupCheck]:
        """Every entry of backups/, newest first; things of the wrong kind are reported too."""
        try:
            backup_files.check_folder(self.folder)
        except Free2LinkError as error:
            return [BackupCheck(self.folder, False, error.message())]
        checks = [self.check(path) for path in self.list()]
        for path in backup_files.not_files(self.folder):
            problem = N_("{path} is a folder, not a backup file.")
            checks.append(BackupCheck(path, False, _message(problem, path)))
        return checks


def _message(template: str, path: Path) -> str:
    from free2link_desktop.i18n import _

    return _(template).format(path=path)
