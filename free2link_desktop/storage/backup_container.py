"""The backup file itself: a stored (uncompressed) zip sealed with an HMAC over every byte.

Format 2 (`free2link-backup/2`) holds `manifest.json`, `keys.json` and `workspace.db` (the
SQLCipher copy: its pages are already encrypted and authenticated, and do not compress). The
zip comment, the last bytes of the file, is `MAC_PREFIX` followed by HMAC-SHA256 in hex over
everything before it, keyed with a key derived (HKDF) from the database key. So a flipped byte
anywhere — a page, a zip header SQLite never reads, keys.json, the central directory — makes
the check fail, and only someone holding the database key can make a backup that passes.
Format 1 (before the seal) is still read: its members are checked with their CRC-32 and its
database pages with SQLCipher's page HMACs (see services/backups.py).

The sizes a file declares are checked before anything is read from it: the end-of-directory
record must describe at most a few entries in a small directory, and every member must be
stored (no compression, so no zip bomb) and fit inside the file. Members are copied in chunks
of `CHUNK` bytes, never read whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import shutil
import struct
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_
from free2link_desktop.storage.atomic import sync_file

FORMAT = "free2link-backup/2"
DB_MEMBER = "workspace.db"
KEYS_MEMBER = "keys.json"
MANIFEST_MEMBER = "manifest.json"
MAC_PREFIX = b"free2link-backup/2 hmac-sha256 "
MAC_HEX = 64
COMMENT_LEN = len(MAC_PREFIX) + MAC_HEX
CHUNK = 1 << 20
MAX_SMALL_MEMBER = 1 << 20  # keys.json and the manifest: a few KiB in practice
MAX_DIRECTORY = 4096  # the central directory of three members is about 200 bytes
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")

Progress = Callable[[float], None]


class BackupRefused(InputRefused):
    """The file is not a usable backup: damaged, not ours, or declaring impossible sizes."""

    default_template = N_("{path} is not a readable Free2Link backup.")


@dataclass(frozen=True)
class Contents:
    """What a backup file declares, after its sizes were found plausible."""

    path: Path
    size: int
    sealed: bool  # format 2: manifest and HMAC seal; False for format 1
    members: dict[str, zipfile.ZipInfo]

    @property
    def database_size(self) -> int:
        return self.members[DB_MEMBER].file_size


def mac_key(db_key: bytes) -> bytes:
    """A key of its own for the seal (never the database key itself)."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=FORMAT.encode() + b" file mac").derive(db_key)


def _refuse(path: Path, template: str = BackupRefused.default_template) -> BackupRefused:
    return BackupRefused(template, path=path)


# -- reading: declared sizes first ----------------------------------------------------------------


def _directory_extent(handle: Any, size: int, path: Path) -> tuple[int, int]:
    """(entries, bytes) of the central directory, as the end record declares them."""
    tail_len = min(size, _EOCD.size + 0xFFFF)
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        raise _refuse(path)
    fields = _EOCD.unpack_from(tail, at)
    entries, directory, offset, comment = fields[4], fields[5], fields[6], fields[7]
    if at + _EOCD.size + comment != len(tail):
        raise _refuse(path)  # bytes after the comment: not a file we wrote
    if entries == 0xFFFF or 0xFFFFFFFF in (directory, offset):
        locator_at = size - tail_len + at - _ZIP64_LOCATOR.size
        if locator_at < 0:
            raise _refuse(path)
        handle.seek(locator_at)
        signature, _disk, record_at, _disks = _ZIP64_LOCATOR.unpack(
            handle.read(_ZIP64_LOCATOR.size)
        )
        if signature != b"PK\x06\x07" or record_at + _ZIP64_EOCD.size > size:
            raise _refuse(path)
        handle.seek(record_at)
        record = _ZIP64_EOCD.unpack(handle.read(_ZIP64_EOCD.size))
        if record[0] != b"PK\x06\x06":
            raise _refuse(path)
        entries, directory = record[7], record[8]
    return entries, directory


