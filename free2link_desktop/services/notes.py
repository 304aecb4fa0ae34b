"""Case notes: every save is its own transaction and keeps the previous text as history.

The GUI debounces typing to at most one save a second, so a crash loses at most the last
second of keystrokes and never a saved note.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from free2link_desktop.core.cases import Note, NoteRevision
from free2link_desktop.core.errors import NotFound
from free2link_desktop.core.text import MAX_FREE_TEXT, check_free_text
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.cases import CaseRepository
from free2link_desktop.storage.repositories.notes import NoteRepository

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

#: The same cap as free-text answers (core.text), so a note and an answer hold as much.
MAX_NOTE = MAX_FREE_TEXT


class NoteService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _repo(self) -> NoteRepository:
        return NoteRepository(self.session.db)

    def add(self, code: str, text: str) -> Note:
        self.session.require(permissions.NOTE_EDIT)
        check_free_text(text, N_("The note"), limit=MAX_NOTE)
        case_id = self.session.cases.case_id(code)
        with self.session.db.transaction():
            note_id = self._repo.insert(case_id, self.session.user.name, text)
            CaseRepository(self.session.db).touch(case_id)
            self.session.record("note.add", "case", code, {"note": note_id})
        return self.get(note_id)

    def update(self, note_id: int, text: str) -> Note:
        self.session.require(permissions.NOTE_EDIT)
        check_free_text(text, N_("The note"), limit=MAX_NOTE)
        case_id = self._repo.case_id_of(note_id)
        if case_id is None:
            raise NotFound(N_("There is no such note."))
        with self.session.db.transaction():
            self._repo.update(note_id, self.session.user.name, text)
            CaseRepository(self.session.db).touch(case_id)
            self.session.record("note.update", "note", str(note_id))
        return self.get(note_id)

    def get(self, note_id: int) -> Note:
        self.session.require(permissions.CASE_VIEW)
        note = self._repo.get(note_id)
        if note is None:
            raise NotFound(N_("There is no such note."))
        return note

    def list(self, code: str) -> list[Note]:
        self.session.require(permissions.CASE_VIEW)
        return self._repo.for_case(self.session.cases.case_id(code))

    def history(self, note_id: int) -> builtins.list[NoteRevision]:  # `list` is a method here
        self.session.require(permissions.CASE_VIEW)
        return self._repo.history(note_id)
