"""Dates, times and the words for case and screening states, in the staff language."""

from __future__ import annotations

from datetime import date, datetime

from free2link_desktop.i18n import N_, _, pgettext
from free2link_desktop.i18n.formatting import format_date, format_datetime

_STATUS = {
    "open": N_("Open"),
    "referred": N_("Referred"),
    "closed": N_("Closed"),
}
_SCREENING_STATUS = {
    "in_progress": N_("In progress"),
    "paused": N_("Paused"),
    "completed": N_("Completed"),
    "stopped": N_("Stopped"),
}
_LEVEL = {
    "high": N_("High"),
    "medium": N_("Medium"),
    "low": N_("Low"),
    "none": N_("No indicators"),
}
_ROLE = {
    "admin": N_("Administrator"),
    "coordinator": N_("Coordinator"),
    "interviewer": N_("Interviewer"),
    "caseworker": N_("Caseworker"),
}

CASE_STATUSES = tuple(_STATUS)
ROLES = tuple(_ROLE)


def fmt_date(value: date | None) -> str:
    if value is None:
        return ""
    return format_date(value, "medium")


def fmt_datetime(value: datetime | None, length: str = "medium") -> str:
    if value is None:
        return ""
    return format_datetime(value, length)


def isolate(text: str | None) -> str:
    """Text someone typed (an alias, a centre, a note), set apart for the bidi algorithm.

    Wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, it keeps its own direction
    inside a right-to-left screen ("Olena K." does not become ".Olena K") and does not turn the
    words around it. The marks are invisible.
    """
    return f"\u2068{text}\u2069" if text else ""


def _lookup(table: dict[str, str], key: object) -> str:
    text = str(key) if key is not None else ""
    return _(table[text]) if text in table else text


def case_status(status: str | None) -> str:
    return _lookup(_STATUS, status)


def screening_status(status: str | None) -> str:
    return _lookup(_SCREENING_STATUS, status)


def level(level_name: str | None) -> str:
    return _lookup(_LEVEL, level_name) if level_name else ""


def strength(value: str) -> str:
    """An indicator's strength as a title word.

    With its own context: Greek inflects "Medium" for an indicator (masculine) and for an
    assessment level (neuter) differently, and `level` uses the plain word.
    """
    titles = {
        "strong": pgettext("indicator strength", "Strong"),
        "medium": pgettext("indicator strength", "Medium"),
        "weak": pgettext("indicator strength", "Weak"),
    }
    return titles.get(value, value)


def role(role_name: object) -> str:
    return _lookup(_ROLE, getattr(role_name, "value", role_name))
