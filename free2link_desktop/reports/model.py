"""Plain data that the report writers take: no database rows, no Qt, already translated.

The service layer gathers a case, its screenings and notes, and fills these dataclasses with
texts already in the report's language (questionnaire titles, questions, answer labels, indicator
titles); the writers only lay them out. Redaction is applied here too (`redacted()`), so that a
withheld field never reaches the PDF or the document fingerprint, whatever the caller passed.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

#: Fields that can be withheld from a referral (SPEC section 7). The alias is withheld unless
#: the coordinator chose to show it (`ReferralData.show_alias`).
REDACTABLE_FIELDS: tuple[str, ...] = (
    "alias",
    "birth_year",
    "gender",
    "nationality",
    "languages",
    "centre",
    "notes",
)
STRENGTHS: tuple[str, ...] = ("strong", "medium", "weak")


@dataclass(frozen=True)
class CaseDetails:
    code: str
    alias: str | None = None
    birth_year: int | None = None
    gender: str | None = None
    nationality: str | None = None
    languages: tuple[str, ...] = ()
    centre: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class ConsentInfo:
    """`given` None means no consent was recorded; `override` that the coordinator exported
    anyway (the service refuses otherwise and audits the override)."""

    given: bool | None
    date: date | None = None
    language: str | None = None
    override: bool = False


@dataclass(frozen=True)
class Recipient:
    name: str
    org_id: str = ""
    country: str = ""
    services: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Sender:
    organisation: str
    centre: str | None = None
    coordinator: str = ""
    contact: str = ""


@dataclass(frozen=True)
class AnswerLine:
    """A question as it was asked and the answer given, both in the report's language."""

    question: str
    answer: str


@dataclass(frozen=True)
class IndicatorEntry:
    id: str
    title: str
    strength: str  # strong | medium | weak
    online: bool = False
    sources: tuple[str, ...] = ()
    answers: tuple[AnswerLine, ...] = ()


@dataclass(frozen=True)
class DimensionEntry:
    id: str
    title: str
    indicators: tuple[IndicatorEntry, ...] = ()


@dataclass(frozen=True)
class ScreeningSection:
    questionnaire_title: str
    version: str
    date: date
    level: str  # high | medium | low | none (the questionnaire's own levels)
    label: str
    advice: str = ""
    dimensions: tuple[DimensionEntry, ...] = ()
    interviewer: str = ""
    interviewee_language: str = ""
    status: str = "completed"
    urgent: bool = False


@dataclass(frozen=True)
class NoteEntry:
    author: str
    written: datetime | date
    text: str


def new_document_id() -> str:
    """A short random id printed on the cover and recorded in the audit log."""
    token = secrets.token_hex(6).upper()
    return f"F2L-R-{token[:4]}-{token[4:8]}-{token[8:]}"


@dataclass(frozen=True)
class ReferralData:
    case: CaseDetails
    recipient: Recipient
    sender: Sender
    consent: ConsentInfo
    screenings: tuple[ScreeningSection, ...] = ()
    notes: tuple[NoteEntry, ...] = ()
    redactions: frozenset[str] = frozenset()
    show_alias: bool = False
    language: str = "en"
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    document_id: str = field(default_factory=new_document_id)

    def redacted(self) -> ReferralData:
        """A copy with every withheld field emptied (the alias unless `show_alias`)."""
        withheld = set(self.redactions)
        if not self.show_alias:
            withheld.add("alias")
        case = self.case
        changes: dict[str, Any] = {}
        for name in ("alias", "birth_year", "gender", "nationality", "centre"):
            if name in withheld:
                changes[name] = None
        if "languages" in withheld:
            changes["languages"] = ()
        sender = self.sender
        if "centre" in withheld:
            sender = replace(sender, centre=None)
        return replace(
            self,
            case=replace(case, **changes),
            sender=sender,
            notes=() if "notes" in withheld else self.notes,
            redactions=frozenset(withheld),
        )

    def fingerprint(self) -> str:
        """sha256 (hex) of the content after redaction, in a canonical JSON form.

        Computed over the redacted copy so that the printed fingerprint cannot be used to
        confirm a guess of a withheld value.
        """
        content = asdict(self.redacted())
        content["redactions"] = sorted(content["redactions"])
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def short_fingerprint(full: str) -> str:
    """The first 64 bits in four groups, short enough for a footer and to read on the phone."""
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))
