"""Atomic file writes (as Electrum does): restrictive permissions first, write, fsync, rename.

What each step means on each system (docs/install.md, "Windows and macOS"):
- `os.chmod(0o600)` limits the file to its owner on Linux and macOS. On Windows it only clears
  the read-only flag: there the folder's access list (the user's own profile folder, where the
  default workspace lives) is what keeps other accounts out, and the encryption keeps out
  whoever copies the files.
- `os.fsync` reaches the disk on Linux and Windows; on macOS it stops at the drive's cache, and
  only `fcntl(F_FULLFSYNC)` survives a power cut, so that is used there.
- `os.replace` over a file that another program holds open (a PDF reader, a spreadsheet, a virus
  scanner or the search indexer that looks at every new file) fails on Windows with "access
  denied" for a moment or for as long as the program holds it: the rename is tried again for a
  few seconds, then the message says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from pathlib import Path

from free2link_desktop.i18n import _
from free2link_desktop.storage.filenames import check_file_name

#: Windows: how long a transient refusal of the rename is waited out (a virus scanner or the
#: indexer opening a new file usually lets go within a second).
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_SECONDS = 0.05  # doubled after each attempt, so about 3 s in all before giving up


def write_atomically(path: Path, data: bytes, *, platform: str = sys.platform) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    check_file_name(path, platform)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp_name, 0o600)  # owner only on Linux and macOS; see the module's docstring
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            sync_file(handle.fileno(), platform)
        replace_file(tmp_name, path, platform=platform)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_directory(path.parent, platform)


def sync_file(fd: int, platform: str = sys.platform) -> None:
    """Flush a file to the disk itself, past the drive's own cache on macOS."""
    if platform == "darwin":
        import fcntl

        full_fsync = getattr(fcntl, "F_FULLFSYNC", None)
        if full_fsync is not None:
            try:
                fcntl.fcntl(fd, full_fsync)
                return
            except OSError:
                pass  # some file systems (network, FAT on a stick) refuse it: plain fsync then
    os.fsync(fd)


def replace_file(
    source: Path | str,
    target: Path | str,
    *,
    platform: str = sys.platform,
    attempts: int = REPLACE_ATTEMPTS,
    pause: float = REPLACE_PAUSE_SECONDS,
) -> None:
    """`os.replace`, with Windows' refusals while another program holds the target waited out.

    Elsewhere a refused rename means a real permission problem and fails at once.
    """
    tries = max(attempts, 1) if platform == "win32" else 1
    for attempt in range(tries):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if attempt + 1 < tries:
                time.sleep(pause * 2**attempt)
                continue
            if platform == "win32":
                raise PermissionError(
                    error.errno or errno.EACCES,
                    _(
                        "another program has the file open (a PDF reader, a spreadsheet or a "
                        "virus scanner); close it and try again"
                    ),
                    str(target),
                ) from error
            raise


def fsync_directory(folder: Path, platform: str = sys.platform) -> None:
    """Make a rename durable. Windows has no such call (NTFS journals the rename itself)."""
    if platform == "win32" or os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
