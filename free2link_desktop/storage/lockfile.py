"""One running instance per workspace: an operating-system lock on `workspace.lock`.

The lock is taken with `fcntl.flock` (Linux, macOS) or `msvcrt.locking` (Windows) on an open
handle of the file, so the operating system drops it when the process ends in any way (a crash,
a kill, a power cut): nothing stale is ever left to take over, and no pid is ever tested. The
earlier design tested the owner with `os.kill(pid, 0)`, which on Windows sends Ctrl+C (or fails
and read as "owner gone": two writers), and which a reused pid fooled on every system.

The owner's pid is still written into the file, but only to name the process in the message; it
is never trusted. On Windows a lock is mandatory for the bytes it covers, so the lock covers one
byte far beyond the pid text (allowed past the end of a file): the pid stays readable.

The file is never deleted on release. Deleting it would let a third process create and lock a new
file under the same name while a second one still waits on (and then wins) the old one.

Why not the `filelock` library: on Windows it locks byte 0, where the pid would be, so a second
start could not read it (the 3.x releases also opened the file with O_TRUNC, erasing the pid
before even trying the lock); and its 4.x releases are some 15,000 lines (soft locks, leases,
SQLite and async variants) around the two system calls needed here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_

LOCK_NAME = "workspace.lock"
#: Where the one locked byte lies on Windows: past the pid text, which stays readable.
WINDOWS_LOCK_OFFSET = 4096
#: A pid is a few digits; reading more than this never tells anything more.
_PID_TEXT_MAX = 32


class _Held(Exception):
    """Another open handle (another process, or another open in this one) holds the lock."""


def _lock_posix(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - the other branch is chosen there
        raise OSError(errno.ENOSYS, "fcntl is not available on Windows")
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        raise _Held from error


def _unlock_posix(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_windows(fd: int) -> None:
    if sys.platform != "win32":
        raise OSError(errno.ENOSYS, "msvcrt is only available on Windows")
    import msvcrt

    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as error:
        # _locking reports a region held by another handle as EACCES (EDEADLOCK after retries).
        if error.errno in (errno.EACCES, errno.EDEADLOCK):
            raise _Held from error
        raise


def _unlock_windows(fd: int) -> None:
    if sys.platform != "win32":
        return
    import msvcrt

    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


LockCall = Callable[[int], None]


def lock_calls(platform: str) -> tuple[LockCall, LockCall]:
    """The lock and unlock calls for `platform` (a `sys.platform` value).

    A parameter rather than a look at `sys.platform` inside, so the choice is testable anywhere.
    """
    if platform == "win32":
        return (_lock_windows, _unlock_windows)
    return (_lock_posix, _unlock_posix)


def open_flags(platform: str) -> int:
    """Read-write and created if missing, but never truncated: a second start must not erase the
    owner's pid before it even tries the lock. No symlink followed where the system can refuse
    one; binary on Windows. (`os.open` makes the handle non-inheritable everywhere, so a child
    process never keeps the lock alive after we die.)"""
    flags = os.O_RDWR | os.O_CREAT
    if platform == "win32":
        return flags | getattr(os, "O_BINARY", 0)
    return flags | getattr(os, "O_NOFOLLOW", 0)


def read_owner(path: Path) -> int | None:
    """The pid written by the holder, for the message only; None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            text = handle.read(_PID_TEXT_MAX).decode("ascii").strip()
        pid = int(text)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 else None


class InstanceLock:
    """The workspace's instance lock; `acquire` refuses clearly when another process holds it."""

    def __init__(self, folder: Path, *, platform: str = sys.platform) -> None:
        self.path = folder / LOCK_NAME
        self.platform = platform
        self._lock, self._unlock = lock_calls(platform)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        fd = self._open()
        try:
            self._lock(fd)
        except _Held:
            os.close(fd)
            raise self._held_elsewhere() from None
        except OSError as error:
            os.close(fd)
            raise WorkspaceUnavailable(
                N_("Could not lock the workspace {path}: {reason}"),
                path=self.path,
                reason=error.strerror or error,
            ) from error
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError:
            # Only information for the message of a second start; the lock itself is held.
            pass
        self._fd = fd

    def _open(self) -> int:
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise self._wrong_kind()
        try:
            fd = os.open(self.path, open_flags(self.platform), 0o600)
        except PermissionError as error:
            raise WorkspaceUnavailable(
                N_("The workspace folder {path} is not writable."), path=self.path.parent
            ) from error
        except OSError as error:
            if error.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO):
                raise self._wrong_kind() from error
            raise WorkspaceUnavailable(
                N_("Could not lock the workspace {path}: {reason}"),
                path=self.path,
                reason=error.strerror or error,
            ) from error
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the check
            os.close(fd)
            raise self._wrong_kind()
        return fd

    def _wrong_kind(self) -> WorkspaceUnavailable:
        return WorkspaceUnavailable(
            N_(
                "{path} must be a plain file (Free2Link uses it to keep a second copy from "
                "opening the workspace), but it is a folder or a link. Move it out of the "
                "workspace folder and try again."
            ),
            path=self.path,
        )

    def _held_elsewhere(self) -> WorkspaceUnavailable:
        owner = read_owner(self.path)
        if owner is None:
            return WorkspaceUnavailable(
                N_(
                    "This workspace is already open in another Free2Link window or command. "
                    "Close it first."
                )
            )
        return WorkspaceUnavailable(
            N_(
                "This workspace is already open in another Free2Link window or "
                "command (process {pid}). Close it first."
            ),
            pid=owner,
        )

    def owner(self) -> int | None:
        return read_owner(self.path)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self._unlock(fd)
        os.close(fd)
