"""The signed heads of the audit log, kept beside the database in audit-head.json.

The hash chain shows an edited or deleted middle entry, but not the newest entries cut off.
After every committed audit entry the acting user signs (id, hash) of that entry and it is
written here, outside the table, one head per user: an entry that a head names and the table no
longer holds shows the truncation. One head per user (not one for the whole log) means that
cutting the log back to one's own entry still leaves the others' heads naming what was cut.
A head lags behind the table after a crash (entries after it are still checked one by one); it
is never ahead of it, because it is written only after the commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from free2link_desktop.storage.atomic import write_atomically

HEAD_NAME = "audit-head.json"


def head_message(workspace_id: str, last_id: int, last_hash: str) -> list[object]:
    return ["free2link-audit-head/1", workspace_id, last_id, last_hash]


@dataclass(frozen=True)
class AuditHead:
    last_id: int
    last_hash: str
    signer_key: str
    signature: str


def _head(data: object) -> AuditHead:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    last_id, last_hash = data.get("last_id"), data.get("last_hash")
    signer_key, signature = data.get("signer_key"), data.get("signature")
    if type(last_id) is not int or not all(
        isinstance(v, str) for v in (last_hash, signer_key, signature)
    ):
        raise ValueError("fields")
    return AuditHead(last_id, str(last_hash), str(signer_key), str(signature))


def read_heads(path: Path) -> dict[str, AuditHead]:
    """Each user's head; empty when there is no file; ValueError when it is not heads at all."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from error
    heads = data.get("heads") if isinstance(data, dict) else None
    if not isinstance(heads, dict):
        raise ValueError("not heads")
    return {str(user): _head(head) for user, head in heads.items()}


def write_heads(path: Path, heads: dict[str, AuditHead]) -> None:
    data = {"heads": {user: asdict(head) for user, head in heads.items()}}
    write_atomically(path, json.dumps(data, sort_keys=True).encode("utf-8"))


def restore_heads(folder: Path, data: object) -> None:
    """Put the heads a backup carried (its manifest's `audit_heads`) beside its database."""
    if isinstance(data, dict):
        write_atomically(folder / HEAD_NAME, json.dumps(data, sort_keys=True).encode("utf-8"))
