"""The output door (services/outputs.py): every export kept out of the workspace, never half
written, never replacing a file unless asked.

The attack these tests replay: `report`, `stats` or `backup create` with `--out` pointing at
workspace.db replaced the live database (4 of 4 tries), and the newest backup then held the
broken file. Each test ends by reopening the workspace and counting its cases.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.services import maintenance, outputs
from free2link_desktop.services.outputs import OutputRefused
from free2link_desktop.services.workspace import create_workspace, open_workspace
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD

ALIASES = ("Heron", "Lark", "Tern")


@pytest.fixture
def session(admin_session) -> Iterator:
    for alias in ALIASES:
        case = admin_session.cases.create(alias)
        admin_session.notes.add(case.code, f"note of {alias}")
    admin_session.backups.ensure_daily()  # so backups/ holds a real backup to aim at
    return admin_session


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the workspace folder and its hash (the WAL and its index left out: SQLite
    writes them while the session is open, whatever the exports do)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def _still_opens_with_every_case(session) -> None:
    """Close the session, reopen the workspace from its files, find every case and note."""
    folder = session.workspace.path
    session.lock()
    session.workspace.close()
    workspace = open_workspace(folder, CHEAP_KDF)
    try:
        again = workspace.unlock(ADMIN, PASSWORD)
        try:
            cases = again.cases.list_page(0, 100)
            assert sorted(c.alias for c in cases) == sorted(ALIASES)
            for case in cases:
                assert [n.text for n in again.notes.list(case.code)] == [f"note of {case.alias}"]
            report = maintenance.verify(again)
            assert report.ok, report.lines()
        finally:
            again.lock()
    finally:
        workspace.close()
    # the fixture closes the first session again: make that harmless
    session.workspace.acquire()


#: every kind of export, each given the target and whether to overwrite
EXPORTS: dict[str, Callable[..., object]] = {
    "referral": lambda s, out, overwrite: s.reports.export_referral(
        s.cases.list_page(0, 1)[0].code, out, consent_override=True, overwrite=overwrite
    ),
    "statistics CSV": lambda s, out, overwrite: s.reports.export_statistics(
        out, overwrite=overwrite
    ),
    "statistics PDF": lambda s, out, overwrite: s.reports.export_statistics(
        _outside(s) / "stats.csv", out_pdf=out, overwrite=overwrite
    ),
    "backup": lambda s, out, overwrite: s.backups.create(Path(out), overwrite=overwrite),
    "recovery sheet": lambda s, out, overwrite: maintenance.write_recovery_sheet(
        s, s.recovery_key, Path(out), overwrite=overwrite
    ),
}


def _outside(session) -> Path:
    folder = session.workspace.path.parent / "exports"
    folder.mkdir(exist_ok=True)
    return folder


def _inside_targets(session) -> list[Path]:
    """The files and folders of a live workspace an export must never land on."""
    root = session.workspace.path
    layout = session.workspace.layout
    daily = next(layout.backups.iterdir())
    alias = root.parent / "alias-of-workspace"
    if not alias.exists():
        alias.symlink_to(root, target_is_directory=True)
    link = root.parent / "link-to-db.pdf"
    if not link.exists():
        link.symlink_to(layout.db)
    return [
        layout.db,
        root / "workspace.db-wal",
        root / "workspace.db-shm",
        layout.keys,
        root / "workspace.lock",
        layout.backups,
        daily,
        layout.backups / "new.f2lbackup",
        root,
        root / "new-file-in-the-workspace.pdf",
        root / "sub" / ".." / "keys.json",
        alias / "workspace.db",  # the same folder reached through a symlink
        link,  # a symlink outside that points at the database
    ]


@pytest.mark.parametrize("kind", EXPORTS)
def test_no_export_lands_inside_the_workspace_and_it_still_opens(session, kind):
    export = EXPORTS[kind]
    before = _fingerprint(session.workspace.path)
    for target in _inside_targets(session):
        for overwrite in (False, True):
            with pytest.raises(OutputRefused, match="inside the workspace folder"):
                export(session, target, overwrite)
    assert _fingerprint(session.workspace.path) == before
    assert not list(session.workspace.path.parent.glob("exports/*"))  # nothing half-written
    _still_opens_with_every_case(session)


def test_another_workspace_folder_is_refused_too(session, tmp_path: Path):
    """A second workspace (say, the one the GUI has open) is just as live as this one."""
    other, _key = create_workspace(tmp_path / "other", "bo", PASSWORD, kdf=CHEAP_KDF)
    other.lock()
    other.workspace.close()
    for name in ("workspace.db", "keys.json", "notes.pdf"):
        with pytest.raises(OutputRefused, match="inside the workspace folder") as refused:
            session.backups.create(tmp_path / "other" / name, overwrite=True)
        assert f"folder {tmp_path / 'other'}," in refused.value.message()  # that one named
    workspace = open_workspace(tmp_path / "other", CHEAP_KDF)
    workspace.unlock("bo", PASSWORD).lock()
    workspace.close()


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_existing_file_is_replaced_only_when_asked(session, kind):
    export = EXPORTS[kind]
    target = _outside(session) / f"{kind.replace(' ', '-')}.out"
    target.write_bytes(b"the caseworker's own file")
    with pytest.raises(OutputRefused, match="already exists"):
        export(session, target, False)
    assert target.read_bytes() == b"the caseworker's own file"
    export(session, target, True)
    assert target.read_bytes() != b"the caseworker's own file"
    assert target.stat().st_size > 100
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []


def test_a_new_file_is_written_and_private(session):
    target = _outside(session) / "backup.f2lbackup"
    session.backups.create(target)
    assert target.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_temporary_file_is_private_from_the_start_and_beside_the_target(session):
    target = _outside(session) / "r.csv"
    with outputs.staged(session, target, overwrite=False) as staged:
        assert staged.temp.parent == target.parent.resolve()
        assert staged.temp.name != target.name and not target.exists()
        if os.name == "posix":
            assert stat.S_IMODE(staged.temp.stat().st_mode) == 0o600
        staged.temp.write_bytes(b"a,b\n")
    assert target.read_bytes() == b"a,b\n"
    assert not staged.temp.exists()


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_file(session):
    """The disk filling up halfway (ENOSPC from the writer): the target keeps its old bytes."""
    target = _outside(session) / "stats.csv"
    target.write_bytes(b"yesterday's figures")
    with (
        pytest.raises(OutputRefused, match="the disk is full") as refused,
        outputs.staged(session, target, overwrite=True) as staged,
    ):
        staged.temp.write_bytes(b"half of today's")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert "No existing file was changed" in refused.value.message()
    assert target.read_bytes() == b"yesterday's figures"
    assert [p.name for p in target.parent.iterdir()] == ["stats.csv"]


def test_a_file_that_appears_meanwhile_is_not_replaced(session):
    """Checked at the start and again by the final step itself (a hard link refuses)."""
    target = _outside(session) / "report.pdf"
    with (
        pytest.raises(OutputRefused, match="already exists"),
        outputs.staged(session, target, overwrite=False) as staged,
    ):
        staged.temp.write_bytes(b"the export")
        target.write_bytes(b"someone else's file, saved meanwhile")
    assert target.read_bytes() == b"someone else's file, saved meanwhile"
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]


def test_statistics_write_neither_file_when_one_is_refused(session):
    folder = _outside(session)
    (folder / "s.pdf").write_bytes(b"kept")
    with pytest.raises(OutputRefused, match="already exists"):
        session.reports.export_statistics(folder / "s.csv", out_pdf=folder / "s.pdf")
    assert sorted(p.name for p in folder.iterdir()) == ["s.pdf"]
    with pytest.raises(InputRefused, match="cannot both"):
        session.reports.export_statistics(folder / "t.csv", out_pdf=folder / "t.csv")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (lambda s: _outside(s), "is a folder"),
        (lambda s: str(_outside(s)) + os.sep, "is a folder"),
        (lambda s: _outside(s) / "missing" / "b.f2lbackup", "does not exist"),
        (lambda s: _outside(s) / ("n" * 300 + ".f2lbackup"), "too long"),
    ],
    ids=["folder", "folder-with-slash", "missing-parent", "300-characters"],
)
def test_bad_targets_are_refused_with_a_clear_message(session, target, message):
    with pytest.raises(OutputRefused, match=message):
        session.backups.create(target(session), overwrite=True)
    assert not list(_outside(session).glob("**/*.f2lbackup"))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_unwritable_place_is_refused_with_a_clear_message(session):
    with pytest.raises(OutputRefused, match="cannot be created there"):
        session.backups.create(Path("/proc/x"))
    with pytest.raises(OutputRefused, match="not an ordinary file"):
        session.backups.create(Path(os.devnull), overwrite=True)
