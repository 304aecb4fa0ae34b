"""Cases: the pseudonymous record of one person, found by code, alias or note text."""

from __future__ import annotations

from typing import Any

from free2link_desktop.core.cases import Case, CaseSummary, Consent
from free2link_desktop.storage.database import Database, Row
from free2link_desktop.storage.repositories._time import (
    date_text,
    now_text,
    to_date,
    to_datetime,
)
from free2link_desktop.storage.repositories.search_terms import (
    SearchQuery,
    prefix_query,
    search_query,
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


#: Above this many matches the first page walks the sort order testing membership; below it,
#: looking the matching cases up and sorting them is quicker.
WALK_ABOVE = 2000
#: Sorts after every character, so `code >= x AND code < x + _LAST` is "code starts with x".
_LAST = "\U0010ffff"


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every token as a quoted prefix.

    Tokens are split the way the index splits them, so each quoted phrase is a single token:
    the search index stores no positions (detail=none), which rules out multi-token phrases.
    """
    return prefix_query(text)


def _row_to_case(row: Row) -> Case:
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


_SUMMARY = (
    "c.code, c.alias, c.status, c.centre, c.updated_at, "
    "(SELECT count(*) FROM screenings s WHERE s.case_id = c.id), "
    "(SELECT s.level FROM screenings s WHERE s.case_id = c.id AND s.level IS NOT NULL "
    " ORDER BY s.updated_at DESC LIMIT 1)"
)


def _row_to_summary(r: Any) -> CaseSummary:
    return CaseSummary(r[0], r[1], r[2], r[3], to_datetime(r[4]), r[5], r[6])


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
        return self.db.optional_int("SELECT id FROM cases WHERE code = ?", (code,))

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
        """The distinct centres, by hopping along the centre index (a loose index scan).

        One index seek per centre instead of reading 100,000 index entries.
        """
        rows = self.db.all(
            "WITH RECURSIVE found (centre) AS ("
            " SELECT min(centre) FROM cases WHERE centre > ''"
            " UNION ALL"
            " SELECT (SELECT min(centre) FROM cases WHERE centre > found.centre)"
            " FROM found WHERE found.centre IS NOT NULL"
            ") SELECT centre FROM found WHERE centre IS NOT NULL"
        )
        return [r[0] for r in rows]

    # -- the case list ---------------------------------------------------------------------
    def _filters(
        self,
        search: str,
        status: str | None,
        centre: str | None,
        *,
        query: SearchQuery | None = None,
        walk: bool = True,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if status:
            clauses.append("c.status = ?")
            params.append(status)
        if centre:
            clauses.append("c.centre = ?")
            params.append(centre)
        text = search.strip()
        if text:
            query = query or search_query(self.db, text)
            # One set of search keys, each part answered by an index: the code's prefix (the
            # UNIQUE index on code; codes are upper case) and the per-case search document
            # (alias and notes, migration 2). No per-row OR, no note-to-case mapping.
            parts = ["SELECT search_key FROM cases WHERE code >= ? AND code < ?"]
            params.extend([text.upper(), text.upper() + _LAST])
            if query.match and not query.finds_nothing:
                parts.append("SELECT rowid FROM case_search WHERE case_search MATCH ?")
                params.append(query.match)
            # walk: `+c.search_key` tests membership while walking the index of the sort order
            # (or of the filter) instead of looking up every matching case and sorting them
            # all. With few matches, looking them up (no `+`) avoids walking the whole index.
            sign = "+" if walk else ""
            clauses.append(f"{sign}c.search_key IN ({' UNION ALL '.join(parts)})")
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
        text = search.strip()
        query = search_query(self.db, text) if text else None
        if query is not None and not self._has_code(text):
            if query.finds_nothing:
                return []
            if sort in ("updated_desc", "updated_asc"):
                return self._page_from_index(offset, limit, query.match, status, centre, sort)
        walk = query is None or self._matches_at_least(text, query, WALK_ABOVE)
        where, params = self._filters(search, status, centre, query=query, walk=walk)
        order = SORTS.get(sort, SORTS["updated_desc"])
        rows = self.db.all(
            f"SELECT {_SUMMARY} FROM cases c{where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_row_to_summary(r) for r in rows]

    def _page_from_index(
        self,
        offset: int,
        limit: int,
        match: str,
        status: str | None,
        centre: str | None,
        sort: str,
    ) -> list[CaseSummary]:
        """A page of a search sorted by last change, read from the search index in key order.

        Search keys grow with every change of a case (migration 2), so the index read
        backwards lists the most recently changed matches first and stops after the page:
        a word found in 100,000 cases costs what a word found in 200 costs.
        """
        clauses, params = ["f.case_search MATCH ?"], [match]
        if status:
            clauses.append("c.status = ?")
            params.append(status)
        if centre:
            clauses.append("c.centre = ?")
            params.append(centre)
        direction = "DESC" if sort == "updated_desc" else "ASC"
        rows = self.db.all(
            f"SELECT {_SUMMARY} FROM case_search f CROSS JOIN cases c "
            f"ON c.search_key = f.rowid WHERE {' AND '.join(clauses)} "
            f"ORDER BY f.rowid {direction} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_row_to_summary(r) for r in rows]

    def _has_code(self, text: str) -> bool:
        low, high = text.upper(), text.upper() + _LAST
        found = self.db.one("SELECT 1 FROM cases WHERE code >= ? AND code < ? LIMIT 1", (low, high))
        return found is not None

    def _matches_at_least(self, text: str, query: SearchQuery, enough: int) -> bool:
        """Whether a search finds at least `enough` cases (reading at most that many entries)."""
        low, high = text.upper(), text.upper() + _LAST
        found = int(
            self.db.scalar(
                "SELECT count(*) FROM (SELECT 1 FROM cases WHERE code >= ? AND code < ? LIMIT ?)",
                (low, high, enough),
            )
        )
        if query.match and not query.finds_nothing and found < enough:
            found += int(
                self.db.scalar(
                    "SELECT count(*) FROM (SELECT rowid FROM case_search "
                    "WHERE case_search MATCH ? LIMIT ?)",
                    (query.match, enough),
                )
            )
        return found >= enough

    def count(self, search: str = "", status: str | None = None, centre: str | None = None) -> int:
        text = search.strip()
        if text and not status and not centre:
            return self._count_search(text)
        where, params = self._filters(search, status, centre)
        return int(self.db.scalar(f"SELECT count(*) FROM cases c{where}", params))

    def _count_search(self, text: str) -> int:
        """How many cases a search finds, counted in the indexes without building the set.

        Every case has exactly one search document, so the index's own count is the number of
        cases whose alias or notes match; cases found only by their code are added.
        """
        low, high = text.upper(), text.upper() + _LAST
        by_code = int(
            self.db.scalar("SELECT count(*) FROM cases WHERE code >= ? AND code < ?", (low, high))
        )
        query = search_query(self.db, text)
        if not query.match or query.finds_nothing:
            return by_code
        by_text = query.known_count
        if by_text is None:
            by_text = int(
                self.db.scalar(
                    "SELECT count(*) FROM case_search WHERE case_search MATCH ?", (query.match,)
                )
            )
        if not by_code:
            return by_text
        both = self.db.scalar(
            "SELECT count(*) FROM cases WHERE code >= ? AND code < ? "
            "AND search_key IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)",
            (low, high, query.match),
        )
        return by_code + by_text - int(both)
