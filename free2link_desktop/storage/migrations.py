"""Numbered schema migrations, tracked in PRAGMA user_version, one transaction each.

A migration never runs on a workspace without a backup first: the caller passes a function that
makes one (`before_migrating`), and it is called only when there is something to migrate.
Tests keep a workspace saved at each released schema in tests/data/.
"""

from __future__ import annotations

from collections.abc import Callable

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.storage.database import Database

SCHEMA_V1 = """
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'interviewer', 'caseworker')),
    created_at TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE code_counters (prefix TEXT PRIMARY KEY, next_number INTEGER NOT NULL);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    alias TEXT NOT NULL,
    birth_year INTEGER,
    gender TEXT,
    nationality TEXT,
    languages TEXT NOT NULL DEFAULT '',
    centre TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'referred', 'closed')),
    consent_given INTEGER,
    consent_date TEXT,
    consent_witness TEXT,
    consent_language TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_by_updated ON cases (updated_at);
CREATE INDEX cases_by_status ON cases (status, updated_at);
CREATE INDEX cases_by_centre ON cases (centre, updated_at);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX notes_by_case ON notes (case_id, created_at);
CREATE TABLE note_revisions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX note_revisions_by_note ON note_revisions (note_id);
CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    due TEXT NOT NULL,
    text TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX followups_by_case ON followups (case_id);
CREATE TABLE questionnaire_files (
    sha256 TEXT PRIMARY KEY,
    questionnaire_id TEXT NOT NULL,
    version TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    library_name TEXT NOT NULL,
    library_content BLOB NOT NULL
);
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    questionnaire_id TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES questionnaire_files (sha256),
    interviewee_language TEXT NOT NULL,
    status TEXT NOT NULL,
    interviewer TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    current_question TEXT,
    level TEXT,
    result_json TEXT
);
CREATE INDEX screenings_by_case ON screenings (case_id);
CREATE TABLE answers (
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value_json TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (screening_id, question_id)
) WITHOUT ROWID;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE VIRTUAL TABLE notes_fts USING fts5 (text, content='notes', content_rowid='id');
INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF text ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE VIRTUAL TABLE cases_fts USING fts5 (alias, content='cases', content_rowid='id');
INSERT INTO cases_fts (cases_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER cases_ai AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts (rowid, alias) VALUES (new.id, new.alias);
END;
CREATE TRIGGER cases_ad AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
END;
CREATE TRIGGER cases_au AFTER UPDATE OF alias ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
    INSERT INTO cases_fts (rowid, alias) VALUES (new.id, new.alias);
END;
"""


# Version 2: one full-text document per case (its alias and all its notes), so that searching
# 1,000,000 notes gives cases straight from the index instead of mapping every matching note
# to its case (SPEC 8: search p95 <= 50 ms). Contentless with detail=none: it stores only
# which cases hold a word (no copy of the text, no positions), with prefix indexes for what
# people type first, and 'secure-delete' so an erased case's words leave the index.
#
# A document's rowid is the case's `search_key`, a number that grows with every change of the
# case (every change sets updated_at): reading the index backwards gives the matching cases
# most recently changed first, so the first page of a search (sorted by last change) stops
# after 200 matches instead of collecting 100,000.
#
# The index cannot give the old text back, so each change first deletes the case's document
# with the text it was indexed with (rebuilt from the rows, in note-id order), then indexes
# the new one. The per-note and per-alias indexes of version 1 stay as they were.


def _case_doc(case: str) -> str:
    """SELECT rowid, alias, notes of one case's search document, as it is indexed."""
    return (
        "SELECT c.search_key, c.alias, coalesce((SELECT group_concat(n.text, ' ' ORDER BY n.id) "
        f"FROM notes n WHERE n.case_id = c.id), '') FROM cases c WHERE c.id = {case}"
    )


def _forget(case: str) -> str:
    return (
        "INSERT INTO case_search (case_search, rowid, alias, notes)\n"
        f"        SELECT 'delete', * FROM ({_case_doc(case)});"
    )


def _index(case: str) -> str:
    return f"INSERT INTO case_search (rowid, alias, notes)\n        {_case_doc(case)};"


def _new_key(case: str) -> str:
    return (
        "UPDATE cases SET search_key = "
        f"(SELECT coalesce(max(search_key), 0) + 1 FROM cases) WHERE id = {case};"
    )


