"""`user add` writes keys.json, then commits the user: a crash between the two is recoverable.

The crash is real: a `free2link user add` process that kills itself (SIGKILL where there is
one) right after the real keys.json write and before the database commit, as a power cut or a
kill -9 would. Nothing in the shipped code knows about the test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from free2link_desktop.services import maintenance
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage.vault import user_entry
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD, cli_env, run_free2link

DIE_AFTER_KEYS_JSON = """
import os, signal, sys
from free2link_desktop.storage.vault import KeyVault

real_save = KeyVault.save

def save_then_die(self, *args, **kwargs):
    real_save(self, *args, **kwargs)  # keys.json is on disk now, the user is not committed
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)

KeyVault.save = save_then_die
from free2link_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _crashing_user_add(workspace: Path, name: str, password: str) -> int:
    done = subprocess.run(
        [
            *(sys.executable, "-c", DIE_AFTER_KEYS_JSON, "--workspace", str(workspace)),
            *("user", "add", name, "--role", "caseworker", "--user", ADMIN),
        ],
        input=f"{PASSWORD}\n{password}\n",
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=False,
    )
    return done.returncode


def _workspace(admin_session) -> Path:
    path = admin_session.workspace.path
    admin_session.lock()
    admin_session.workspace.close()
    return path


def test_a_crash_between_keys_json_and_the_commit_can_be_repaired(admin_session):
    path = _workspace(admin_session)
    assert _crashing_user_add(path, "bea", "bea password 1") != 0
    assert "user:bea" in (path / "keys.json").read_text()  # the crash came after the write

    login = run_free2link(path, "--user", "bea", "case", "list", stdin="bea password 1\n")
    assert login.returncode == 3 and "Traceback" not in login.stderr
    assert "never completed" in login.stderr

    workspace = open_workspace(path, CHEAP_KDF)
    session = workspace.unlock(ADMIN, PASSWORD)
    accounts = next(c for c in maintenance.verify(session).checks if c.name == "accounts")
    assert "bea" in accounts.detail
    session.lock()
    workspace.close()

    again = run_free2link(
        path,
        "--user",
        ADMIN,
        "user",
        "add",
        "bea",
        "--role",
        "caseworker",
        stdin=f"{PASSWORD}\nbea password 2\n",
    )
    assert again.returncode == 0, again.stderr
    login = run_free2link(path, "--user", "bea", "case", "list", stdin="bea password 2\n")
    assert login.returncode == 0, login.stderr


def test_a_user_without_a_key_entry_is_reported_and_can_be_reset(admin_session):
    admin_session.users.add("bea", "caseworker", "bea password 1")
    vault = admin_session.workspace.vault
    vault.remove(user_entry("bea"))
    vault.save(admin_session.key)
    report = maintenance.verify(admin_session)
    accounts = next(c for c in report.checks if c.name == "accounts")
    assert not accounts.ok and "bea" in accounts.detail
    path = _workspace(admin_session)

    again = run_free2link(
        path,
        "--user",
        ADMIN,
        "user",
        "add",
        "bea",
        "--role",
        "caseworker",
        stdin=f"{PASSWORD}\nbea password 2\n",
    )
    assert again.returncode == 1 and "passwd" in again.stderr
    reset = run_free2link(
        path,
        "--user",
        ADMIN,
        "user",
        "passwd",
        "bea",
        stdin=f"{PASSWORD}\nbea password 3\nbea password 3\n",
    )
    assert reset.returncode == 0, reset.stderr
    login = run_free2link(path, "--user", "bea", "case", "list", stdin="bea password 3\n")
    assert login.returncode == 0, login.stderr
