"""Workspace-wide settings, kept inside the encrypted database (never in Qt settings)."""

from __future__ import annotations

import json
from typing import Any

from free2link_desktop.storage.database import Database


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        text = self.db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if text is None else json.loads(text)

    def set(self, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )
