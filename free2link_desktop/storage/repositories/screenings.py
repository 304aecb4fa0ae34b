"""Screenings, their answers (one row each, saved as given) and the guide files they used.

A copy of every guide (and its indicator library) a screening was taken with is kept inside the
database under its sha256, so an old screening is always shown with the exact version it used,
even after the file changed or disappeared.
"""

from __future__ import annotations

import json
from typing import Any

from free2link_desktop.core.cases import ScreeningRecord
from free2link_desktop.storage.database import Database, Row
from free2link_desktop.storage.repositories._time import now_text, to_datetime

_SELECT = (
    "SELECT s.id, c.code, s.questionnaire_id, s.version, s.sha256, s.interviewee_language, "
    "s.status, s.started_at, s.updated_at, s.current_question, s.level, s.interviewer, "
    "s.result_json FROM screenings s JOIN cases c ON c.id = s.case_id"
)


def _record(row: Row) -> ScreeningRecord:
    return ScreeningRecord(
        id=row[0],
        case_code=row[1],
        questionnaire_id=row[2],
        version=row[3],
        sha256=row[4],
        interviewee_language=row[5],
        status=row[6],
        started_at=to_datetime(row[7]),
        updated_at=to_datetime(row[8]),
        current_question=row[9],
        level=row[10],
        interviewer=row[11],
        result_json=json.loads(row[12]) if row[12] else None,
    )


class ScreeningRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- guide files -------------------------------------------------------------------------
    def store_files(
        self,
        sha256: str,
        questionnaire_id: str,
        version: str,
        file_name: str,
        content: bytes,
        library_name: str,
        library_content: bytes,
    ) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO questionnaire_files (sha256, questionnaire_id, version, "
            "file_name, content, library_name, library_content) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, questionnaire_id, version, file_name, content, library_name, library_content),
        )

    def files(self, sha256: str) -> tuple[str, bytes, str, bytes] | None:
        row = self.db.one(
            "SELECT file_name, content, library_name, library_content FROM questionnaire_files "
            "WHERE sha256 = ?",
            (sha256,),
        )
        return (row[0], bytes(row[1]), row[2], bytes(row[3])) if row else None

    def stored_questionnaires(self) -> list[tuple[str, str, str]]:
        """(id, version, sha256) of every guide copied into the workspace."""
        return [
            tuple(r)
            for r in self.db.all(
                "SELECT questionnaire_id, version, sha256 FROM questionnaire_files "
                "ORDER BY questionnaire_id, version"
            )
        ]

    # -- screenings --------------------------------------------------------------------------
    def insert(
        self,
        case_id: int,
        questionnaire_id: str,
        version: str,
        sha256: str,
        language: str,
        interviewer: str,
    ) -> int:
        stamp = now_text()
        cursor = self.db.execute(
            "INSERT INTO screenings (case_id, questionnaire_id, version, sha256, "
            "interviewee_language, status, interviewer, started_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)",
            (case_id, questionnaire_id, version, sha256, language, interviewer, stamp, stamp),
        )
        return int(cursor.lastrowid)

    def get(self, screening_id: int) -> ScreeningRecord | None:
        row = self.db.one(_SELECT + " WHERE s.id = ?", (screening_id,))
        return _record(row) if row else None

    def for_case(self, case_id: int) -> list[ScreeningRecord]:
        rows = self.db.all(_SELECT + " WHERE s.case_id = ? ORDER BY s.started_at, s.id", (case_id,))
        return [_record(r) for r in rows]

    def case_id_of(self, screening_id: int) -> int | None:
        return self.db.optional_int("SELECT case_id FROM screenings WHERE id = ?", (screening_id,))

    def update(self, screening_id: int, **fields: Any) -> None:
        if "result_json" in fields and fields["result_json"] is not None:
            fields["result_json"] = json.dumps(fields["result_json"], ensure_ascii=False)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE screenings SET {assignments}, updated_at = ? WHERE id = ?",
            (*fields.values(), now_text(), screening_id),
        )

    # -- answers -----------------------------------------------------------------------------
    def save_answer(self, screening_id: int, question_id: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO answers (screening_id, question_id, value_json, answered_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (screening_id, question_id) DO UPDATE SET "
            "value_json = excluded.value_json, answered_at = excluded.answered_at",
            (screening_id, question_id, json.dumps(value, ensure_ascii=False), now_text()),
        )

    def clear_answer(self, screening_id: int, question_id: str) -> None:
        self.db.execute(
            "DELETE FROM answers WHERE screening_id = ? AND question_id = ?",
            (screening_id, question_id),
        )

    def answers(self, screening_id: int) -> dict[str, Any]:
        rows = self.db.all(
            "SELECT question_id, value_json FROM answers WHERE screening_id = ?", (screening_id,)
        )
        return {q: json.loads(v) for q, v in rows}

    # -- statistics (aggregates only, nothing that identifies a person) ------------------------
    def completed_results(
        self, date_from: str | None, date_to: str | None
    ) -> list[tuple[str, str, dict[str, Any] | None, int]]:
        """(updated_at, questionnaire_id, result, case_id) of every completed screening in the
        range. The case id lets statistics count people rather than screenings; it is not
        printed."""
        sql = (
            "SELECT updated_at, questionnaire_id, result_json, case_id FROM screenings "
            "WHERE status = 'completed'"
        )
        params: list[str] = []
        if date_from:
            sql += " AND substr(updated_at, 1, 10) >= ?"
            params.append(date_from)
        if date_to:
            sql += " AND substr(updated_at, 1, 10) <= ?"
            params.append(date_to)
        return [
            (r[0], r[1], json.loads(r[2]) if r[2] else None, int(r[3]))
            for r in self.db.all(sql, params)
        ]
