"""Value types for people's cases, notes, follow-ups and screenings, shared by every layer.

They are plain frozen dataclasses so the storage layer can return them and the GUI, the command
line and the reports can use them without knowing about SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from free2link_desktop.i18n import N_

CASE_STATUSES = ("open", "referred", "closed")
SCREENING_STATUSES = ("in_progress", "paused", "completed", "stopped")
#: The genders the case form offers, with their labels (translated where they are shown).
GENDER_LABELS = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other")}
#: Case fields that a referral may leave out (SPEC section 7, `report --redact`).
REDACTABLE_FIELDS = ("alias", "birth_year", "nationality", "centre", "notes")


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    INTERVIEWER = "interviewer"
    CASEWORKER = "caseworker"


def gender_label(value: str | None, translate: Callable[[str], str]) -> str:
    """The recorded gender as a reader sees it: a known value translated, any other as stored
    (the command line accepts free text), '' when none is recorded."""
    if not value:
        return ""
    label = GENDER_LABELS.get(value)
    return translate(label) if label else value


@dataclass(frozen=True)
class User:
    name: str
    role: Role


@dataclass(frozen=True)
class Consent:
    given: bool | None = None
    date: date | None = None
    witness: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Case:
    code: str
    alias: str
    birth_year: int | None
    gender: str | None
    nationality: str | None
    languages: tuple[str, ...]
    centre: str | None
    status: str
    consent: Consent
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CaseSummary:
    code: str
    alias: str
    status: str
    centre: str | None
    updated_at: datetime
    screening_count: int
    latest_level: str | None


@dataclass(frozen=True)
class Note:
    id: int
    case_code: str
    author: str
    created_at: datetime
    updated_at: datetime
    text: str
    revision_count: int


@dataclass(frozen=True)
class NoteRevision:
    text: str
    saved_at: datetime
    author: str


@dataclass(frozen=True)
class FollowUp:
    id: int
    case_code: str
    due: date
    text: str
    done: bool


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    case_code: str
    questionnaire_id: str
    version: str
    sha256: str
    interviewee_language: str
    status: str
    started_at: datetime
    updated_at: datetime
    current_question: str | None
    level: str | None
    interviewer: str
    result_json: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    action: str
    object_type: str
    object_id: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    count: int
    first_broken_id: int | None = None
