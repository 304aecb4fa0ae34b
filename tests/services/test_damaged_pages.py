"""A damaged page anywhere (issue 14, item 5): a clear message naming the newest backup, no
traceback, and `salvage` copies out every row that can still be read.

The damage is real: one byte flipped inside the encrypted database file, on a page that holds
audit rows (found by trying each page on a copy of the file), so SQLCipher's HMAC check fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage.database import Database, DatabaseDamaged, DatabaseError
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD, run_free2link

PAGE = 4096


def _flip(path: Path, page: int) -> None:
    """Flip one byte in the middle of page `page` (1-based), as a bad sector would."""
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE + PAGE // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _reads(path: Path, key: bytes, sql: str) -> bool:
    try:
        db = Database(path, key)
    except DatabaseDamaged:
        return False
    try:
        db.all(sql)
        return True
    except (DatabaseDamaged, DatabaseError):  # before issue 14 a fetch error was not translated
        return False
    finally:
        db.close()


def _pages_of(db_path: Path, key: bytes, table: str, scratch: Path) -> list[int]:
    """Pages whose damage breaks reading `table` but not the other main tables."""
    others = [t for t in ("cases", "notes", "users", "audit") if t != table]
    found = []
    for page in range(2, db_path.stat().st_size // PAGE + 1):
        copy = scratch / f"page-{page}.db"
        shutil.copyfile(db_path, copy)
        _flip(copy, page)
        if not _reads(copy, key, f"SELECT * FROM {table} ORDER BY rowid") and all(
            _reads(copy, key, f"SELECT * FROM {other}") for other in others
        ):
            found.append(page)
        copy.unlink()
    return found


def _audit_pages(db_path: Path, key: bytes, scratch: Path) -> list[int]:
    """Pages whose damage breaks reading the audit table but not the cases, notes or users."""
    return _pages_of(db_path, key, "audit", scratch)


@pytest.fixture
def damaged(admin_session, tmp_path):
    """A workspace with 400 audit rows and a backup; returns (session, pages holding audit)."""
    session = admin_session
    codes = [session.cases.create(f"Bird {i}").code for i in range(10)]
    for code in codes:
        session.notes.add(code, f"note for {code}")
    for i in range(400):
        session.record("case.view", "case", codes[i % 10])
    session.backups.ensure_daily()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    session.db.checkpoint()
    pages = _audit_pages(session.workspace.layout.db, session.key, scratch)
    assert len(pages) > 3, "the audit table should span several pages"
    newest = _newest_audit_page(session.workspace.layout.db, session.key, pages, scratch)
    rows = session.db.scalar("SELECT count(*) FROM audit")
    session.lock()
    session.workspace.close()
    return session, codes, pages, newest, rows


def _newest_audit_page(db_path: Path, key: bytes, pages: list[int], scratch: Path) -> int:
    """The audit page that the next entry needs (reading the newest row fails without it)."""
    for page in reversed(pages):
        copy = scratch / "probe.db"
        shutil.copyfile(db_path, copy)
        _flip(copy, page)
        if not _reads(copy, key, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1"):
            return page
    raise AssertionError("no page holds the newest audit rows")


def test_damaged_newest_audit_page_gives_a_message_not_a_traceback(damaged, tmp_path):
    session, codes, _pages, page, _rows = damaged
    folder = session.workspace.path
    backup = session.workspace.newest_backup()
    _flip(session.workspace.layout.db, page)

    verify = run_free2link(folder, "verify", "--user", ADMIN, stdin=PASSWORD + "\n")
    assert "Traceback" not in verify.stderr, verify.stderr
    assert verify.returncode == 1
    shown = verify.stdout + verify.stderr
    assert str(backup) in shown
    assert "salvage" in shown

    listed = run_free2link(folder, "case", "list", "--user", ADMIN, stdin=PASSWORD + "\n")
    assert "Traceback" not in listed.stderr, listed.stderr
    assert listed.returncode == 0, listed.stderr
    assert all(code in listed.stdout for code in codes)
    assert str(backup) in listed.stderr  # told at once, while reading still works

    changed = run_free2link(
        folder, "case", "add", "--alias", "New", "--user", ADMIN, stdin=PASSWORD + "\n"
    )
    assert "Traceback" not in changed.stderr, changed.stderr
    assert changed.returncode == 1
    assert str(backup) in changed.stderr


def test_salvage_copies_every_readable_row_and_names_what_was_lost(damaged, tmp_path):
    session, codes, pages, _newest, rows = damaged
    page = pages[len(pages) // 2]
    folder = session.workspace.path
    _flip(session.workspace.layout.db, page)
    out = tmp_path / "salvaged"

    done = run_free2link(folder, "salvage", "--out", str(out), "--user", ADMIN, stdin=PASSWORD)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "audit: the rows between id" in done.stdout

    copy = open_workspace(out, CHEAP_KDF)
    try:
        salvaged = copy.unlock(ADMIN, PASSWORD)  # the same password opens the copy
        try:
            assert {c.code for c in salvaged.cases.list_page(0, 100)} == set(codes)
            for code in codes:
                assert [n.text for n in salvaged.notes.list(code)] == [f"note for {code}"]
            assert salvaged.db.integrity_problems() == []
            ids = [row[0] for row in salvaged.db.all("SELECT id FROM audit ORDER BY id")]
            # the rows of one page are lost (at most ~20 fit on one), the others kept, and
            # the salvage recorded
            assert rows - 30 < len(ids) - 1 < rows
            assert salvaged.cases.list_page(0, 100, search="Bird")  # the index was rebuilt
            # the gap stays visible: the chain breaks where rows are missing
            assert not salvaged.audit.verify().ok
        finally:
            salvaged.lock()
    finally:
        copy.close()


def test_salvage_refuses_a_folder_inside_the_workspace(admin_session):
    from free2link_desktop.core.errors import InputRefused
    from free2link_desktop.services import maintenance

    with pytest.raises(InputRefused):
        maintenance.salvage(admin_session, admin_session.workspace.path / "inside")


def test_salvage_of_a_damaged_notes_page_keeps_every_other_note(admin_session, tmp_path):
    session = admin_session
    codes = [session.cases.create(f"Bird {i}").code for i in range(10)]
    texts = {}
    for i in range(60):
        code = codes[i % 10]
        text = f"note {i} " + ("words " * 250 if i != 30 else "long " * 3000)  # one overflows
        session.notes.add(code, text)
        texts[text] = code
    session.db.checkpoint()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    pages = _pages_of(session.workspace.layout.db, session.key, "notes", scratch)
    assert len(pages) > 3
    folder = session.workspace.path
    session.lock()
    session.workspace.close()
    _flip(folder / "workspace.db", pages[len(pages) // 2])
    out = tmp_path / "salvaged"

    done = run_free2link(folder, "salvage", "--out", str(out), "--user", ADMIN, stdin=PASSWORD)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "notes: the rows between id" in done.stdout

    copy = open_workspace(out, CHEAP_KDF)
    try:
        salvaged = copy.unlock(ADMIN, PASSWORD)
        try:
            assert {c.code for c in salvaged.cases.list_page(0, 100)} == set(codes)
            kept = {n.text for code in codes for n in salvaged.notes.list(code)}
            assert kept < set(texts)  # a page of notes is lost ...
            assert len(kept) >= len(texts) - 6  # ... and only that page
            assert all(texts[text] for text in kept)
            assert salvaged.db.integrity_problems() == []
            word = next(iter(kept)).split()[1]
            assert salvaged.cases.list_page(0, 100, search=f"note {word}")
        finally:
            salvaged.lock()
    finally:
        copy.close()