#: Kept apart so benchmarks/workload.py can fill a big workspace in one pass and then add them.
CASE_SEARCH_TRIGGERS = f"""
CREATE TRIGGER case_search_cases_ai AFTER INSERT ON cases BEGIN
    {_new_key("new.id")}
    {_index("new.id")}
END;
CREATE TRIGGER case_search_cases_bu BEFORE UPDATE OF alias, updated_at ON cases BEGIN
    {_forget("old.id")}
END;
CREATE TRIGGER case_search_cases_au AFTER UPDATE OF alias, updated_at ON cases BEGIN
    {_new_key("new.id")}
    {_index("new.id")}
END;
CREATE TRIGGER case_search_cases_bd BEFORE DELETE ON cases BEGIN
    {_forget("old.id")}
END;
CREATE TRIGGER case_search_notes_bi BEFORE INSERT ON notes BEGIN
    {_forget("new.case_id")}
END;
CREATE TRIGGER case_search_notes_ai AFTER INSERT ON notes BEGIN
    {_index("new.case_id")}
END;
CREATE TRIGGER case_search_notes_bu BEFORE UPDATE OF text ON notes BEGIN
    {_forget("old.case_id")}
END;
CREATE TRIGGER case_search_notes_au AFTER UPDATE OF text ON notes BEGIN
    {_index("new.case_id")}
END;
CREATE TRIGGER case_search_notes_bd BEFORE DELETE ON notes BEGIN
    {_forget("old.case_id")}
END;
CREATE TRIGGER case_search_notes_ad AFTER DELETE ON notes BEGIN
    {_index("old.case_id")}
END;
"""
#: Keys in the order of the last change, then every case's document.
CASE_SEARCH_FILL = (
    "UPDATE cases SET search_key = r.k FROM (SELECT id, row_number() OVER "
    "(ORDER BY updated_at, id) AS k FROM cases) AS r WHERE r.id = cases.id;\n"
    + _index("c.id").replace(" WHERE c.id = c.id", "")
)
SCHEMA_V2 = f"""
ALTER TABLE cases ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX cases_by_search_key ON cases (search_key);
CREATE VIRTUAL TABLE case_search USING fts5 (
    alias, notes, content='', detail=none, prefix='2 3'
);
INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1);
{CASE_SEARCH_FILL}
{CASE_SEARCH_TRIGGERS}
"""


# Version 3: signatures that the database key alone cannot forge (docs/security.md). A role is
# signed by the workspace's role key (administrators and the recovery key hold it), each user's
# own signing key is certified by it (`user_keys`, old keys stay so old entries still verify),
# and every audit entry is signed by the acting user's key. Entries written before this step
# stay unsigned: `audit.unsigned_until` marks where signing began (an administrator signs that
# mark at the first unlock after the upgrade, together with the existing roles).
SCHEMA_V3 = """
ALTER TABLE users ADD COLUMN role_signature TEXT;
CREATE TABLE user_keys (
    public_key TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    added_at TEXT NOT NULL,
    certificate TEXT
);
ALTER TABLE audit ADD COLUMN signer_key TEXT;
ALTER TABLE audit ADD COLUMN signature TEXT;
INSERT INTO settings (key, value)
    SELECT 'audit.unsigned_until', CAST(coalesce(max(id), 0) AS TEXT) FROM audit;
"""


class MigrationFailed(WorkspaceUnavailable):
    """A migration step failed (a bug): rolled back, the workspace is as it was."""


#: MIGRATIONS[n - 1] brings a database from version n - 1 to version n.
MIGRATIONS: tuple[str, ...] = (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3)
LATEST_VERSION = len(MIGRATIONS)


def migrate(db: Database, before_migrating: Callable[[int], None] | None = None) -> int:
    """Bring the schema up to date; returns how many steps ran."""
    current = db.user_version
    if current > LATEST_VERSION:
        raise WorkspaceUnavailable(
            N_(
                "This workspace was made by a newer version of Free2Link (schema {found}); "
                "please update the application."
            ),
            found=current,
        )
    if current == LATEST_VERSION:
        return 0
    if before_migrating is not None and current > 0:
        before_migrating(current)
    for version in range(current + 1, LATEST_VERSION + 1):
        statements = MIGRATIONS[version - 1]
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(statements):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")
        except Exception as error:
            db.execute("ROLLBACK")
            raise MigrationFailed(
                N_(
                    "The workspace could not be upgraded to schema {version} and was left "
                    "unchanged ({reason}). Please report this problem."
                ),
                version=version,
                reason=str(error),
            ) from error
        db.execute("COMMIT")
    return LATEST_VERSION - current


def _split(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer: list[str] = []
    in_trigger = False
    for line in script.strip().splitlines():
        if not line.strip():
            continue
        buffer.append(line)
        upper = line.strip().upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and upper == "END;") or (not in_trigger and upper.endswith(";")):
            statements.append("\n".join(buffer))
            buffer = []
            in_trigger = False
    return statements
