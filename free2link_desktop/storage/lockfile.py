"""One running instance per workspace: a lock file holding the owner's pid.

A lock left behind by a process that no longer runs (a crash, a power cut) is taken over, so a
crash never leaves a workspace that will not open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_

LOCK_NAME = "workspace.lock"


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self.held = False

    def acquire(self) -> None:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                owner = self.owner()
                if owner is not None and _pid_running(owner):
                    raise WorkspaceUnavailable(
                        N_(
                            "This workspace is already open in another Free2Link window or "
                            "command (process {pid}). Close it first."
                        ),
                        pid=owner,
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except PermissionError as error:
                raise WorkspaceUnavailable(
                    N_("The workspace folder {path} is not writable."), path=self.path.parent
                ) from error
            # On a full disk the pid cannot be written; the lock (the file) is held all the
            # same, so that reading still works (issue 14). Superseded by the OS lock.
            with contextlib.suppress(OSError), os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            self.held = True
            return
        raise WorkspaceUnavailable(N_("Could not lock the workspace {path}."), path=self.path)

    def owner(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or 0)
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False
