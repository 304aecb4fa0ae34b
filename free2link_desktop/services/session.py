"""One unlocked user on one workspace: the database connection, the key and the use cases.

The GUI and the command line reach everything through a Session; every use case checks the
user's permission here and writes the audit log in the same transaction as the change.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.cases import User
from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories.audit import AuditRepository
from free2link_desktop.storage.signing import Signer

if TYPE_CHECKING:
    from free2link_desktop.services.workspace import Workspace

#: The signed audit head is rewritten at most this often while working, and always at lock:
#: an fsync'd file per autosave would double its p95 (SPEC 8), and a head that lags behind
#: after a crash is harmless (the entries after it are checked one by one).
HEAD_INTERVAL_SECONDS = 2.0


class Session:
    def __init__(self, workspace: Workspace, db: Database, key: bytes, user: User) -> None:
        from free2link_desktop.services.audit import AuditService
        from free2link_desktop.services.backups import BackupService
        from free2link_desktop.services.cases import CaseService, FollowUpService
        from free2link_desktop.services.directory import DirectoryService
        from free2link_desktop.services.notes import NoteService
        from free2link_desktop.services.reports import ReportService
        from free2link_desktop.services.screenings import ScreeningService
        from free2link_desktop.services.settings import SettingsService
        from free2link_desktop.services.users import UserService

        self.workspace = workspace
        self.user = user
        # Set by services/trust.py at unlock: the user's own signing key (audit entries), the
        # role key when this user holds it (administrators), the role key's public half this
        # user's key entry vouches for, and what the unlock found wrong (reported by verify).
        self.signer: Signer | None = None
        self.role_signer: Signer | None = None
        self.anchor: str | None = None
        self.unlock_problems: list[str] = []
        self._head: tuple[int, str] | None = None
        self._head_written_at = -HEAD_INTERVAL_SECONDS
        self._head_dirty = False
        self._db: Database | None = db
        self._key: bytes | None = key
        self.cases = CaseService(self)
        self.notes = NoteService(self)
        self.followups = FollowUpService(self)
        self.screenings = ScreeningService(self)
        self.users = UserService(self)
        self.settings = SettingsService(self)
        self.audit = AuditService(self)
        self.backups = BackupService(self)
        self.directory = DirectoryService(self)
        self.reports = ReportService(self)

    # -- state ---------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self._db is None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise WorkspaceUnavailable(N_("The workspace is locked. Unlock it to go on."))
        return self._db

    @property
    def key(self) -> bytes:
        if self._key is None:
            raise WorkspaceUnavailable(N_("The workspace is locked. Unlock it to go on."))
        return self._key

    def lock(self) -> None:
        """Close the database and drop the key; unlock again through the Workspace."""
        if self._head_dirty:
            self._write_head(now=True)
        if self._db is not None:
            self._db.close()
        self._db = None
        self._key = None

    # -- permissions and audit -----------------------------------------------------------------
    def can(self, permission: str) -> bool:
        return permissions.allowed(self.user.role, permission)

    def require(self, permission: str) -> None:
        permissions.require(self.user.role, permission)

    def record(
        self,
        action: str,
        object_type: str = "",
        object_id: str = "",
        details: dict[str, Any] | None = None,
    ) -> None:
        """Append to the audit log: ids and facts only, never names or free text.

        The entry is signed with the user's key; the signed head is rewritten after the commit.
        """
        repo = AuditRepository(self.db, self.signer, self.workspace.vault.workspace_id)
        self._head = repo.append(self.user.name, action, object_type, object_id, details)
        if self.signer is not None:
            self.db.after_commit(self._write_head)

    def _write_head(self, now: bool = False) -> None:
        from free2link_desktop.services.trust import write_head

        if not now and time.monotonic() - self._head_written_at < HEAD_INTERVAL_SECONDS:
            self._head_dirty = True
            return
        if self._head is not None and self.signer is not None:
            write_head(self, *self._head)
        self._head_written_at = time.monotonic()
        self._head_dirty = False
