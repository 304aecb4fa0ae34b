"""Cases: the pseudonymous record of one person, found by code, alias or note text."""

from __future__ import annotations

from typing import Any

from free2link_desktop.core.cases import Case, CaseSummary, Consent
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import (
    date_text,
    now_text,
    to_date,
    to_datetime,
)

_CASE_COLUMNS = (
    "code, alias, birth_year, gender, nationality, languages, centre, status, consent_given, "
    "consent_date, consent_witness, consent_language, created_at, updated_at"
)
EDITABLE_FIELDS = ("alias", "birth_year", "gender", "nationality", "languages", "centre", "status")
SORTS = {
    "updated_desc": "c.updated_at DESC, c.id DESC",
    "updated_asc": "c.updated_at ASC, c.id ASC",
    "code_asc": "c.code ASC",
    "code_desc": "c.code DESC",
}


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word as a quoted prefix."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"*' for w in words)


def _row_to_case(row: Any) -> Case:
    (
        code,
        alias,
        birth_year,
        gender,
        nationality,
        languages,
        centre,
        status,
        given,
        cdate,
        witness,
        clang,
        created,
        updated,
    ) = row
    return Case(
        code=code,
        alias=alias,
        birth_year=birth_year,
        gender=gender,
        nationality=nationality,
        languages=tuple(x for x in languages.split(",") if x),
        centre=centre,
        status=status,
        consent=Consent(None if given is None else bool(given), to_date(cdate), witness, clang),
        created_at=to_datetime(created),
        updated_at=to_datetime(updated),
    )


class CaseRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def next_code(self, prefix: str) -> str:
        """`IT-2026-0042`: country, year, a number that never repeats within the prefix."""
        row = self.db.one("SELECT next_number FROM code_counters WHERE prefix = ?", (prefix,))
        number = row[0] if row else 1
        self.db.execute(
            "INSERT INTO code_counters (prefix, next_number) VALUES (?, ?) "
            "ON CONFLICT (prefix) DO UPDATE SET next_number = excluded.next_number",
            (prefix, number + 1),
        )
        return f"{prefix}-{number:04d}"

    def insert(self, code: str, alias: str, fields: dict[str, Any], created_by: str) -> None:
        stamp = now_text()
        self.db.execute(
            "INSERT INTO cases (code, alias, birth_year, gender, nationality, languages, centre, "
            "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code,
                alias,
                fields.get("birth_year"),
                fields.get("gender"),
                fields.get("nationality"),
                ",".join(fields.get("languages") or ()),
                fields.get("centre"),
                created_by,
                stamp,
                stamp,
            ),
        )

    def get(self, code: str) -> Case | None:
        row = self.db.one(f"SELECT {_CASE_COLUMNS} FROM cases WHERE code = ?", (code,))
        return _row_to_case(row) if row else None

    def id_of(self, code: str) -> int | None:
        return self.db.scalar("SELECT id FROM cases WHERE code = ?", (code,))

    def update(self, code: str, fields: dict[str, Any]) -> None:
        values = dict(fields)
        if "languages" in values:
            values["languages"] = ",".join(values["languages"] or ())
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(
            f"UPDATE cases SET {assignments}, updated_at = ? WHERE code = ?",
            (*values.values(), now_text(), code),
        )

    def set_consent(self, code: str, consent: Consent) -> None:
        self.db.execute(
            "UPDATE cases SET consent_given = ?, consent_date = ?, consent_witness = ?, "
            "consent_language = ?, updated_at = ? WHERE code = ?",
            (
                None if consent.given is None else int(consent.given),
                date_text(consent.date),
                consent.witness,
                consent.language,
                now_text(),
                code,
            ),
        )

    def touch(self, case_id: int) -> None:
        self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now_text(), case_id))

    def delete(self, code: str) -> None:
        self.db.execute("DELETE FROM cases WHERE code = ?", (code,))

    def centres(self) -> list[str]:
        rows = self.db.all(
            "SELECT DISTINCT centre FROM cases WHERE centre IS NOT NULL "
            "AND centre != '' ORDER BY centre"
        )
        return [r[0] for r in rows]

    # -- the case list ---------------------------------------------------------------------
    def _filters(
        self, search: str, status: str | None, centre: str | None
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if status:
            clauses.append("c.status = ?")
            params.append(status)
        if centre:
            clauses.append("c.centre = ?")
            params.append(centre)
        query = fts_query(search)
        if query:
            clauses.append(
                "(c.code LIKE ? ESCAPE '\\' "
                "OR c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?) "
                "OR c.id IN (SELECT n.case_id FROM notes n WHERE n.id IN "
                "(SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)))"
            )
            escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.extend([escaped + "%", query, query])
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def page(
        self,
        offset: int,
        limit: int,
        search: str = "",
        status: str | None = None,
        centre: str | None = None,
        sort: str = "updated_desc",
    ) -> list[CaseSummary]:
        where, params = self._filters(search, status, centre)
        order = SORTS.get(sort, SORTS["updated_desc"])
        rows = self.db.all(
            "SELECT c.code, c.alias, c.status, c.centre, c.updated_at, "
            "(SELECT count(*) FROM screenings s WHERE s.case_id = c.id), "
            "(SELECT s.level FROM screenings s WHERE s.case_id = c.id AND s.level IS NOT NULL "
            " ORDER BY s.updated_at DESC LIMIT 1) "
            f"FROM cases c{where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [CaseSummary(r[0], r[1], r[2], r[3], to_datetime(r[4]), r[5], r[6]) for r in rows]

    def count(self, search: str = "", status: str | None = None, centre: str | None = None) -> int:
        where, params = self._filters(search, status, centre)
        return int(self.db.scalar(f"SELECT count(*) FROM cases c{where}", params))
