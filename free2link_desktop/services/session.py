"""One unlocked user on one workspace: the database connection, the key and the use cases.

The GUI and the command line reach everything through a Session; every use case checks the
user's permission here and writes the audit log in the same transaction as the change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.cases import User
from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.database import Database, DatabaseDamaged, DiskProblem
from free2link_desktop.storage.repositories._time import now_text
from free2link_desktop.storage.repositories.audit import AuditRepository
from free2link_desktop.storage.signing import Signer

if TYPE_CHECKING:
    from free2link_desktop.services.workspace import Workspace

#: The signed audit head is rewritten at most this often while working, and always at lock:
#: an fsync'd file per autosave would double its p95 (SPEC 8), and a head that lags behind
#: after a crash is harmless (the entries after it are checked one by one).
HEAD_INTERVAL_SECONDS = 2.0


@dataclass(frozen=True)
class PendingEntry:
    """An audit entry that could not be written yet (disk full, read-only, damaged page)."""

    at: str
    user: str
    action: str
    object_type: str
    object_id: str
    details: dict[str, Any] | None


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
        #: Audit entries not written yet, oldest first; written with the next one that can be.
        self.pending_audit: list[PendingEntry] = []
        #: Why the audit log could not be written last time (None once it could again).
        self.audit_problem: Exception | None = None
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
    def damaged(self) -> bool:
        """A damaged page was met when the audit log was last written."""
        return isinstance(self.audit_problem, DatabaseDamaged)

    @property
    def journal_damaged(self) -> bool:
        """The -wal file was damaged when this session opened: recent commits are missing."""
        return self._db is not None and self._db.journal_damaged

    @property
    def journal_not_applied(self) -> bool:
        """Read-only, and the newest commits sit in a -wal file that cannot be applied."""
        return self._db is not None and self._db.journal_not_applied

    @property
    def read_only(self) -> bool:
        """Opened from a folder that cannot be written: reading works, changes are refused."""
        return self._db is not None and self._db.read_only

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
        """Close the database and drop the key; unlock again through the Workspace.

        Audit entries still pending are tried one last time; those that still cannot be written
        stay in `pending_audit` so that the caller can say plainly that they were not recorded.
        The signed audit head is brought up to date.
        """
        if self._db is not None and self.pending_audit:
            self._write_pending()
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
    ) -> bool:
        """Append to the audit log: ids and facts only, never names or free text.

        Inside a change's transaction the entry is part of the change: if it cannot be written
        the change fails with it. On its own (an unlock, a view, an export already written) a
        full disk, a read-only folder or a damaged page must not stop the reading: the entry is
        kept in memory and written, with its own time, before the next one that can be.
        Returns False when it is pending (`audit_problem` says why).
        """
        entry = PendingEntry(now_text(), self.user.name, action, object_type, object_id, details)
        if self.db.in_transaction:
            self._append(entry)
            return True
        self.pending_audit.append(entry)
        return self._write_pending()

    def _write_pending(self) -> bool:
        try:
            with self.db.transaction():
                for entry in self.pending_audit:
                    self._append(entry)
        except (DiskProblem, DatabaseDamaged) as error:
            self.audit_problem = error
            return False
        self.pending_audit.clear()
        self.audit_problem = None
        return True

    def _append(self, entry: PendingEntry) -> None:
        """Append one entry, signed with the user's key; the signed head follows the commit."""
        repo = AuditRepository(self.db, self.signer, self.workspace.vault.workspace_id)
        self._head = repo.append(
            entry.user, entry.action, entry.object_type, entry.object_id, entry.details, entry.at
        )
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
