"""A full disk or a read-only workspace folder never makes the data unreadable (issue 14, item 8
and the read-only folder).

Real conditions, no mocks: a small tmpfs filled to the last byte, a process whose file-size
limit (RLIMIT_FSIZE) forbids any growth of any file, and a read-only bind mount of the
workspace folder. Mounting needs root (or the right capability); those tests skip with the
reason when the system refuses, and the RLIMIT_FSIZE test needs no privilege at all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from free2link_desktop.services.workspace import create_workspace
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD, cli_env, run_free2link

pytestmark = pytest.mark.skipif(os.name != "posix", reason="mounts and rlimits are POSIX")


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {done.stderr.strip() or done.returncode}")


@contextlib.contextmanager
def _mounted(target: Path, *args: str) -> Iterator[Path]:
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    target.mkdir(parents=True, exist_ok=True)
    _mount(*args, str(target))
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def _workspace(folder: Path) -> list[str]:
    session, _ = create_workspace(folder, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    codes = [session.cases.create(f"Bird {i}").code for i in range(3)]
    session.notes.add(codes[0], "first note")
    session.backups.ensure_daily()
    session.lock()
    session.workspace.close()
    return codes


def _fill(folder: Path) -> Path:
    """Write zeros until the file system says it is full."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
    with open(filler, "ab", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 512)
    return filler


def _run(
    workspace: Path, *args: str, limit: int | None = None, stdin: str = PASSWORD + "\n"
) -> subprocess.CompletedProcess[str]:
    return run_free2link(workspace, *args, stdin=stdin, file_size_limit=limit)


def _reading_still_works(workspace: Path, codes: list[str], *, limit: int | None = None) -> None:
    """Every read a person needs works and says that this access could not be recorded."""
    changed = _run(workspace, "case", "add", "--alias", "New", "--user", ADMIN, limit=limit)
    assert "Traceback" not in changed.stderr, changed.stderr
    assert changed.returncode == 1
    assert "Everything saved before is intact" in changed.stderr
    assert "will be saved" not in changed.stderr  # a command keeps nothing: it must not say so

    listed = _run(workspace, "case", "list", "--user", ADMIN, limit=limit)
    assert "Traceback" not in listed.stderr, listed.stderr
    assert listed.returncode == 0, listed.stderr
    assert all(code in listed.stdout for code in codes)
    assert "could not be recorded" in listed.stderr

    shown = _run(workspace, "case", "show", codes[0], "--user", ADMIN, limit=limit)
    assert "Traceback" not in shown.stderr, shown.stderr
    assert shown.returncode == 0, shown.stderr
    assert codes[0] in shown.stdout

    verified = _run(workspace, "verify", "--user", ADMIN, limit=limit)
    assert "Traceback" not in verified.stderr, verified.stderr
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_full_file_system_leaves_everything_readable(tmp_path: Path):
    with _mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=8m", "tmpfs") as disk:
        workspace = disk / "ws"
        codes = _workspace(workspace)
        filler = _fill(disk)
        _reading_still_works(workspace, codes)
        filler.unlink()
        # room again: writing works and nothing was lost
        added = _run(workspace, "case", "add", "--alias", "Later", "--user", ADMIN)
        assert added.returncode == 0, added.stderr
        listed = _run(workspace, "case", "list", "--user", ADMIN)
        assert all(code in listed.stdout for code in [*codes, added.stdout.strip()])


def test_no_file_may_grow_and_reading_still_works(tmp_path: Path):
    """RLIMIT_FSIZE: any write past the limit fails with EFBIG, as on a full disk; no mount."""
    workspace = tmp_path / "ws"
    codes = _workspace(workspace)
    _reading_still_works(workspace, codes, limit=1)
    # a key file cannot be written either: said in words too
    added = _run(
        workspace,
        *("user", "add", "ivan", "--role", "interviewer", "--user", ADMIN),
        stdin=f"{PASSWORD}\ninterviewer password\n",
        limit=1,
    )
    assert "Traceback" not in added.stderr, added.stderr
    assert added.returncode == 1


def test_read_only_folder_opens_for_reading_with_a_note(tmp_path: Path):
    workspace = tmp_path / "ws"
    codes = _workspace(workspace)
    view = tmp_path / "view"
    with _mounted(view, "--bind", str(workspace)):
        _mount("-o", "remount,ro,bind", str(view))
        changed = _run(view, "case", "add", "--alias", "New", "--user", ADMIN)
        assert "Traceback" not in changed.stderr, changed.stderr
        assert changed.returncode == 1
        assert "read-only" in changed.stderr

        listed = _run(view, "case", "list", "--user", ADMIN)
        assert "Traceback" not in listed.stderr, listed.stderr
        assert listed.returncode == 0, listed.stderr
        assert all(code in listed.stdout for code in codes)
        assert "opened for reading only" in listed.stderr

        verified = _run(view, "verify", "--user", ADMIN)
        assert verified.returncode == 0, verified.stdout + verified.stderr

        wrong = subprocess.run(
            [
                sys.executable,
                "-m",
                "free2link_desktop",
                "--workspace",
                str(view),
                "case",
                "list",
                "--user",
                ADMIN,
            ],
            input="wrong password\n",
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
            check=False,
        )
        assert "Traceback" not in wrong.stderr, wrong.stderr
        assert wrong.returncode == 3


WAL_WRITER = """
import os, sys
from free2link_desktop.services.workspace import KdfParams, open_workspace
workspace = open_workspace(sys.argv[1], KdfParams(1024, 1, 1))
session = workspace.unlock(sys.argv[2], sys.argv[3])
session.db.execute("PRAGMA wal_autocheckpoint = 0")
session.db._checkpoint_committed = lambda: None  # as if killed between commit and checkpoint
print(session.cases.create("Newest").code, flush=True)
os._exit(0)
"""


@pytest.mark.parametrize("keep_shm", [True, False])
def test_read_only_folder_never_hides_newest_changes_silently(tmp_path: Path, keep_shm: bool):
    """A crash left commits in workspace.db-wal, then the folder became read-only: the newest
    case is either shown or the note says that the newest changes cannot be shown."""
    workspace = tmp_path / "ws"
    _workspace(workspace)
    done = subprocess.run(
        [sys.executable, "-c", WAL_WRITER, str(workspace), ADMIN, PASSWORD],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=True,
    )
    newest = done.stdout.strip()
    assert (workspace / "workspace.db-wal").stat().st_size > 0
    (workspace / "workspace.lock").unlink(missing_ok=True)
    if not keep_shm:
        (workspace / "workspace.db-shm").unlink()
    view = tmp_path / "view"
    with _mounted(view, "--bind", str(workspace)):
        _mount("-o", "remount,ro,bind", str(view))
        listed = _run(view, "case", "list", "--user", ADMIN)
    assert "Traceback" not in listed.stderr, listed.stderr
    assert listed.returncode == 0, listed.stderr
    assert newest in listed.stdout or "cannot be applied" in listed.stderr
