"""Whom to call, for the urgent panel and the result: the centre's own contact and the numbers
the directory holds for the centre's country. One place, so both screens name the same lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from free2link_desktop.i18n import _, current_language
from free2link_desktop.ui.interview.texts import ltr_isolate, pick
from free2link_desktop.ui.interview.urgent import EMERGENCY_NUMBER, ordered_entries

if TYPE_CHECKING:
    from free2link_desktop.core.questionnaire.model import Organisation
    from free2link_desktop.services.session import Session


def country_entries(session: Session) -> tuple[str, list[Organisation]]:
    """The centre's country and its directory entries (none when no country is set)."""
    country = str(session.settings.get("country") or "")
    return country, list(session.directory.organisations(country)) if country else []


def centre_contact(session: Session) -> str:
    """'Centre name — phone' as an administrator set it in the settings ("" when not set)."""
    settings = session.settings
    parts = (settings.get("sender_organisation"), settings.get("sender_contact"))
    return " — ".join(str(part) for part in parts if part)


def number_lines(session: Session, limit: int = 4) -> list[str]:
    """'Name: number' lines for the centre's country, 112 first, then emergency entries.

    Each number is isolated left-to-right, or Arabic text turns 800 290 290 around.
    """
    _country, entries = country_entries(session)
    if not entries:
        return []
    staff = current_language()
    lines = []
    for org in ordered_entries(entries):
        if not org.phone or (org.emergency and list(org.phone) == [EMERGENCY_NUMBER]):
            continue  # 112 has its own line
        phones = ", ".join(ltr_isolate(phone) for phone in org.phone)
        lines.append(f"{pick(org.name, staff)}: {phones}")
    emergency = _("Emergency (police, ambulance, fire): {number}").format(number=EMERGENCY_NUMBER)
    return [emergency, *lines[:limit]]
