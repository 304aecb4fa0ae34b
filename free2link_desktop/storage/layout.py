"""The files of a workspace folder, in one place."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

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

    Holds only staff user names and times, nothing about a person. They are written to the audit
    log at the next successful unlock, then cleared.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> list[dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [e for e in data if isinstance(e, dict)]
        except (OSError, ValueError):
            return []

    def record(self, user: str) -> None:
        events = self._load()
        events.append({"user": user, "at": time.time()})
        write_atomically(self.path, json.dumps(events[-1000:]).encode("utf-8"))

    def events(self) -> list[dict[str, object]]:
        return self._load()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def seconds_to_wait(self) -> float:
        """1 s after the first failure, then 2, 4, … capped at 60 s."""
        events = self._load()
        if not events:
            return 0.0
        delay = min(MAX_DELAY_SECONDS, 2.0 ** (len(events) - 1))
        last = float(events[-1].get("at", 0.0))  # type: ignore[arg-type]
        return max(0.0, last + delay - time.time())
