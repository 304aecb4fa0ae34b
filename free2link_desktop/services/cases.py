"""Cases and follow-ups: create, find, view (audited), change, record consent, erase."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.cases import CASE_STATUSES, Case, CaseSummary, Consent, FollowUp
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.text import check_encodable, check_single_line, shown
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.cases import EDITABLE_FIELDS, CaseRepository
from free2link_desktop.storage.repositories.followups import FollowUpRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

MAX_ALIAS = 200
MAX_FIELD = 200
_FIELD_LABELS = {
    "gender": N_("The gender"),
    "nationality": N_("The nationality"),
    "centre": N_("The centre"),
}


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Refuse what does not fit, with a message naming the field."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InputRefused(
            N_("Unknown case field: {field}."), field=", ".join(sorted(map(shown, unknown)))
        )
    clean = dict(fields)
    if "alias" in clean:
        alias = str(clean["alias"] or "").strip()
        if not alias:
            raise InputRefused(N_("An alias is needed (a pseudonym, not the person's name)."))
        clean["alias"] = check_single_line(alias, N_("The alias"), limit=MAX_ALIAS)
    if clean.get("birth_year") not in (None, ""):
        try:
            year = int(clean["birth_year"])
        except (TypeError, ValueError):
            raise InputRefused(N_("The year of birth must be a number.")) from None
        if not 1900 <= year <= date.today().year:
            raise InputRefused(N_("The year of birth {year} is not plausible."), year=year)
        clean["birth_year"] = year
    elif "birth_year" in clean:
        clean["birth_year"] = None
    if "status" in clean and clean["status"] not in CASE_STATUSES:
        raise InputRefused(N_("Unknown status {status}."), status=clean["status"])
    if "languages" in clean:
        value = clean["languages"] or ()
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        clean["languages"] = tuple(
            check_single_line(str(v), N_("A language"), limit=MAX_FIELD) for v in value if v
        )
    for name in ("gender", "nationality", "centre"):
        if name in clean:
            text = str(clean[name] or "").strip()
            clean[name] = check_single_line(text, _FIELD_LABELS[name], limit=MAX_FIELD) or None
    return clean


class CaseService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _repo(self) -> CaseRepository:
        return CaseRepository(self.session.db)

    def case_id(self, code: str) -> int:
        case_id = self._repo.id_of(code)
        if case_id is None:
            raise NotFound(N_("There is no case {code}."), code=code)
        return case_id

    def create(self, alias: str, **fields: Any) -> Case:
        self.session.require(permissions.CASE_EDIT)
        clean = _check_fields({"alias": alias, **fields})
        if not clean.get("centre"):
            clean["centre"] = self.session.settings.get("default_centre") or None
        country = self.session.settings.get("country")
        db = self.session.db
        with db.transaction():
            code = self._repo.next_code(f"{country}-{date.today().year}")
            self._repo.insert(code, clean.pop("alias"), clean, self.session.user.name)
            self.session.record("case.create", "case", code)
        return self.get(code, audit=False)

    def get(self, code: str, *, audit: bool = True) -> Case:
        """The case; viewing it is recorded in the audit log."""
        self.session.require(permissions.CASE_VIEW)
        case = self._repo.get(code)
        if case is None:
            raise NotFound(N_("There is no case {code}."), code=code)
        if audit:
            self.session.record("case.view", "case", code)
        return case

    def update(self, code: str, **fields: Any) -> Case:
        self.session.require(permissions.CASE_EDIT)
        clean = _check_fields(fields)
        self.case_id(code)
        with self.session.db.transaction():
            self._repo.update(code, clean)
            self.session.record("case.update", "case", code, {"fields": sorted(clean)})
        return self.get(code, audit=False)

    def set_status(self, code: str, status: str) -> Case:
        return self.update(code, status=status)

    def record_consent(self, code: str, consent: Consent) -> Case:
        self.session.require(permissions.CASE_EDIT)
        if consent.given and consent.date is None:
            raise InputRefused(N_("Give the date on which consent was given."))
        if consent.date and consent.date > date.today():
            raise InputRefused(N_("The consent date cannot be in the future."))
        self.case_id(code)
        with self.session.db.transaction():
            self._repo.set_consent(code, consent)
            self.session.record("case.consent", "case", code, {"given": consent.given})
        return self.get(code, audit=False)

    def erase(self, code: str) -> None:
        """Remove the case, its notes, answers and index entries (secure_delete zeroes pages)."""
        self.session.require(permissions.CASE_ERASE)
        self.case_id(code)
        with self.session.db.transaction():
            self._repo.delete(code)
            self.session.record("case.erase", "case", code)
        self.session.db.checkpoint()

    def list_page(
        self,
        offset: int,
        limit: int,
        *,
        search: str = "",
        status: str | None = None,
        centre: str | None = None,
        sort: str = "updated_desc",
    ) -> list[CaseSummary]:
        self.session.require(permissions.CASE_VIEW)
        check_encodable(search, N_("The search"))
        return self._repo.page(offset, limit, search, status, centre, sort)

    def count(
        self, *, search: str = "", status: str | None = None, centre: str | None = None
    ) -> int:
        self.session.require(permissions.CASE_VIEW)
        check_encodable(search, N_("The search"))
        return self._repo.count(search, status, centre)

    def centres(self) -> list[str]:
        self.session.require(permissions.CASE_VIEW)
        return self._repo.centres()


class FollowUpService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, code: str, due: date, text: str) -> FollowUp:
        self.session.require(permissions.CASE_EDIT)
        if not text.strip():
            raise InputRefused(N_("Say what the follow-up is."))
        case_id = self.session.cases.case_id(code)
        with self.session.db.transaction():
            new_id = FollowUpRepository(self.session.db).insert(case_id, due, text.strip())
            self.session.record("followup.add", "case", code, {"followup": new_id})
        return next(f for f in self.list(code) if f.id == new_id)

    def list(self, code: str) -> list[FollowUp]:
        self.session.require(permissions.CASE_VIEW)
        return FollowUpRepository(self.session.db).for_case(self.session.cases.case_id(code))

    def set_done(self, followup_id: int, done: bool) -> None:
        self.session.require(permissions.CASE_EDIT)
        with self.session.db.transaction():
            case_id = FollowUpRepository(self.session.db).set_done(followup_id, done)
            if case_id is None:
                raise NotFound(N_("There is no such follow-up."))
            self.session.record("followup.done", "followup", str(followup_id), {"done": done})
