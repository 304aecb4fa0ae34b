"""Follow-ups planned for a case (a date and what to do)."""

from __future__ import annotations

from datetime import date

from free2link_desktop.core.cases import FollowUp
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import date_text, to_date


class FollowUpRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, case_id: int, due: date, text: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO followups (case_id, due, text) VALUES (?, ?, ?)",
            (case_id, date_text(due), text),
        )
        return int(cursor.lastrowid)

    def for_case(self, case_id: int) -> list[FollowUp]:
        rows = self.db.all(
            "SELECT f.id, c.code, f.due, f.text, f.done FROM followups f "
            "JOIN cases c ON c.id = f.case_id WHERE f.case_id = ? ORDER BY f.due, f.id",
            (case_id,),
        )
        return [FollowUp(r[0], r[1], to_date(r[2]) or date.min, r[3], bool(r[4])) for r in rows]

    def set_done(self, followup_id: int, done: bool) -> int | None:
        """Returns the case id, or None when there is no such follow-up."""
        case_id = self.db.optional_int("SELECT case_id FROM followups WHERE id = ?", (followup_id,))
        if case_id is not None:
            self.db.execute("UPDATE followups SET done = ? WHERE id = ?", (int(done), followup_id))
        return case_id
