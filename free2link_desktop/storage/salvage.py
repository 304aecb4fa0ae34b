"""Copy every row that can still be read from a damaged database into a new one.

A page that fails SQLCipher's HMAC check makes every query that reaches it fail, so a plain
`SELECT *` stops at the first damaged page. Rows are therefore read in rowid order, and when a
read fails the next readable rowid is searched for: a seek for "the first row after t" fails
exactly when it lands on the damaged page, that is when t is below the damaged page's last
rowid, so a binary search finds where the readable rows start again. Only the rows on the
damaged pages are lost, and their rowid range is reported.

The new database has the current schema (made by the migrations, with the same key), the same
rows and ids, and its full-text indexes rebuilt from the copied rows by the schema's own
triggers. Audit rows keep their hashes: a gap in the log stays visible to `verify`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from free2link_desktop.storage import migrations
from free2link_desktop.storage.atomic import write_atomically
from free2link_desktop.storage.database import Database, DatabaseDamaged, DatabaseError, Row
from free2link_desktop.storage.layout import WorkspaceLayout
from free2link_desktop.storage.repositories.audit import AuditRepository

#: Smallest and largest SQLite rowids.
_FIRST = -(2**63)
_LAST = 2**63 - 1
#: Rows kept in memory at a time while copying.
_BATCH = 500
#: Columns the copy leaves to the new database's triggers (the search index's key).
_DERIVED = {"cases": {"search_key"}}
#: Tables without rowid, read per value of a column taken from a table copied before them.
_GROUPED = {"answers": ("screening_id", "screenings", "id")}


@dataclass
class TableResult:
    """What was copied from one table, and the rowid ranges that could not be read."""

    name: str
    copied: int = 0
    #: (last rowid read before the damage, first rowid read after it); None: start or end.
    gaps: list[tuple[int | None, int | None]] = field(default_factory=list)
    unreadable: bool = False  # nothing at all could be read


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _plain_tables(db: Database) -> list[str]:
    """Tables that hold data, in creation order (parents before children), without the
    full-text indexes and their shadow tables, which the triggers rebuild."""
    rows = db.all("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
    virtual = [name for name, sql in rows if str(sql).upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _sql in rows
        if not name.startswith("sqlite_")
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def _columns(db: Database, table: str) -> list[str]:
    return [str(row[1]) for row in db.all(f"PRAGMA table_info({_quote(table)})")]


def _first_row_after(db: Database, table: str, threshold: int) -> Row | None:
    """The first row after `threshold`, rowid first (None at the end); DatabaseDamaged when
    that row cannot be read (its page, or a page its long values overflow into)."""
    return db.one(
        f"SELECT rowid, * FROM {_quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT 1",
        (threshold,),
    )


def _end_of_damage(db: Database, table: str, after: int) -> int | None:
    """The smallest t > `after` whose first row after it can be read (the first row after
    `after` cannot): the rowid of the last unreadable row. None when nothing after is readable.
    """

    def readable(threshold: int) -> bool:
        try:
            _first_row_after(db, table, threshold)
        except DatabaseDamaged:
            return False
        return True

    low, step = after, 1
    while True:
        high = min(_LAST, low + step)
        if readable(high):
            break
        if high == _LAST:
            return None
        low, step = high, step * 2
    while high - low > 1:  # the seek after `low` fails, the one after `high` works
        middle = (low + high) // 2
        if readable(middle):
            high = middle
        else:
            low = middle
    return high


def _rows_by_rowid(
    db: Database, table: str, columns: list[str], result: TableResult
) -> Iterator[Row]:
    """Rows in rowid order, in batches; after a failed batch, one row at a time up to the
    damaged page, then past it."""
    select = ", ".join(_quote(c) for c in columns)
    sql = f"SELECT rowid, {select} FROM {_quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?"
    last: int | None = None  # the last rowid read
    threshold = _FIRST  # read the rows after this rowid
    single = False
    while True:
        try:
            batch = db.all(sql, (threshold, 1 if single else _BATCH))
        except DatabaseDamaged:
            if not single:
                single = True
                continue
            end = _end_of_damage(db, table, threshold)
            following = None if end is None else _first_row_after(db, table, end)
            result.gaps.append((last, None if following is None else int(following[0])))
            if end is None or following is None:
                return
            threshold, single = end, False
            continue
        if not batch:
            return
        for row in batch:
            yield row[1:]
        last = threshold = int(batch[-1][0])


def _rows_grouped(
    source: Database, target: Database, table: str, columns: list[str], result: TableResult
) -> Iterator[Row]:
    column, parent, parent_column = _GROUPED[table]
    select = ", ".join(_quote(c) for c in columns)
    try:
        yield from source.all(f"SELECT {select} FROM {_quote(table)}")
        return
    except DatabaseDamaged:
        pass
    keys = [row[0] for row in target.all(f"SELECT {_quote(parent_column)} FROM {_quote(parent)}")]
    sql = f"SELECT {select} FROM {_quote(table)} WHERE {_quote(column)} = ?"
    for key in keys:
        try:
            yield from source.all(sql, (key,))
        except DatabaseDamaged:
            result.gaps.append((int(key), int(key)))


def _has_rowid(db: Database, table: str) -> bool:
    try:
        db.one(f"SELECT rowid FROM {_quote(table)} LIMIT 0")
    except DatabaseError:
        return False
    return True


def copy_readable(source: Database, target: Database) -> list[TableResult]:
    """Copy every readable row of `source` into `target` (new, same schema); per-table results."""
    results = []
    source_tables = set(_plain_tables(source))
    target.execute("PRAGMA foreign_keys = OFF")  # a child whose parent was lost is still kept
    try:
        with target.transaction():
            for table in _plain_tables(target):
                result = TableResult(table)
                results.append(result)
                if table not in source_tables:
                    continue
                wanted = set(_columns(target, table)) - _DERIVED.get(table, set())
                columns = [c for c in _columns(source, table) if c in wanted]
                insert = (
                    f"INSERT OR REPLACE INTO {_quote(table)} ({', '.join(map(_quote, columns))}) "
                    f"VALUES ({', '.join('?' for _ in columns)})"
                )
                if table in _GROUPED or not _has_rowid(source, table):
                    rows = _rows_grouped(source, target, table, columns, result)
                else:
                    rows = _rows_by_rowid(source, table, columns, result)
                for row in rows:
                    target.execute(insert, row)
                    result.copied += 1
                result.unreadable = not result.copied and bool(result.gaps)
            _rebuild_search_keys(target)
    finally:
        target.execute("PRAGMA foreign_keys = ON")
    return results


def _rebuild_search_keys(target: Database) -> None:
    """Search keys in the order of each case's last change, as migration 2 gives them."""
    target.execute("INSERT INTO case_search (case_search) VALUES ('delete-all')")
    target.execute("UPDATE cases SET search_key = NULL")
    for statement in migrations._split(migrations.CASE_SEARCH_FILL):
        target.execute(statement)


def salvage_into(
    source: Database, key: bytes, keys_file: Path, out: Path, *, user: str, workspace_id: str
) -> tuple[list[TableResult], list[str]]:
    """A new workspace in the empty folder `out`: the readable rows of `source` (same key),
    a copy of `keys_file` (same passwords, same recovery key) and an audit entry that lists
    what was lost. Returns the per-table results and the new database's integrity problems."""
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    layout = WorkspaceLayout(out)
    target = new_database(layout.db, key)
    try:
        tables = copy_readable(source, target)
        problems = target.integrity_problems()
        lost = [[t.name, a, b] for t in tables for a, b in t.gaps]
        AuditRepository(target).append(
            user, "workspace.salvage", "workspace", workspace_id, {"lost": lost}
        )
    finally:
        target.close()
    write_atomically(layout.keys, keys_file.read_bytes())
    return tables, problems


def new_database(path: Path, key: bytes) -> Database:
    """An empty database at `path` with the current schema, encrypted with `key`."""
    db = Database(path, key)
    migrations.migrate(db)
    return db