def inspect(path: Path) -> Contents:
    """Check what `path` declares, reading only its directory (a few hundred bytes)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise BackupRefused(N_("{path} is a folder, not a backup file."), path=path)
        size = path.stat().st_size
        with open(path, "rb") as handle:
            entries, directory = _directory_extent(handle, size, path)
            if entries > 3 or directory > MAX_DIRECTORY:
                raise _refuse(path, N_("{path} declares more than a backup holds; refused."))
            with zipfile.ZipFile(handle) as archive:
                infos = archive.infolist()
                comment = archive.comment
    except FileNotFoundError as error:
        raise BackupRefused(N_("There is no file {path}."), path=path) from error
    except (zipfile.BadZipFile, OSError, struct.error, ValueError, EOFError) as error:
        raise _refuse(path) from error
    members = {info.filename: info for info in infos}
    names = set(members)
    if len(members) != len(infos) or names not in (
        {DB_MEMBER, KEYS_MEMBER},
        {DB_MEMBER, KEYS_MEMBER, MANIFEST_MEMBER},
    ):
        raise _refuse(path, N_("{path} is not a Free2Link backup."))
    for info in infos:
        limit = size if info.filename == DB_MEMBER else MAX_SMALL_MEMBER
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.file_size != info.compress_size
            or info.file_size > limit
            or info.header_offset + info.compress_size > size
        ):
            raise _refuse(path, N_("{path} declares sizes a backup cannot have (refused unread)."))
    sealed = MANIFEST_MEMBER in names
    if sealed and (len(comment) != COMMENT_LEN or not comment.startswith(MAC_PREFIX)):
        raise _refuse(path, N_("{path} is damaged: its check code is missing."))
    return Contents(path, size, sealed, members)


def read_small(contents: Contents, name: str) -> bytes:
    """keys.json or the manifest (at most `MAX_SMALL_MEMBER` bytes, as inspect() checked)."""
    try:
        with zipfile.ZipFile(contents.path) as archive, archive.open(name) as member:
            return member.read(MAX_SMALL_MEMBER + 1)[:MAX_SMALL_MEMBER]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _refuse(contents.path) from error


def manifest(contents: Contents) -> dict[str, Any]:
    if not contents.sealed:
        return {}
    try:
        data = json.loads(read_small(contents, MANIFEST_MEMBER).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _refuse(contents.path) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(contents.path)
    return data


def check_seal(contents: Contents, db_key: bytes, progress: Progress | None = None) -> str:
    """Recompute the HMAC over the whole file (streamed); returns it in hex when it matches."""
    path, size = contents.path, contents.size
    body = size - MAC_HEX
    digest = hmac.new(mac_key(db_key), digestmod=hashlib.sha256)
    try:
        with open(path, "rb") as handle:
            done = 0
            while done < body:
                chunk = handle.read(min(CHUNK, body - done))
                if not chunk:
                    raise _refuse(path)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done / body)
            stored = handle.read(MAC_HEX)
    except OSError as error:
        raise _refuse(path) from error
    if not hmac.compare_digest(stored, digest.hexdigest().encode("ascii")):
        raise BackupRefused(
            N_(
                "{path} is damaged: its check code does not match (a changed byte, or a "
                "backup of another workspace)."
            ),
            path=path,
        )
    return digest.hexdigest()


def extract(contents: Contents, name: str, target: Path, progress: Progress | None = None) -> None:
    """Copy one member to `target` in chunks; its CRC-32 is checked at the end (zipfile)."""
    expected = contents.members[name].file_size
    try:
        free = shutil.disk_usage(target.parent).free
        if expected > free:
            raise BackupRefused(
                N_("Not enough disk space to unpack {path}: it needs {need} MB, {free} MB free."),
                path=contents.path,
                need=expected // 10**6 + 1,
                free=free // 10**6,
            )
        with zipfile.ZipFile(contents.path) as archive, archive.open(name) as member:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            with os.fdopen(fd, "wb") as out:
                copied = 0
                while chunk := member.read(CHUNK):
                    copied += len(chunk)
                    if copied > expected:
                        raise _refuse(contents.path)
                    out.write(chunk)
                    if progress and expected:
                        progress(copied / expected)
                out.flush()
                sync_file(out.fileno())
    except BackupRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        with contextlib.suppress(OSError):
            target.unlink()
        raise BackupRefused(
            N_("{path} is damaged: a part of it does not match its CRC or cannot be read."),
            path=contents.path,
        ) from error


def check_members(contents: Contents) -> None:
    """Read every member through (CRC-32 checked); nothing is kept. For format 1."""
    try:
        with zipfile.ZipFile(contents.path) as archive:
            for name in contents.members:
                with archive.open(name) as member:
                    while member.read(CHUNK):
                        pass
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise BackupRefused(
            N_("{path} is damaged: a part of it does not match its CRC or cannot be read."),
            path=contents.path,
        ) from error


_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


# -- writing --------------------------------------------------------------------------------------


def pack(
    db_copy: Path,
    keys: bytes,
    manifest_data: dict[str, Any],
    out: Path,
    db_key: bytes,
    progress: Progress | None = None,
) -> None:
    """Write a format-2 backup to `out` (a new file) and seal it; fsynced, not renamed."""
    size = db_copy.stat().st_size
    manifest_bytes = json.dumps({"format": FORMAT, **manifest_data}, sort_keys=True).encode()
    fd = os.open(out, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    with os.fdopen(fd, "w+b") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.comment = MAC_PREFIX + b"0" * MAC_HEX
            archive.writestr(MANIFEST_MEMBER, manifest_bytes)
            archive.writestr(KEYS_MEMBER, keys)
            info = zipfile.ZipInfo(DB_MEMBER, date_time=_zip_time())
            info.file_size = size
            with open(db_copy, "rb") as source, archive.open(info, "w") as member:
                copied = 0
                while chunk := source.read(CHUNK):
                    member.write(chunk)
                    copied += len(chunk)
                    if progress and size:
                        progress(0.8 * copied / size)
        _seal(handle, db_key, progress)
        handle.flush()
        sync_file(handle.fileno())


def _seal(handle: Any, db_key: bytes, progress: Progress | None) -> None:
    handle.flush()
    size = handle.seek(0, os.SEEK_END)
    handle.seek(size - COMMENT_LEN)
    if handle.read(COMMENT_LEN) != MAC_PREFIX + b"0" * MAC_HEX:
        raise OSError("the backup's end record is not where it was written")
    digest = hmac.new(mac_key(db_key), digestmod=hashlib.sha256)
    body = size - MAC_HEX
    handle.seek(0)
    done = 0
    while done < body:
        chunk = handle.read(min(CHUNK, body - done))
        digest.update(chunk)
        done += len(chunk)
        if progress:
            progress(0.8 + 0.2 * done / body)
    handle.seek(body)
    handle.write(digest.hexdigest().encode("ascii"))


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = time.localtime()
    return (now.tm_year, now.tm_mon, now.tm_mday, now.tm_hour, now.tm_min, now.tm_sec)
