"""What differs on Windows and macOS, tested here on Linux where the branch is chosen by a
`platform` parameter (never by changing `sys.platform`), with real files.

What cannot be run here at all (msvcrt.locking, F_FULLFSYNC, NTFS streams) is listed in
docs/install.md, "Windows and macOS: what was and was not tried".
"""

from __future__ import annotations

import secrets
import subprocess
import threading
import time
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.storage.atomic import replace_file, sync_file, write_atomically
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.filenames import check_file_name


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (r"C:\Users\ana\report:march.pdf", '":"'),  # would be a hidden NTFS stream of "report"
        (r"C:\Users\ana\what?.csv", '"?"'),
        (r"C:\Users\ana\a|b.csv", '"|"'),
        ("C:\\Users\\ana\\tab\there.csv", "U+0009"),
        (r"C:\Users\ana\ex:ports\s.csv", '":"'),  # in a folder's name too
        (r"D:\CON.pdf", "CON is the name of a device"),
        (r"D:\exports\nul.csv", "NUL is the name of a device"),
        (r"D:\com1 .txt", "COM1 is the name of a device"),
        (r"D:\LPT¹.pdf", "LPT¹ is the name of a device"),
        (r"D:\report.", "ends with a dot or a space"),
        (r"D:\report.pdf ", "ends with a dot or a space"),
    ],
)
def test_names_windows_would_mistreat_are_refused_there(path: str, words: str):
    with pytest.raises(InputRefused) as refused:
        check_file_name(path, "win32")
    assert words in refused.value.message()


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\ana\Documents\referral-F2L-7K3Q-2026-03-01.pdf",
        r"\\server\share\statistics 2026.csv",
        "\\\\?\\C:\\a\\very\\long\\path\\backup.f2lbackup",
        r"C:\Users\ana\console.pdf",  # only the exact device names are kept
        r"relative\name.csv",
    ],
)
def test_ordinary_windows_names_pass(path: str):
    check_file_name(path, "win32")


def test_the_same_names_are_left_alone_on_linux_and_macos(tmp_path: Path):
    for platform in ("linux", "darwin"):
        check_file_name(tmp_path / "report:march.pdf", platform)
        check_file_name(tmp_path / "CON.pdf", platform)
    write_atomically(tmp_path / "report:march.csv", b"x", platform="linux")
    assert (tmp_path / "report:march.csv").read_bytes() == b"x"


def test_a_refused_name_writes_nothing(tmp_path: Path):
    with pytest.raises(InputRefused):
        write_atomically(tmp_path / "report:march.csv", b"x", platform="win32")
    assert list(tmp_path.iterdir()) == []


# -- renaming over a file another program holds ----------------------------------------------


def _immutable(path: Path, on: bool) -> None:
    result = subprocess.run(
        ["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"chattr is not usable here: {result.stderr!r}")


@pytest.fixture
def held_target(tmp_path: Path):
    """A target the system refuses to replace (PermissionError), as Windows refuses one that a
    PDF reader holds open; here an immutable file, which even root cannot replace."""
    target = tmp_path / "statistics.csv"
    target.write_bytes(b"old")
    source = tmp_path / "new.tmp"
    source.write_bytes(b"new")
    _immutable(target, True)
    yield source, target
    _immutable(target, False)


def test_windows_waits_out_a_program_that_lets_go_of_the_target(held_target):
    source, target = held_target
    letting_go = threading.Timer(0.3, _immutable, (target, False))
    letting_go.start()
    replace_file(source, target, platform="win32", attempts=10, pause=0.05)
    letting_go.join()
    assert target.read_bytes() == b"new" and not source.exists()


def test_windows_says_what_to_do_when_the_program_keeps_the_file(held_target):
    source, target = held_target
    with pytest.raises(PermissionError) as refused:
        replace_file(source, target, platform="win32", attempts=3, pause=0.01)
    assert "another program has the file open" in refused.value.strerror
    assert source.read_bytes() == b"new"  # the new content is still there to try again


def test_elsewhere_a_refused_rename_fails_at_once(held_target):
    source, target = held_target
    started = time.monotonic()
    with pytest.raises(PermissionError):
        replace_file(source, target, platform="linux", attempts=10, pause=0.5)
    assert time.monotonic() - started < 0.4


# -- durability ---------------------------------------------------------------------------------


def test_the_database_asks_for_full_fsync_which_macos_needs(tmp_path: Path):
    db = Database(tmp_path / "w.db", secrets.token_bytes(32))
    try:
        assert db.scalar("PRAGMA fullfsync") == 1
    finally:
        db.close()


def test_the_macos_sync_falls_back_to_fsync_where_f_fullfsync_is_missing(tmp_path: Path):
    with open(tmp_path / "f", "wb") as handle:
        handle.write(b"data")
        handle.flush()
        sync_file(handle.fileno(), "darwin")  # Linux has no F_FULLFSYNC: plain fsync
        sync_file(handle.fileno(), "linux")
