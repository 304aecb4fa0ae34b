"""The hash-chained audit log: each entry carries sha256(previous hash || canonical entry)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from free2link_desktop.core.cases import AuditEntry, AuditVerification
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import now_text, to_datetime

GENESIS = "0" * 64


def canonical(
    at: str, user: str, action: str, object_type: str, object_id: str, details: str
) -> bytes:
    return json.dumps(
        [at, user, action, object_type, object_id, details],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def chain_hash(prev_hash: str, entry: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + entry).hexdigest()


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(
        self,
        user: str,
        action: str,
        object_type: str = "",
        object_id: str = "",
        details: dict[str, Any] | None = None,
        at: str | None = None,
    ) -> None:
        """Append one entry; call inside the transaction of the change it records.

        `at`: when it happened, for an entry kept in memory while the log could not be written.
        """
        with self.db.transaction():
            prev = self.db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1") or GENESIS
            at = at or now_text()
            details_text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True)
            digest = chain_hash(
                prev, canonical(at, user, action, object_type, object_id, details_text)
            )
            self.db.execute(
                "INSERT INTO audit (at, user, action, object_type, object_id, details, "
                "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (at, user, action, object_type, object_id, details_text, prev, digest),
            )

    def verify(self) -> AuditVerification:
        prev = GENESIS
        count = 0
        rows = self.db.execute(
            "SELECT id, at, user, action, object_type, object_id, details, prev_hash, hash "
            "FROM audit ORDER BY id"
        )
        for row in rows:
            count += 1
            entry_id, at, user, action, otype, oid, details, prev_hash, digest = row
            expected = chain_hash(prev, canonical(at, user, action, otype, oid, details))
            if prev_hash != prev or digest != expected:
                return AuditVerification(ok=False, count=count, first_broken_id=entry_id)
            prev = digest
        return AuditVerification(ok=True, count=count)

    def entries(self, limit: int = 100, object_id: str | None = None) -> list[AuditEntry]:
        sql = "SELECT id, at, user, action, object_type, object_id, details FROM audit"
        params: tuple[Any, ...] = ()
        if object_id is not None:
            sql += " WHERE object_id = ?"
            params = (object_id,)
        rows = self.db.all(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
        return [
            AuditEntry(r[0], to_datetime(r[1]), r[2], r[3], r[4], r[5], json.loads(r[6]))
            for r in rows
        ]
