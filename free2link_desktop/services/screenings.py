"""Screenings: start one for a case, save each answer as it is given, pause, resume, finish.

Every answer is validated by the engine and saved in its own transaction, so nothing typed is
lost. The guide and its indicator library are copied into the workspace under the guide's
sha256 when a screening starts, so a screening is always shown and scored with the version it
was taken with.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.cases import ScreeningRecord
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.questionnaire import (
    AnswersDocument,
    Questionnaire,
    QuestionnaireError,
    ScreeningResult,
    bundled_questionnaires,
    check_document_fits,
    find_questionnaire,
    load_questionnaire,
    load_questionnaire_bytes,
    newest_versions,
    score,
    validate_answer,
    validate_answers,
    version_key,
)
from free2link_desktop.i18n import N_, _
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.cases import CaseRepository
from free2link_desktop.storage.repositories.screenings import ScreeningRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

_OPEN_STATUSES = ("in_progress", "paused")
#: What the interviewer did when the urgent panel opened (recorded in the case, SPEC 6.2 `urgent`)
URGENT_ACTIONS: dict[str, str] = {
    "called": N_("Called for help (emergency number or a helpline)"),
    "referred": N_("Referred the person to a service, or arranged it"),
    "declined": N_("The person declined help for now"),
    "mistaken": N_("The answer was recorded by mistake and will be corrected"),
}
#: A guide kept in the workspace is named by its sha256 when a screening starts.
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _stored_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _normalised(answers: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}


class ScreeningService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._guides: dict[str, Questionnaire] = {}

    @property
    def _repo(self) -> ScreeningRepository:
        return ScreeningRepository(self.session.db)

    # -- guides --------------------------------------------------------------------------------
    def _store_guide(self, guide: Questionnaire) -> None:
        if guide.path is None or guide.library.path is None:
            raise InputRefused(N_("The questionnaire {id} has no file to keep."), id=guide.id)
        self._repo.store_files(
            guide.sha256,
            guide.id,
            guide.version,
            Path(guide.path).name,
            Path(guide.path).read_bytes(),
            Path(guide.library.path).name,
            Path(guide.library.path).read_bytes(),
        )
        self._guides[guide.sha256] = guide

    def _stored_guide(self, sha256: str) -> Questionnaire | None:
        """The guide kept in the workspace under `sha256` (None if there is none)."""
        cached = self._guides.get(sha256)
        if cached is not None:
            return cached
        files = self._repo.files(sha256)
        if files is None:
            return None
        name, content, _library_name, library = files
        guide = load_questionnaire_bytes(content, library, name=name)
        self._guides[sha256] = guide
        return guide

    def questionnaire_for(self, record: ScreeningRecord) -> Questionnaire:
        """The guide exactly as it was when the screening was taken."""
        guide = self._stored_guide(record.sha256)
        if guide is None:
            raise NotFound(N_("The questionnaire of screening {id} is missing."), id=record.id)
        return guide

    def installed(self) -> list[Questionnaire]:
        """Every guide version kept in this workspace (installed, or copied when a screening
        used it). One that this version of the app can no longer read is left out, so that it
        never stops a new screening from starting."""
        self.session.require(permissions.CASE_VIEW)
        guides = []
        for _id, _version, sha256 in self._repo.stored_questionnaires():
            try:
                guide = self._stored_guide(sha256)
            except QuestionnaireError:
                continue
            if guide is not None:
                guides.append(guide)
        return guides

    def offered(self, bundled: list[Questionnaire]) -> list[Questionnaire]:
        """The guides a new screening may use: the newest version of each, bundled or kept."""
        return newest_versions([*bundled, *self.installed()])

    def install(self, path: Path) -> Questionnaire:
        """Keep the guide at `path` (and its indicator library) in the workspace.

        From then on it is offered for new screenings if it is the newest version of its id.
        A file with errors is refused with every problem (`file:LINE:COL: …`); so are a
        different file under a version that is already there and a version older than the
        one offered, which would never be used.
        """
        self.session.require(permissions.QUESTIONNAIRE_MANAGE)
        guide = load_questionnaire(path)
        known = [*bundled_questionnaires(), *self.installed()]
        same_id = [g for g in known if g.id == guide.id and g.sha256 != guide.sha256]
        if any(g.version == guide.version for g in same_id):
            raise InputRefused(
                N_(
                    "A different {id} version {version} is already installed. Give the new "
                    "file another version number."
                ),
                id=guide.id,
                version=guide.version,
            )
        newest = newest_versions(same_id)
        if newest and version_key(guide.version) < version_key(newest[0].version):
            raise InputRefused(
                N_(
                    "{id} version {version} is older than version {newest}, which is already "
                    "installed; it would never be offered."
                ),
                id=guide.id,
                version=guide.version,
                newest=newest[0].version,
            )
        with self.session.db.transaction():
            self._store_guide(guide)
            self.session.record(
                "questionnaire.install",
                "questionnaire",
                guide.id,
                {"version": guide.version, "sha256": guide.sha256},
            )
        return guide

    # -- lifecycle -----------------------------------------------------------------------------
    def start(
        self, code: str, questionnaire_ref: str | Path, interviewee_language: str
    ) -> ScreeningRecord:
        self.session.require(permissions.SCREENING_RUN)
        case_id = self.session.cases.case_id(code)
        ref = str(questionnaire_ref)  # a bundled id, a file, or the sha256 of a kept guide
        kept = self._stored_guide(ref) if _SHA256.fullmatch(ref) else None
        guide = kept or find_questionnaire(questionnaire_ref)
        if interviewee_language not in guide.languages:
            raise InputRefused(
                N_("The questionnaire {id} has no text in {language}."),
                id=guide.id,
                language=interviewee_language,
            )
        with self.session.db.transaction():
            if kept is None:
                self._store_guide(guide)
            screening_id = self._repo.insert(
                case_id,
                guide.id,
                guide.version,
                guide.sha256,
                interviewee_language,
                self.session.user.name,
            )
            CaseRepository(self.session.db).touch(case_id)
            self.session.record(
                "screening.start",
                "screening",
                str(screening_id),
                {"case": code, "questionnaire": guide.id, "version": guide.version},
            )
        return self.get(screening_id)

    def get(self, screening_id: int) -> ScreeningRecord:
        self.session.require(permissions.CASE_VIEW)
        record = self._repo.get(screening_id)
        if record is None:
            raise NotFound(N_("There is no screening {id}."), id=screening_id)
        return record

    def list_for_case(self, code: str) -> list[ScreeningRecord]:
        self.session.require(permissions.CASE_VIEW)
        return self._repo.for_case(self.session.cases.case_id(code))

    def answers(self, screening_id: int) -> dict[str, Any]:
        self.session.require(permissions.CASE_VIEW)
        return _normalised(self._repo.answers(screening_id))

    def _open_record(self, screening_id: int) -> ScreeningRecord:
        self.session.require(permissions.SCREENING_RUN)
        record = self.get(screening_id)
        if record.status not in _OPEN_STATUSES:
            raise InputRefused(
                N_("Screening {id} is finished; its answers cannot change."), id=screening_id
            )
        return record

    def save_answer(self, screening_id: int, question_id: str, value: Any) -> Any:
        """Validate and save one answer in its own transaction; returns the stored value."""
        record = self._open_record(screening_id)
        guide = self.questionnaire_for(record)
        if not guide.has_question(question_id):
            raise InputRefused(N_("{question}: there is no such question."), question=question_id)
        answers = self.answers(screening_id)
        normalised = validate_answer(
            guide.question(question_id), value, answers=answers, today=record.started_at.date()
        )
        with self.session.db.transaction():
            if normalised is None:
                self._repo.clear_answer(screening_id, question_id)
            else:
                self._repo.save_answer(screening_id, question_id, _stored_value(normalised))
            self._repo.update(screening_id, current_question=question_id, status="in_progress")
            self.session.record(
                "screening.answer", "screening", str(screening_id), {"question": question_id}
            )
        return normalised

    def set_position(self, screening_id: int, question_id: str | None) -> None:
        self._open_record(screening_id)
        with self.session.db.transaction():
            self._repo.update(screening_id, current_question=question_id)

    def pause(self, screening_id: int) -> None:
        self._set_status(screening_id, "paused", "screening.pause")

    def stop(self, screening_id: int) -> None:
        """The interview was stopped early (the person wished to, or an urgent need)."""
        self._set_status(screening_id, "stopped", "screening.stop")

    def reopen(self, screening_id: int) -> None:
        """A stopped screening goes back to paused, so the interview can be resumed.

        Stopping is one press in a hurry (the person asked to, or an urgent need); a coordinator
        can undo it once the person is ready to go on. A completed screening stays completed:
        its result may already be in a referral.
        """
        self.session.require(permissions.SCREENING_REOPEN)
        record = self.get(screening_id)
        if record.status != "stopped":
            raise InputRefused(
                N_("Screening {id} was not stopped, so there is nothing to reopen."),
                id=screening_id,
            )
        with self.session.db.transaction():
            self._repo.update(screening_id, status="paused")
            self.session.record("screening.reopen", "screening", str(screening_id))

    def record_urgent_action(self, screening_id: int, question_id: str, action: str) -> None:
        """Write down what was done when an answer showed immediate danger.

        It goes into the case as a note (so the next caseworker reads it, in the language of
        the person who wrote it) and into the audit log as a code (ids only there).
        """
        self.session.require(permissions.SCREENING_RUN)
        if action not in URGENT_ACTIONS:
            raise InputRefused(N_("'{action}' is not one of the recorded actions."), action=action)
        record = self.get(screening_id)
        guide = self.questionnaire_for(record)
        if not guide.has_question(question_id):
            raise InputRefused(N_("{question}: there is no such question."), question=question_id)
        text = _("Urgent answer during screening {id} (question {question}): {action}.").format(
            id=screening_id, question=question_id, action=_(URGENT_ACTIONS[action])
        )
        with self.session.db.transaction():
            self.session.notes.add(record.case_code, text)
            self.session.record(
                "screening.urgent_action",
                "screening",
                str(screening_id),
                {"question": question_id, "action": action},
            )

    def _set_status(self, screening_id: int, status: str, action: str) -> None:
        self._open_record(screening_id)
        with self.session.db.transaction():
            self._repo.update(screening_id, status=status)
            self.session.record(action, "screening", str(screening_id))

    def result(self, screening_id: int) -> ScreeningResult:
        """Score the saved answers (also for a screening that is still open)."""
        record = self.get(screening_id)
        return score(
            self.questionnaire_for(record),
            self.answers(screening_id),
            record.started_at.date(),
            validate=False,
        )

    def finish(self, screening_id: int) -> ScreeningResult:
        record = self._open_record(screening_id)
        result = self.result(screening_id)
        with self.session.db.transaction():
            self._repo.update(
                screening_id, status="completed", level=result.level, result_json=result.to_json()
            )
            self.session.record(
                "screening.finish",
                "screening",
                str(screening_id),
                {"case": record.case_code, "level": result.level},
            )
        return result

    def import_answers(
        self, code: str, questionnaire_ref: str | Path, document: AnswersDocument
    ) -> tuple[ScreeningRecord, ScreeningResult]:
        """Store a whole answer file as one completed screening (all or nothing)."""
        self.session.require(permissions.SCREENING_RUN)
        guide = find_questionnaire(questionnaire_ref)
        check_document_fits(document, guide)
        interview_date: date = document.interview_date or date.today()
        answers = validate_answers(guide, document.answers, interview_date)
        with self.session.db.transaction():
            record = self.start(code, questionnaire_ref, guide.source_language)
            for question_id, value in answers.items():
                if value is not None:
                    self._repo.save_answer(record.id, question_id, _stored_value(value))
            result = score(guide, answers, interview_date, validate=False)
            self._repo.update(
                record.id, status="completed", level=result.level, result_json=result.to_json()
            )
            self.session.record(
                "screening.import",
                "screening",
                str(record.id),
                {"case": code, "level": result.level},
            )
        return self.get(record.id), result
