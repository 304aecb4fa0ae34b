"""Exports that leave the workspace: referral reports and anonymised statistics.

A referral needs recorded consent, or an explicit override that the audit log records; every
export is audited with who, which case, which recipient and which sections (ids and facts only).
The file goes through services/outputs.py (never inside the workspace folder, never replacing a
file unless asked, renamed into place only when complete), inside the audit transaction, so there
is no export without its audit entry and no audit entry for a file that was not written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire import Questionnaire
from free2link_desktop.i18n import LANGUAGES, N_
from free2link_desktop.reports.layout import translator
from free2link_desktop.reports.model import (
    REDACTABLE_FIELDS,
    ConsentInfo,
    NoteEntry,
    Recipient,
    ReferralData,
    Sender,
)
from free2link_desktop.reports.referral import referral_pdf
from free2link_desktop.reports.statistics import (
    IndicatorInfo,
    ScreeningFacts,
    StatisticsData,
    aggregate,
    statistics_csv,
)
from free2link_desktop.reports.statistics_pdf import statistics_pdf
from free2link_desktop.services import outputs, permissions
from free2link_desktop.services.referral_content import (
    case_details,
    language_name,
    recipient_from,
    screening_section,
)
from free2link_desktop.storage.repositories.screenings import ScreeningRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session


@dataclass(frozen=True)
class ReferralExport:
    path: Path
    document_id: str
    fingerprint: str  # sha256 of the content, hex
    screenings: int
    notes: int
    encrypted: bool


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InputRefused(
            N_("There is no report language {language}; choose one of {choices}."),
            language=language,
            choices=", ".join(LANGUAGES),
        )


#: what the case lacks, one message each so that every language can say it its own way
_NOT_IN_CASE = {
    "screening": N_("This case has no screening {ids}."),
    "note": N_("This case has no note {ids}."),
}


def _pick(wanted: Sequence[int] | None, available: Iterable[int], what: str) -> list[int]:
    ids = list(available)
    if wanted is None:
        return ids
    unknown = sorted(set(wanted) - set(ids))
    if unknown:
        raise InputRefused(_NOT_IN_CASE[what], ids=", ".join(map(str, unknown)))
    return [i for i in ids if i in set(wanted)]


class ReportService:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- referral ------------------------------------------------------------------------------
    def _gather(
        self,
        code: str,
        *,
        language: str,
        recipient_id: str | None,
        redact: Iterable[str],
        screening_ids: Sequence[int] | None,
        note_ids: Sequence[int] | None,
        consent_override: bool,
        show_alias: bool,
    ) -> tuple[ReferralData, list[int], list[int]]:
        session = self.session
        session.require(permissions.REPORT_EXPORT)
        _check_language(language)
        redactions = frozenset(redact)
        unknown = sorted(redactions - set(REDACTABLE_FIELDS))
        if unknown:
            raise InputRefused(
                N_("Cannot leave out {fields}; choose from {choices}."),
                fields=", ".join(unknown),
                choices=", ".join(REDACTABLE_FIELDS),
            )
        case = session.cases.get(code, audit=False)
        if case.consent.given is not True and not consent_override:
            raise InputRefused(
                N_(
                    "Case {code} has no recorded consent to a referral. Record the consent "
                    "first, or export with the consent override (it is written to the audit "
                    "log)."
                ),
                code=code,
            )
        records = {r.id: r for r in session.screenings.list_for_case(code)}
        chosen_screenings = _pick(screening_ids, records, "screening")
        sections = []
        for screening_id in chosen_screenings:
            record = records[screening_id]
            guide: Questionnaire = session.screenings.questionnaire_for(record)
            result = session.screenings.result(screening_id)
            answers = session.screenings.answers(screening_id)
            sections.append(screening_section(record, guide, result, answers, language))
        notes = [] if "notes" in redactions else session.notes.list(code)
        by_id = {note.id: note for note in notes}
        chosen_notes = [] if "notes" in redactions else _pick(note_ids, by_id, "note")
        settings = session.settings
        data = ReferralData(
            case=case_details(case, language),
            recipient=self._recipient(recipient_id, language),
            sender=Sender(
                organisation=str(settings.get("sender_organisation") or ""),
                centre=case.centre or str(settings.get("default_centre") or "") or None,
                coordinator=session.user.name,
                contact=str(settings.get("sender_contact") or ""),
            ),
            consent=ConsentInfo(
                given=case.consent.given,
                date=case.consent.date,
                language=language_name(case.consent.language, language)
                if case.consent.language
                else None,
                override=case.consent.given is not True,
            ),
            screenings=tuple(sections),
            notes=tuple(
                NoteEntry(by_id[i].author, by_id[i].created_at, by_id[i].text) for i in chosen_notes
            ),
            redactions=redactions,
            show_alias=show_alias,
            language=language,
        )
        return data, chosen_screenings, chosen_notes

    def _recipient(self, recipient_id: str | None, language: str) -> Recipient:
        if not recipient_id:
            return Recipient(name=translator(language)("(no recipient chosen)"))
        return recipient_from(self.session.directory.get(recipient_id), language)

    def export_referral(
        self,
        code: str,
        out_path: Path | str,
        *,
        language: str = "en",
        recipient_id: str | None = None,
        redact: Iterable[str] = (),
        screening_ids: Sequence[int] | None = None,
        note_ids: Sequence[int] | None = None,
        password: str | None = None,
        consent_override: bool = False,
        show_alias: bool = False,
        overwrite: bool = False,
    ) -> ReferralExport:
        """Write the referral PDF for `code` to `out_path` and audit the export.

        `overwrite` allows replacing an existing file (--force, or the GUI's confirmation).
        """
        self.session.require(permissions.REPORT_EXPORT)
        out = outputs.check(self.session, out_path, overwrite=overwrite)
        data, chosen_screenings, chosen_notes = self._gather(
            code,
            language=language,
            recipient_id=recipient_id,
            redact=redact,
            screening_ids=screening_ids,
            note_ids=note_ids,
            consent_override=consent_override,
            show_alias=show_alias,
        )
        pdf = referral_pdf(data, password=password or None)
        shown = data.redacted()
        fingerprint = shown.fingerprint()
        with self.session.db.transaction():
            if data.consent.override:
                self.session.record(
                    "report.consent_override", "case", code, {"document": data.document_id}
                )
            self.session.record(
                "report.export",
                "case",
                code,
                {
                    "recipient": recipient_id or "",
                    "language": language,
                    "screenings": chosen_screenings,
                    "notes": chosen_notes,
                    "withheld": sorted(shown.redactions),
                    "consent_override": data.consent.override,
                    "password": bool(password),
                    "document": data.document_id,
                    "fingerprint": fingerprint,
                },
            )
            out = outputs.write(self.session, out, pdf, overwrite=overwrite)
        return ReferralExport(
            out,
            data.document_id,
            fingerprint,
            len(data.screenings),
            len(data.notes),
            bool(password),
        )

    # -- statistics ----------------------------------------------------------------------------
    def statistics(
        self, date_from: date | None = None, date_to: date | None = None, *, language: str = "en"
    ) -> StatisticsData:
        """Aggregates of completed screenings, suppressed; nothing that identifies a person."""
        self.session.require(permissions.STATS_EXPORT)
        _check_language(language)
        if date_from and date_to and date_from > date_to:
            raise InputRefused(N_("The start date is after the end date."))
        repo = ScreeningRepository(self.session.db)
        rows = repo.completed_results(
            date_from.isoformat() if date_from else None, date_to.isoformat() if date_to else None
        )
        indicators: dict[str, IndicatorInfo] = {}
        levels: dict[str, str] = {}
        for guide in self._stored_guides(repo):
            source = guide.source_language
            for rule in guide.assessment:
                levels.setdefault(rule.level, rule.label.get(language, fallback=source))
            for indicator in guide.library.indicators:
                indicators.setdefault(
                    indicator.id,
                    IndicatorInfo(indicator.title.get(language, fallback=source), indicator.online),
                )
        facts = []
        # people are numbered in the order met: the statistics never see a case's own id
        people: dict[int, int] = {}
        for updated_at, _questionnaire, result, case_id in rows:
            result = result or {}
            level = (result.get("assessment") or {}).get("level") or "none"
            raised = frozenset(i["id"] for i in result.get("indicators", []) if "id" in i)
            person = people.setdefault(case_id, len(people))
            day = date.fromisoformat(str(updated_at)[:10])
            facts.append(ScreeningFacts(day, level, raised, person))
        return aggregate(
            facts,
            indicators=indicators,
            level_labels=levels,
            date_from=date_from,
            date_to=date_to,
            language=language,
        )

    def _stored_guides(self, repo: ScreeningRepository) -> list[Questionnaire]:
        from free2link_desktop.core.questionnaire import load_questionnaire_bytes

        guides = []
        for _id, _version, sha256 in repo.stored_questionnaires():
            files = repo.files(sha256)
            if files is not None:
                name, content, _library_name, library = files
                guides.append(load_questionnaire_bytes(content, library, name=name))
        return guides

    def export_statistics(
        self,
        out_csv: Path | str,
        date_from: date | None = None,
        date_to: date | None = None,
        *,
        language: str = "en",
        out_pdf: Path | str | None = None,
        overwrite: bool = False,
    ) -> StatisticsData:
        """Write the statistics CSV (and the PDF with charts when `out_pdf` is given).

        Both targets are checked before anything is computed; both files are complete before
        either gets its name.
        """
        self.session.require(permissions.STATS_EXPORT)
        targets = [outputs.check(self.session, out_csv, overwrite=overwrite)]
        if out_pdf is not None:
            targets.append(outputs.check(self.session, out_pdf, overwrite=overwrite))
            if targets[0] == targets[1]:
                raise InputRefused(
                    N_("The CSV and the PDF cannot both be written to {path}."), path=targets[0]
                )
        data = self.statistics(date_from, date_to, language=language)
        contents = [statistics_csv(data)] + ([statistics_pdf(data)] if out_pdf is not None else [])
        with self.session.db.transaction():
            self.session.record(
                "stats.export",
                "statistics",
                "",
                {
                    "from": date_from.isoformat() if date_from else "",
                    "to": date_to.isoformat() if date_to else "",
                    "files": [path.suffix.lstrip(".") for path in targets],
                },
            )
            with contextlib.ExitStack() as stack:
                for path, content in zip(targets, contents, strict=True):
                    staged = stack.enter_context(
                        outputs.staged(self.session, path, overwrite=overwrite)
                    )
                    staged.temp.write_bytes(content)
        return data
