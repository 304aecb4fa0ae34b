"""Backup files as disks, older versions and attackers make them (for the backup tests)."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Any

VAULT = {"format": "free2link-keys/1", "workspace_id": "0" * 32, "entries": {}}


def flipped(data: bytes, position: int) -> bytes:
    """`data` with every bit of one byte inverted."""
    out = bytearray(data)
    out[position] ^= 0xFF
    return bytes(out)


def format_1_backup(session: Any, out: Path) -> Path:
    """A backup as versions before the seal wrote it: a stored zip of the db and keys.json."""
    copy = out.with_name(out.name + ".db-copy")
    session.db.backup_to(copy, session.key)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(copy, "workspace.db")
        archive.writestr("keys.json", session.workspace.vault.path.read_bytes())
    copy.unlink()
    return out


def declares_huge_member(out: Path, size: int) -> Path:
    """A 1 KB file whose headers say workspace.db holds `size` bytes (below 4 GiB)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("keys.json", json.dumps(VAULT))
        archive.writestr("workspace.db", b"SQLite format 3\0" + b"\0" * 500)
    data = bytearray(out.read_bytes())
    for signature, sizes_at in ((b"PK\x03\x04", 18), (b"PK\x01\x02", 20)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 12] == b"workspace.db":
                struct.pack_into("<LL", data, at + sizes_at, size, size)
            at += 4
    out.write_bytes(bytes(data))
    return out


def deflate_bomb(out: Path, size: int) -> Path:
    """A real zip bomb: `size` zero bytes deflated into about a thousandth of that."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("keys.json", json.dumps(VAULT))
        chunk = b"\0" * (1 << 20)
        with archive.open("workspace.db", "w") as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out
