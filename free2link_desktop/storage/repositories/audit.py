"""The hash-chained audit log: each entry carries sha256(previous hash || canonical entry).

Since schema 3 each entry is also signed by the acting user's own Ed25519 key (`signer_key`,
`signature` over the workspace id and the entry's hash, which chains every earlier entry), so
someone holding only the database key cannot rewrite or recompute the chain unnoticed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from free2link_desktop.core.cases import AuditEntry, AuditVerification
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import now_text, to_datetime
from free2link_desktop.storage.signing import Signer

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


def entry_message(workspace_id: str, digest: str) -> list[str]:
    """What an entry's signature covers: its hash, and through it every earlier entry."""
    return ["free2link-audit/1", workspace_id, digest]


class AuditRepository:
    def __init__(self, db: Database, signer: Signer | None = None, workspace_id: str = "") -> None:
        self.db = db
        self.signer = signer
        self.workspace_id = workspace_id

    def append(
        self,
        user: str,
        action: str,
        object_type: str = "",
        object_id: str = "",
        details: dict[str, Any] | None = None,
        at: str | None = None,
    ) -> tuple[int, str]:
        """Append one entry; call inside the transaction of the change it records.

        `at`: when it happened, for an entry kept in memory while the log could not be written.
        Returns the entry's id and hash (for the signed head written after the commit).
        """
        with self.db.transaction():
            prev = self.db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1") or GENESIS
            at = at or now_text()
            details_text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True)
            digest = chain_hash(
                prev, canonical(at, user, action, object_type, object_id, details_text)
            )
            signer_key = signature = None
            if self.signer is not None:
                signer_key = self.signer.public_key
                signature = self.signer.sign(entry_message(self.workspace_id, digest))
            cursor = self.db.execute(
                "INSERT INTO audit (at, user, action, object_type, object_id, details, "
                "prev_hash, hash, signer_key, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    at,
                    user,
                    action,
                    object_type,
                    object_id,
                    details_text,
                    prev,
                    digest,
                    signer_key,
                    signature,
                ),
            )
            return int(cursor.lastrowid), digest

    def signatures(self) -> Iterator[tuple[int, str, str, str | None, str | None]]:
        """(id, user, hash, signer key, signature) of every entry, oldest first."""
        yield from self.db.execute(
            "SELECT id, user, hash, signer_key, signature FROM audit ORDER BY id"
        )

    def row(self, entry_id: int) -> tuple[str, str] | None:
        """(user, hash) of one entry."""
        found = self.db.one("SELECT user, hash FROM audit WHERE id = ?", (entry_id,))
        return (str(found[0]), str(found[1])) if found else None

    def newest_by_user(self, after_id: int) -> dict[str, int]:
        """The id of each user's newest entry after `after_id`."""
        rows = self.db.all(
            "SELECT user, max(id) FROM audit WHERE id > ? GROUP BY user", (after_id,)
        )
        return {str(user): int(newest) for user, newest in rows}

    def last(self) -> tuple[int, str, str] | None:
        """(id, user, hash) of the newest entry."""
        found = self.db.one("SELECT id, user, hash FROM audit ORDER BY id DESC LIMIT 1")
        return (int(found[0]), str(found[1]), str(found[2])) if found else None

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
