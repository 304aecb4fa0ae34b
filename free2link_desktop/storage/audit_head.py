"""The signed head of the audit log, kept beside the database in audit-head.json.

The hash chain shows an edited or deleted middle entry, but not the newest entries cut off.
After every committed audit entry the acting user signs (id, hash) of that entry and it is
written here, outside the table: an entry that the head names and the table no longer holds
shows the truncation. The head lags behind the table after a crash (entries after it are still
checked one by one); it is never ahead of it, because it is written only after the commit.
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


def read_head(path: Path) -> AuditHead | None:
    """The head, None when there is none; ValueError when it is not a head at all."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from error
    if not isinstance(data, dict):
        raise ValueError("not an object")
    last_id, last_hash = data.get("last_id"), data.get("last_hash")
    signer_key, signature = data.get("signer_key"), data.get("signature")
    if type(last_id) is not int or not all(
        isinstance(v, str) for v in (last_hash, signer_key, signature)
    ):
        raise ValueError("fields")
    return AuditHead(last_id, str(last_hash), str(signer_key), str(signature))


def write_head(path: Path, head: AuditHead) -> None:
    write_atomically(path, json.dumps(asdict(head), sort_keys=True).encode("utf-8"))
