"""Workspace settings (inside the encrypted database, never in Qt settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.settings import SettingsRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

DEFAULTS: dict[str, Any] = {
    "autolock_minutes": 5,
    "country": "IT",
    "default_centre": "",
    "sender_organisation": "",
    "sender_contact": "",
    "language": "en",
}
COUNTRIES = ("IT", "GR", "PL")


class SettingsService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: Any = None) -> Any:
        fallback = DEFAULTS.get(key) if default is None else default
        return SettingsRepository(self.session.db).get(key, fallback)

    def set(self, key: str, value: Any) -> None:
        self.session.require(permissions.SETTINGS_MANAGE)
        if key == "autolock_minutes" and (not isinstance(value, int) or not 1 <= value <= 240):
            raise InputRefused(N_("Auto-lock must be between 1 and 240 minutes."))
        if key == "country" and value not in COUNTRIES:
            raise InputRefused(
                N_("The country must be one of {countries}."), countries=", ".join(COUNTRIES)
            )
        with self.session.db.transaction():
            SettingsRepository(self.session.db).set(key, value)
            self.session.record("settings.change", "setting", key)
