"""Unlock delays cannot be turned against the user, and the recovery key is throttled too."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from free2link_desktop.core.errors import AuthenticationFailed, WorkspaceUnavailable
from free2link_desktop.storage.layout import MAX_DELAY_SECONDS, FailedUnlocks
from tests.conftest import ADMIN, PASSWORD, run_free2link


@pytest.mark.parametrize(
    "events",
    [
        [{"user": "admin", "at": time.time() + 86400}],  # a day in the future
        [{"user": "admin", "at": 1e300}],
        [{"user": "admin", "at": "tomorrow"}],  # not a number
        [{"user": "admin", "at": None}],
        [{"user": "admin", "at": 0}] * 5000,  # far more failures than are ever kept
    ],
)
def test_the_delay_never_exceeds_a_minute_whatever_the_file_says(tmp_path: Path, events):
    path = tmp_path / "unlock-failures.json"
    path.write_text(json.dumps(events))
    assert 0 <= FailedUnlocks(path).seconds_to_wait() <= MAX_DELAY_SECONDS


def test_a_future_failure_costs_the_right_password_one_second_not_a_day(admin_session):
    admin_session.lock()
    admin_session.workspace.close()
    failures = admin_session.workspace.layout.failures
    failures.write_text(json.dumps([{"user": "admin", "at": time.time() + 86400}]))
    started = time.monotonic()
    done = run_free2link(admin_session.workspace.path, "--user", ADMIN, "verify", stdin=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30


def test_a_failure_file_that_is_a_folder_is_a_clear_message(admin_session):
    admin_session.lock()
    admin_session.workspace.close()
    admin_session.workspace.layout.failures.mkdir()
    done = run_free2link(admin_session.workspace.path, "--user", ADMIN, "verify", stdin=PASSWORD)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "unlock-failures.json" in done.stderr


def test_wrong_recovery_keys_are_throttled_and_audited(admin_session):
    admin_session.lock()
    workspace = admin_session.workspace
    with pytest.raises(AuthenticationFailed):
        workspace.reset_password_with_recovery_key("AAAA-BBBB", ADMIN, "after the recovery")
    with pytest.raises(AuthenticationFailed, match="Try again"):
        workspace.reset_password_with_recovery_key(
            admin_session.recovery_key, ADMIN, "after the recovery"
        )
    assert [e["kind"] for e in workspace.failures.events()] == ["recovery key"]
    time.sleep(workspace.seconds_until_next_attempt())
    session = workspace.unlock(ADMIN, PASSWORD)
    failed = [e for e in session.audit.entries() if e.action == "unlock.failed"]
    assert failed[0].object_id == "recovery key"
    assert failed[0].details["kind"] == "recovery key"
    session.lock()


def test_the_failure_record_of_the_wrong_kind_does_not_break_a_wrong_password(admin_session):
    admin_session.lock()
    workspace = admin_session.workspace
    workspace.failures.path.mkdir()
    with pytest.raises(WorkspaceUnavailable, match="should be a file"):
        workspace.unlock(ADMIN, "not the password")
