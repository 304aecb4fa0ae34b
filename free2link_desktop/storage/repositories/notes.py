"""Case notes with their edit history; the full-text index is kept by triggers."""

from __future__ import annotations

from free2link_desktop.core.cases import Note, NoteRevision
from free2link_desktop.storage.database import Database, Row
from free2link_desktop.storage.repositories._time import now_text, to_datetime

_NOTE_SELECT = (
    "SELECT n.id, c.code, n.author, n.created_at, n.updated_at, n.text, "
    "(SELECT count(*) FROM note_revisions r WHERE r.note_id = n.id) "
    "FROM notes n JOIN cases c ON c.id = n.case_id"
)


def _note(row: Row) -> Note:
    return Note(row[0], row[1], row[2], to_datetime(row[3]), to_datetime(row[4]), row[5], row[6])


class NoteRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, case_id: int, author: str, text: str) -> int:
        stamp = now_text()
        cursor = self.db.execute(
            "INSERT INTO notes (case_id, author, created_at, updated_at, text) "
            "VALUES (?, ?, ?, ?, ?)",
            (case_id, author, stamp, stamp, text),
        )
        return int(cursor.lastrowid)

    def get(self, note_id: int) -> Note | None:
        row = self.db.one(_NOTE_SELECT + " WHERE n.id = ?", (note_id,))
        return _note(row) if row else None

    def update(self, note_id: int, author: str, text: str) -> None:
        """Keep the previous text as a revision, then store the new one."""
        old = self.db.one("SELECT text, updated_at, author FROM notes WHERE id = ?", (note_id,))
        if old is None or old[0] == text:
            return
        self.db.execute(
            "INSERT INTO note_revisions (note_id, author, saved_at, text) VALUES (?, ?, ?, ?)",
            (note_id, old[2], old[1], old[0]),
        )
        self.db.execute(
            "UPDATE notes SET text = ?, author = ?, updated_at = ? WHERE id = ?",
            (text, author, now_text(), note_id),
        )

    def for_case(self, case_id: int) -> list[Note]:
        rows = self.db.all(
            _NOTE_SELECT + " WHERE n.case_id = ? ORDER BY n.created_at, n.id", (case_id,)
        )
        return [_note(r) for r in rows]

    def history(self, note_id: int) -> list[NoteRevision]:
        rows = self.db.all(
            "SELECT text, saved_at, author FROM note_revisions WHERE note_id = ? ORDER BY id",
            (note_id,),
        )
        return [NoteRevision(r[0], to_datetime(r[1]), r[2]) for r in rows]

    def case_id_of(self, note_id: int) -> int | None:
        return self.db.optional_int("SELECT case_id FROM notes WHERE id = ?", (note_id,))
