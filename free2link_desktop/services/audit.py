"""Reading and verifying the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from free2link_desktop.core.cases import AuditEntry, AuditVerification
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.audit import AuditRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session


class AuditService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def verify(self) -> AuditVerification:
        return AuditRepository(self.session.db).verify()

    def entries(self, limit: int = 100, object_id: str | None = None) -> list[AuditEntry]:
        self.session.require(permissions.CASE_VIEW)
        return AuditRepository(self.session.db).entries(limit, object_id)
