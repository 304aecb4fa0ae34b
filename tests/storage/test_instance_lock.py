"""The instance lock is an operating-system lock: held while its process lives, gone when it dies.

Each holder below is a real second process; the lock file is the real one in a real folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.storage import lockfile
from free2link_desktop.storage.lockfile import LOCK_NAME, InstanceLock
from tests.conftest import cli_env

HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from free2link_desktop.storage.lockfile import InstanceLock\n"
    "InstanceLock(Path(sys.argv[1])).acquire()\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on `tmp_path` until its stdin closes (or it is killed)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


def test_a_lock_held_by_another_process_is_refused_with_its_pid(tmp_path: Path, holder):
    with pytest.raises(WorkspaceUnavailable, match="already open") as refused:
        InstanceLock(tmp_path).acquire()
    assert f"process {holder.pid}" in refused.value.message()
    # the refused attempt left the owner's pid in place (the file is never truncated on a try)
    assert lockfile.read_owner(tmp_path / LOCK_NAME) == holder.pid


def test_the_lock_of_a_process_killed_with_sigkill_is_free_at_once(tmp_path: Path, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    started = time.monotonic()
    lock = InstanceLock(tmp_path)
    lock.acquire()
    assert time.monotonic() - started < 0.5
    assert lockfile.read_owner(tmp_path / LOCK_NAME) == os.getpid()
    lock.release()


def test_a_leftover_pid_of_a_running_process_does_not_keep_the_workspace_shut(tmp_path: Path):
    """A crash leaves the file with its pid; the system then gives that pid to another program
    (here: this test's own process). The old pid test read that as "still open" for ever."""
    (tmp_path / LOCK_NAME).write_text(str(os.getpid()))
    lock = InstanceLock(tmp_path)
    lock.acquire()
    assert lock.held
    lock.release()


def test_released_lock_stays_in_place_and_is_taken_again(tmp_path: Path):
    """Not deleted on release: a deleted file would let a third process lock a new file of the
    same name while a second one goes on to win the old one."""
    first = InstanceLock(tmp_path)
    first.acquire()
    second = InstanceLock(tmp_path)
    with pytest.raises(WorkspaceUnavailable, match="already open"):
        second.acquire()  # another open in the same process is refused too
    first.release()
    assert (tmp_path / LOCK_NAME).is_file()
    second.acquire()
    second.release()


def test_lock_file_that_is_a_directory_is_a_clear_message(tmp_path: Path):
    (tmp_path / LOCK_NAME).mkdir()
    (tmp_path / LOCK_NAME / "something.txt").write_text("kept")
    with pytest.raises(WorkspaceUnavailable, match="must be a plain file"):
        InstanceLock(tmp_path).acquire()
    assert (tmp_path / LOCK_NAME / "something.txt").read_text() == "kept"


def test_lock_file_that_is_a_link_is_refused_and_its_target_untouched(tmp_path: Path):
    target = tmp_path / "keys.json"
    target.write_text('{"precious": true}')
    (tmp_path / LOCK_NAME).symlink_to(target)
    with pytest.raises(WorkspaceUnavailable, match="must be a plain file"):
        InstanceLock(tmp_path).acquire()
    assert target.read_text() == '{"precious": true}'


def test_the_windows_calls_are_chosen_by_platform_not_by_the_running_system():
    assert lockfile.lock_calls("win32")[0] is lockfile._lock_windows
    assert lockfile.lock_calls("linux")[0] is lockfile._lock_posix
    assert lockfile.lock_calls("darwin")[0] is lockfile._lock_posix
    assert not lockfile.open_flags("win32") & os.O_TRUNC
    assert not lockfile.open_flags("linux") & os.O_TRUNC
    assert lockfile.open_flags("linux") & os.O_NOFOLLOW
