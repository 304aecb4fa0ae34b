"""The encrypted SQLCipher connection: keying, pragmas, and one transaction per change.

The database key is a random 256-bit raw key (SQLCipher's own KDF is not used: the key vault
does the password hashing with Argon2id). Durability settings follow SPEC section 4: WAL,
synchronous=FULL, secure_delete=ON, foreign keys on, temporary data kept in memory so nothing
spills into unencrypted temp files.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_

KEY_BYTES = 32
# sqlcipher3 has no type information (see pyproject.toml): these name what it gives us.
DatabaseError: type[Exception] = sqlcipher3.DatabaseError
OperationalError: type[Exception] = sqlcipher3.OperationalError
#: Errors that mean a bug in our SQL, not a problem with the disk or the file.
_PROGRAMMING_ERRORS: tuple[type[Exception], ...] = (
    sqlcipher3.IntegrityError,
    sqlcipher3.ProgrammingError,
)
#: One result row: SQLite's values in column order (no row factory is set).
Row = tuple[Any, ...]
#: Query parameters: positional (`?`) or named (`:name`).
Params = Sequence[Any] | Mapping[str, Any]


class DatabaseDamaged(WorkspaceUnavailable):
    """The key is right but the file fails SQLCipher's page check or SQLite's integrity check."""

    default_template = N_("The workspace database is damaged.")


class DiskProblem(WorkspaceUnavailable):
    """The disk is full or the folder is read-only: the change was not saved, nothing is lost."""

    default_template = N_(
        "The change could not be saved: the disk is full or the workspace folder is read-only. "
        "It is kept and will be saved when there is room."
    )


def translate_error(error: Exception) -> Exception:
    """Turn SQLite's environment errors into messages a person can act on; leave bugs alone."""
    text = str(error).lower()
    if isinstance(error, _PROGRAMMING_ERRORS):
        return error
    if "full" in text or "readonly" in text or "read-only" in text or "disk i/o" in text:
        return DiskProblem()
    if "malformed" in text or "not a database" in text or "hmac" in text:
        return DatabaseDamaged()
    return error


class Database:
    """One open, keyed connection. All SQL goes through here (and the repositories)."""

    def __init__(self, path: Path, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the database key must be 32 bytes")
        self.path = path
        # check_same_thread=False: the GUI unlocks (Argon2id, then this connect) on a worker
        # thread and then uses the connection on the GUI thread; slow exports read on a worker.
        # SQLite serialises the calls; transaction() serialises transactions between threads.
        # Any: sqlcipher3 is untyped; the methods below give its results their types.
        self._conn: Any = sqlcipher3.connect(
            str(path), isolation_level=None, timeout=10, check_same_thread=False
        )
        # SQLCipher logs page errors to stderr; we report them ourselves, in words.
        self._conn.execute("PRAGMA cipher_log_level = NONE")
        self._conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        self._depth = 0
        self._lock = threading.RLock()
        try:
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as error:
            self._conn.close()
            raise DatabaseDamaged() from error
        for pragma in (
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            # macOS: fsync stops at the drive's cache; F_FULLFSYNC reaches the disk (a no-op
            # on every other system, where fsync already does)
            "PRAGMA fullfsync = ON",
            "PRAGMA secure_delete = ON",
            "PRAGMA foreign_keys = ON",
            "PRAGMA temp_store = MEMORY",
            # Up to 64 MiB of decrypted pages (default 2 MiB): a search over 100,000 cases
            # reads the same index pages again and again, and each read from disk costs an
            # HMAC check and AES. Pages are cached only once read, so a small workspace
            # uses little. SPEC 8 allows 300 MB with the 100k-case workspace open.
            "PRAGMA cache_size = -65536",
        ):
            self._conn.execute(pragma)

    # -- queries -------------------------------------------------------------------------------
    def execute(self, sql: str, params: Params = ()) -> Any:
        try:
            return self._conn.execute(sql, params)
        except DatabaseError as error:
            translated = translate_error(error)
            if translated is error:
                raise
            raise translated from error

    def executemany(self, sql: str, rows: Iterable[Params]) -> Any:
        try:
            return self._conn.executemany(sql, rows)
        except DatabaseError as error:
            translated = translate_error(error)
            if translated is error:
                raise
            raise translated from error

    def executescript(self, sql: str) -> None:
        self._conn.executescript(sql)

    def one(self, sql: str, params: Params = ()) -> Row | None:
        row: Row | None = self._conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        rows: list[Row] = self._conn.execute(sql, params).fetchall()
        return rows

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def optional_int(self, sql: str, params: Params = ()) -> int | None:
        """The first column of the first row as an int; None when there is no row or NULL."""
        value = self.scalar(sql, params)
        return None if value is None else int(value)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE … COMMIT; nested calls join the outer transaction.

        A re-entrant lock keeps a second thread (a background export writing its audit entry)
        from joining or interleaving with a transaction another thread has open.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
                raise

    # -- maintenance ---------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_problems(self) -> list[str]:
        """SQLCipher's page HMAC check, then SQLite's integrity check; empty when all is well."""
        problems: list[str] = [row[0] for row in self.all("PRAGMA cipher_integrity_check")]
        rows = [row[0] for row in self.all("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.extend(rows)
        return problems

    def backup_to(self, target: Path, key: bytes) -> None:
        """SQLite's online backup API into a new file encrypted with the same key.

        It reads through a connection of its own (WAL lets it see a consistent snapshot), so a
        backup on a worker thread never shares a connection with the window's autosaves.
        """
        source: Any = sqlcipher3.connect(str(self.path), isolation_level=None, timeout=30)
        dest: Any = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            for conn in (source, dest):
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        except DatabaseError as error:
            translated = translate_error(error)
            if translated is error:
                raise
            raise translated from error
        finally:
            dest.close()
            source.close()

    def checkpoint(self) -> None:
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DatabaseError):
                self._conn.close()
            self._conn = None
