"""The files of a workspace folder, in one place."""

from __future__ import annotations

import contextlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.storage.atomic import write_atomically

DB_NAME = "workspace.db"
KEYS_NAME = "keys.json"
BACKUPS_DIR = "backups"
FAILURES_NAME = "unlock-failures.json"
MAX_DELAY_SECONDS = 60.0


@dataclass(frozen=True)
class WorkspaceLayout:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def keys(self) -> Path:
        return self.root / KEYS_NAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUPS_DIR

    @property
    def failures(self) -> Path:
        return self.root / FAILURES_NAME

    def exists(self) -> bool:
        return self.db.is_file() and self.keys.is_file()


class FailedUnlocks:
    """Failed unlock attempts, kept outside the database (it is closed when they happen).

    Holds only staff user names (or "recovery key"), the kind of secret and times, nothing
    about a person. They are written to the audit log at the next successful unlock, then
    cleared. The file is not trusted: a time in the future counts as now, a time that is not a
    number counts as now, and the delay never exceeds MAX_DELAY_SECONDS whatever it holds.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def check_kind(self) -> None:
        """Refuse clearly when something other than a file sits where the record belongs."""
        if self.path.exists() and not self.path.is_file():
            raise WorkspaceUnavailable(
                N_(
                    "{path} should be a file but is not (a folder?). Move it out of the "
                    "workspace folder and try again."
                ),
                path=self.path,
            )

    def _load(self) -> list[dict[str, object]]:
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, list):
            return []
        return [e for e in data if isinstance(e, dict)]

    def record(self, user: str, kind: str = "password") -> None:
        events = self._load()
        events.append({"user": user, "kind": kind, "at": time.time()})
        # A full disk or a read-only folder must not turn "wrong password" into a traceback.
        with contextlib.suppress(OSError):
            write_atomically(self.path, json.dumps(events[-1000:]).encode("utf-8"))

    def events(self) -> list[dict[str, object]]:
        return self._load()

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            self.path.unlink()

    def seconds_to_wait(self) -> float:
        """1 s after the first failure, then 2, 4, … capped at 60 s; never more.

        A time in the future or one that is not a number is taken as now and written back as
        now, so the wait runs out like any other instead of starting again at every look.
        """
        events = self._load()
        if not events:
            return 0.0
        now = time.time()
        delay = min(MAX_DELAY_SECONDS, 2.0 ** min(len(events) - 1, 16))
        last = events[-1].get("at")
        if (
            isinstance(last, bool)
            or not isinstance(last, (int, float))
            or not math.isfinite(last)
            or last > now
        ):
            last = now
            events[-1]["at"] = now
            with contextlib.suppress(OSError):
                write_atomically(self.path, json.dumps(events[-1000:]).encode("utf-8"))
        return min(MAX_DELAY_SECONDS, max(0.0, float(last) + delay - now))
