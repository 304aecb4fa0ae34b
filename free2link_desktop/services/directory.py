"""The referral directory: the bundled entries plus the ones coordinators add or edit.

Bundled entries (questionnaires/directory.yaml) are a starting point with their source and
verification date. A coordinator's entry is kept inside the encrypted workspace; one with the
id of a bundled entry replaces it there (e.g. a newer phone number), and a bundled entry can be
hidden. Organisations are not people, but where the centre refers people is still kept private.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.questionnaire import load_directory
from free2link_desktop.core.questionnaire.model import Organisation, Text
from free2link_desktop.core.text import check_free_text, check_single_line, shown
from free2link_desktop.i18n import N_
from free2link_desktop.paths import questionnaires_dir
from free2link_desktop.services import permissions
from free2link_desktop.services.settings import COUNTRIES
from free2link_desktop.storage.repositories.settings import SettingsRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

CUSTOM_KEY = "directory.entries"
HIDDEN_KEY = "directory.hidden"
ORG_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")
_TEXT_FIELDS = ("name", "address", "hours", "notes")
#: The longest one-line text of an entry (a name, a phone, a website).
MAX_LINE = 500


def bundled_organisations() -> tuple[Organisation, ...]:
    path = questionnaires_dir() / "directory.yaml"
    return load_directory(path).organisations if path.is_file() else ()


def to_record(org: Organisation) -> dict[str, Any]:
    record = asdict(org)
    for name in _TEXT_FIELDS:
        record[name] = dict(getattr(org, name).values)
    record["services"] = [dict(s.values) for s in org.services]
    record["verified"] = org.verified.isoformat() if org.verified else None
    return record


def from_record(record: dict[str, Any]) -> Organisation:
    fields = dict(record)
    for name in _TEXT_FIELDS:
        fields[name] = Text(dict(fields.get(name) or {}))
    fields["services"] = tuple(Text(dict(s)) for s in fields.get("services") or ())
    for name in ("languages", "phone", "email", "website"):
        fields[name] = tuple(fields.get(name) or ())
    fields["verified"] = date.fromisoformat(fields["verified"]) if fields.get("verified") else None
    return Organisation(**fields)


def _check_texts(org: Organisation) -> None:
    """Names, phones, addresses...: valid text; the one-line ones without control characters
    (a newline in a name would forge a line in every listing and report that shows it)."""
    one_line: list[tuple[str, str]] = [
        (N_("The organisation's name"), t) for t in org.name.values.values()
    ]
    one_line += [(N_("A service"), t) for s in org.services for t in s.values.values()]
    one_line += [(N_("A language"), t) for t in org.languages]
    one_line += [(N_("A phone number"), t) for t in org.phone]
    one_line += [(N_("An e-mail address"), t) for t in org.email]
    one_line += [(N_("A website"), t) for t in org.website]
    for what, text in one_line:
        check_single_line(str(text), what, limit=MAX_LINE)
    check_single_line(org.source, N_("The source"), limit=MAX_LINE * 10)  # a full citation
    for what, field in (
        (N_("The address"), org.address),
        (N_("The opening hours"), org.hours),
        (N_("The notes"), org.notes),
    ):
        for text in field.values.values():
            check_free_text(str(text), what, limit=MAX_LINE * 10)


def check(org: Organisation) -> Organisation:
    if not isinstance(org.id, str) or not ORG_ID.fullmatch(org.id):
        raise InputRefused(
            N_("An organisation id has 2 to 61 lower-case letters, digits or dashes: {id}"),
            id=shown(org.id),
        )
    _check_texts(org)
    if org.country not in COUNTRIES:
        raise InputRefused(
            N_("The country must be one of {countries}."), countries=", ".join(COUNTRIES)
        )
    if not any(v.strip() for v in org.name.values.values()):
        raise InputRefused(N_("The organisation needs a name."))
    if not (org.phone or org.email or org.website):
        raise InputRefused(
            N_("Give at least one way to reach {id}: a phone, an e-mail or a website."), id=org.id
        )
    return org


class DirectoryService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _settings(self) -> SettingsRepository:
        return SettingsRepository(self.session.db)

    def _custom(self) -> dict[str, Organisation]:
        return {r["id"]: from_record(r) for r in self._settings.get(CUSTOM_KEY, [])}

    def organisations(self, country: str | None = None) -> list[Organisation]:
        """Every visible entry (bundled order first, then the coordinators' own)."""
        custom = self._custom()
        hidden = set(self._settings.get(HIDDEN_KEY, []))
        merged = {org.id: org for org in bundled_organisations()}
        merged.update(custom)
        found = [org for oid, org in merged.items() if oid not in hidden]
        if country:
            found = [org for org in found if org.country == country.upper()]
        return found

    def get(self, organisation_id: str) -> Organisation:
        for org in self.organisations():
            if org.id == organisation_id:
                return org
        raise NotFound(
            N_("There is no organisation {id} in the referral directory."), id=organisation_id
        )

    def is_bundled(self, organisation_id: str) -> bool:
        return any(org.id == organisation_id for org in bundled_organisations())

    def save(self, org: Organisation) -> Organisation:
        """Add an entry or replace one (a bundled one is replaced in this workspace only)."""
        self.session.require(permissions.DIRECTORY_MANAGE)
        org = check(
            replace(
                org,
                verified=org.verified or date.today(),
                source=org.source or "entered by a coordinator",
            )
        )
        custom = self._custom()
        custom[org.id] = org
        hidden = [h for h in self._settings.get(HIDDEN_KEY, []) if h != org.id]
        with self.session.db.transaction():
            self._settings.set(CUSTOM_KEY, [to_record(o) for o in custom.values()])
            self._settings.set(HIDDEN_KEY, hidden)
            self.session.record("directory.save", "organisation", org.id)
        return org

    def remove(self, organisation_id: str) -> None:
        """Remove an own entry; hide a bundled one (it can be saved again to show it)."""
        self.session.require(permissions.DIRECTORY_MANAGE)
        self.get(organisation_id)
        custom = self._custom()
        custom.pop(organisation_id, None)
        hidden = list(self._settings.get(HIDDEN_KEY, []))
        if self.is_bundled(organisation_id) and organisation_id not in hidden:
            hidden.append(organisation_id)
        with self.session.db.transaction():
            self._settings.set(CUSTOM_KEY, [to_record(o) for o in custom.values()])
            self._settings.set(HIDDEN_KEY, hidden)
            self.session.record("directory.remove", "organisation", organisation_id)
