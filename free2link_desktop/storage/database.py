"""The encrypted SQLCipher connection: keying, pragmas, and one transaction per change.

The database key is a random 256-bit raw key (SQLCipher's own KDF is not used: the key vault
does the password hashing with Argon2id). Durability settings follow SPEC section 4: WAL,
synchronous=FULL, secure_delete=ON, foreign keys on, temporary data kept in memory so nothing
spills into unencrypted temp files.

Every write is checkpointed into the database file as soon as it is committed, and the -wal
file truncated (issue 14): SQLite reads a -wal file only up to its first damaged frame and
silently drops every commit after it, while pages in the database file carry SQLCipher's HMAC,
so damage there is found and named. An acknowledged write therefore never lives only in the
-wal file, except while another connection (a backup) is reading an older snapshot; the next
write after it finishes moves everything over.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlcipher3

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.storage import wal_check

KEY_BYTES = 32
#: A backup copies this many pages per step (4 MiB with SQLCipher's 4 KiB pages) ...
BACKUP_STEP_PAGES = 1024
#: ... through page caches of this size (KiB) on both connections.
BACKUP_CACHE_KIB = 2048
#: A damaged -wal file is kept as workspace.db-wal.damaged-<time> (see `journal_damaged`).
DAMAGED_JOURNAL_INFIX = ".damaged-"
#: How long a statement waits for another connection's lock (the backup's reads) before failing.
BUSY_TIMEOUT_MS = 10_000
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
    """The disk is full, read-only or failing: the change was not saved, nothing saved is lost.

    The message says only what is true everywhere: the change is not saved and what was saved
    before is intact. Whether the change is kept and tried again depends on the screen (the
    notes editor keeps its text and retries; a command does not), so that is said there.
    """

    default_template = N_(
        "The change could not be saved: the disk is full, read-only or not responding. "
        "Everything saved before is intact; make room on the disk and try again."
    )
    FULL = N_(
        "The change could not be saved: the disk is full. Everything saved before is intact; "
        "make room on the disk and try again."
    )
    READ_ONLY = N_(
        "The change could not be saved: the workspace folder or its database file is "
        "read-only. Everything saved before is intact."
    )


class WorkspaceReadOnly(DiskProblem):
    """The workspace was opened read-only (its folder cannot be written): reading only."""

    default_template = N_(
        "The workspace folder is read-only, so it was opened for reading only: nothing can be "
        "changed. Make the folder writable and open the workspace again to make changes."
    )


def translate_error(error: Exception) -> Exception:
    """Turn SQLite's environment errors into messages a person can act on; leave bugs alone."""
    text = str(error).lower()
    if isinstance(error, _PROGRAMMING_ERRORS):
        return error
    if "full" in text:
        return DiskProblem(DiskProblem.FULL)
    if "readonly" in text or "read-only" in text:
        return DiskProblem(DiskProblem.READ_ONLY)
    if "disk i/o" in text or "unable to open" in text:
        return DiskProblem()
    if "malformed" in text or "not a database" in text or "hmac" in text:
        return DatabaseDamaged()
    return error


def _uri(path: Path, **query: str) -> str:
    """An SQLite URI for `path` (spaces, `?` and `#` in folder names quoted; Windows drives)."""
    from urllib.request import pathname2url

    return "file:" + pathname2url(str(path.resolve())) + "?" + urlencode(query)


