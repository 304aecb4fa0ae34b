"""Backups of the open workspace: on demand, daily with rotation, and before migrations."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from free2link_desktop.services import outputs, permissions
from free2link_desktop.storage import backup as backup_files

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session


class BackupService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def folder(self) -> Path:
        return self.session.workspace.layout.backups

    def create(self, out: Path | None = None, *, overwrite: bool = False) -> Path:
        """A self-contained encrypted backup; to `out` (a USB stick) or the backups folder.

        `out` goes through the output door (services/outputs.py): never inside the workspace,
        never replacing a file unless `overwrite`, renamed into place only when complete.
        """
        self.session.require(permissions.BACKUP_MANAGE)
        if out is None:
            path = self._write(self.folder / backup_files.timestamped_name("manual"))
        else:
            with outputs.staged(self.session, out, overwrite=overwrite) as staged:
                self._write(staged.temp)
            path = staged.final
        self.session.record("backup.create", "backup", path.name)
        return path

    def ensure_daily(self) -> Path | None:
        """Once a day when the app is used (any role): make today's backup, rotate old ones."""
        target = self.folder / backup_files.daily_name(date.today())
        if target.exists():
            return None
        path = self._write(target)
        for old in backup_files.to_rotate_out(self.folder):
            old.unlink(missing_ok=True)
        return path

    def _write(self, target: Path) -> Path:
        workspace = self.session.workspace
        return backup_files.write_backup(self.session.db, self.session.key, workspace.vault, target)

    def list(self) -> list[Path]:
        return backup_files.list_backups(self.folder)

    def newest(self) -> Path | None:
        found = self.list()
        return found[0] if found else None