class Database:
    """One open, keyed connection. All SQL goes through here (and the repositories).

    `read_only`: the folder cannot be written (a write-protected stick, a folder the account may
    only read). The file is opened read-only; SQLite cannot create its -shm file there, so
    when it is missing the file is opened as immutable (no locks, nothing written).
    `damaged`: makes the error for a damaged page, so that it can name the newest backup; its
    argument says whether the rest can still be read (False when the file cannot be opened).
    On a full disk SQLite cannot create the -shm file either; the connection then keeps its
    WAL index in memory (exclusive locking: we hold the instance lock anyway), so that reading
    still works.
    """

    def __init__(
        self,
        path: Path,
        key: bytes,
        *,
        read_only: bool = False,
        damaged: Callable[[bool], Exception] | None = None,
    ) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the database key must be 32 bytes")
        self.path = path
        self.read_only = read_only
        self._damaged = damaged or (lambda _readable: DatabaseDamaged())
        self._depth = 0
        self._owner = 0
        self._lock = threading.RLock()
        self._after_commit: list[Callable[[], None]] = []
        self._changes_checkpointed = 0
        self._key = key
        self._how = ""
        self._poisoned = False
        #: The -wal file held committed work behind a damaged frame, which SQLite drops.
        self.journal_damaged = self._keep_damaged_journal()
        attempts = ("ro", "immutable") if read_only else ("normal", "memory-index")
        for attempt in attempts:
            self._conn = self._connect(path, key, attempt)
            try:
                self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                break
            except DatabaseError as error:
                self._conn.close()
                translated = translate_error(error)
                if isinstance(translated, DatabaseDamaged):
                    raise self._damaged(False) from error
                if attempt == attempts[-1]:
                    raise (translated if translated is not error else DiskProblem()) from error
        self._how = attempt
        self._set_pragmas()
        wal = path.with_name(path.name + "-wal")
        #: Opened as immutable while a -wal file holds commits that could not be applied (a
        #: crash, then the folder became read-only): the newest changes are not visible.
        self.journal_not_applied = (
            attempt == "immutable" and wal.is_file() and bool(wal.stat().st_size)
        )

    def _keep_damaged_journal(self) -> bool:
        """Check the -wal file before SQLite replays it; keep a copy of a damaged one beside
        it (still encrypted), since the replay and the next checkpoint make it disappear."""
        wal = self.path.with_name(self.path.name + "-wal")
        if not wal_check.damaged(wal):
            return False
        if not self.read_only:
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
            with contextlib.suppress(OSError):
                shutil.copy2(wal, wal.with_name(f"{wal.name}{DAMAGED_JOURNAL_INFIX}{stamp}"))
        return True

    def _set_pragmas(self) -> None:
        pragmas = (
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
        )
        for pragma in pragmas[1:] if self.read_only else pragmas:
            self._conn.execute(pragma)

    def _reconnect_if_poisoned(self) -> None:
        """After a page failed its HMAC check, SQLCipher fails every page read not already in
        the cache, for the life of the connection. A new connection reads the sound pages
        again, so that one damaged page does not make the whole workspace unreadable."""
        if not self._poisoned or self._depth or self._conn is None or self._conn.in_transaction:
            return
        with self._lock:
            self._poisoned = False
            with contextlib.suppress(DatabaseError):
                self._conn.close()
            self._conn = self._connect(self.path, self._key, self._how)
            self._set_pragmas()

    @staticmethod
    def _connect(path: Path, key: bytes, how: str) -> Any:
        # check_same_thread=False: the GUI unlocks (Argon2id, then this connect) on a worker
        # thread and then uses the connection on the GUI thread; slow exports read on a worker.
        # SQLite serialises the calls; transaction() serialises transactions between threads.
        # Any: sqlcipher3 is untyped; the methods below give its results their types.
        target, uri = str(path), False
        if how in ("ro", "immutable"):
            query = {"mode": "ro"} if how == "ro" else {"mode": "ro", "immutable": "1"}
            target, uri = _uri(path, **query), True
        conn: Any = sqlcipher3.connect(
            target,
            uri=uri,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        # SQLCipher logs page errors to stderr; we report them ourselves, in words.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if how == "memory-index":
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        return conn

    # -- queries -------------------------------------------------------------------------------
    def _translate(self, error: Exception) -> Exception:
        translated = translate_error(error)
        if isinstance(translated, DatabaseDamaged):
            self._poisoned = True
            self._reconnect_if_poisoned()
            return self._damaged(True)
        if self.read_only and isinstance(translated, DiskProblem):
            return WorkspaceReadOnly()
        return translated

    @contextlib.contextmanager
    def _errors_translated(self) -> Iterator[None]:
        """SQLite's errors as messages, also when they come while rows are fetched.

        SQLite reads pages as rows are stepped through, so a damaged page can fail a
        `fetchall()` long after `execute()` returned.
        """
        try:
            yield
        except DatabaseError as error:
            translated = self._translate(error)
            if translated is error:
                raise
            raise translated from error

    def execute(self, sql: str, params: Params = ()) -> Any:
        with self._errors_translated():
            cursor = self._conn.execute(sql, params)
        if not self._depth and self._conn.total_changes != self._changes_checkpointed:
            self._checkpoint_committed()
        return cursor

    def _checkpoint_committed(self) -> None:
        """Copy what was just committed into the database file and empty the -wal file.

        Called after a COMMIT (or a write outside a transaction). It does not wait: while a
        backup's connection reads an older snapshot the checkpoint cannot finish, and the
        frames stay in the -wal file (valid and durable) until the next write. A failure
        (disk full) leaves the commit where SQLite put it; it is not an error of the write.
        """
        if self._conn.in_transaction:
            return  # an autocommit statement ran inside a transaction another thread opened
        self._changes_checkpointed = self._conn.total_changes
        try:
            self._conn.execute("PRAGMA busy_timeout = 0")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except DatabaseError:
            pass
        finally:
            with contextlib.suppress(DatabaseError):
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def executemany(self, sql: str, rows: Iterable[Params]) -> Any:
        with self._errors_translated():
            return self._conn.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self._errors_translated():
            self._conn.executescript(sql)

    def one(self, sql: str, params: Params = ()) -> Row | None:
        with self._errors_translated():
            row: Row | None = self._conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        with self._errors_translated():
            rows: list[Row] = self._conn.execute(sql, params).fetchall()
        return rows

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def optional_int(self, sql: str, params: Params = ()) -> int | None:
        """The first column of the first row as an int; None when there is no row or NULL."""
        value = self.scalar(sql, params)
        return None if value is None else int(value)

    @property
    def in_transaction(self) -> bool:
        """True inside a `transaction()` opened by this thread."""
        return self._depth > 0 and self._owner == threading.get_ident()

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
            if self.read_only:
                raise WorkspaceReadOnly()
            self.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._owner = threading.get_ident()
            try:
                yield self
            except BaseException:
                self._depth = 0
                self._after_commit.clear()
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
                self._reconnect_if_poisoned()
                raise
            self._depth = 0
            try:
                self.execute("COMMIT")
            except BaseException:
                self._after_commit.clear()
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
                raise
            pending, self._after_commit = self._after_commit, []
            for action in pending:
                action()

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` once the current transaction has committed (at once outside one).

        For what must never be ahead of the database, such as the audit log's signed head.
        """
        with self._lock:
            if self._depth:
                if action not in self._after_commit:
                    self._after_commit.append(action)
                return
        action()

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

    def backup_to(
        self,
        target: Path,
        key: bytes,
        progress: Callable[[float], None] | None = None,
        pages: int = BACKUP_STEP_PAGES,
    ) -> None:
        """SQLite's online backup API into a new file encrypted with the same key.

        It reads through a connection of its own (WAL lets it see a consistent snapshot), so a
        backup on a worker thread never shares a connection with the window's autosaves. It
        copies `pages` pages at a time through small page caches, so its memory
        does not grow with the workspace, and reports progress between steps. The read
        transaction is held across the steps: otherwise every autosave by the window's
        connection between two steps would make SQLite start the copy over.
        """
        if self._how == "memory-index":
            # Opened that way because the disk is full: no room for a copy, and the exclusive
            # lock would keep the copy's connection waiting for nothing.
            raise DiskProblem(DiskProblem.FULL)
        source: Any = sqlcipher3.connect(str(self.path), isolation_level=None, timeout=30)
        dest: Any = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            for conn in (source, dest):
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
                conn.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None and total:
                    progress((total - remaining) / total)

            source.backup(dest, pages=pages, progress=step)
            source.execute("COMMIT")
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
