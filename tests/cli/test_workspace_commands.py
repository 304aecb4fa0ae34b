"""The command line of SPEC section 7 for the workspace, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env, run_free2link

PW = "cli test password"


free2link = run_free2link


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "ws"
    result = free2link(folder, "init", "--user", "ana", stdin=f"{PW}\n{PW}\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    key = next(line for line in lines if line.count("-") == 7)
    (folder.parent / "recovery.txt").write_text(key)
    return folder


def test_init_prints_the_recovery_key_once(ws: Path):
    key = (ws.parent / "recovery.txt").read_text()
    assert len(key) == 39


def test_init_refuses_mismatched_passwords(tmp_path: Path):
    result = free2link(tmp_path / "w", "init", "--user", "x", stdin=f"{PW}\nother one\n")
    assert result.returncode == 1
    assert "differ" in result.stderr and "Traceback" not in result.stderr


def test_case_add_prints_only_the_code_and_show_json_has_notes(ws: Path):
    added = free2link(
        ws,
        "--user",
        "ana",
        "case",
        "add",
        "--alias",
        "Tern",
        "--set",
        "birth_year=2000",
        "--set",
        "nationality=ER",
        stdin=f"{PW}\n",
    )
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip()
    assert code.count("-") == 2 and "\n" not in code
    note = free2link(ws, "--user", "ana", "note", "add", code, stdin=f"{PW}\nFirst line\nsecond\n")
    assert note.returncode == 0, note.stderr
    shown = free2link(ws, "--user", "ana", "case", "show", code, "--json", stdin=f"{PW}\n")
    data = json.loads(shown.stdout)
    assert data["code"] == code and data["birth_year"] == 2000
    assert data["notes"][0]["text"] == "First line\nsecond"
    listed = free2link(
        ws, "--user", "ana", "case", "list", "--search", "Tern", "--json", stdin=f"{PW}\n"
    )
    assert [c["code"] for c in json.loads(listed.stdout)] == [code]


def test_wrong_password_exits_3_with_a_clear_message(ws: Path):
    result = free2link(ws, "--user", "ana", "case", "list", stdin="not it\n")
    assert result.returncode == 3
    assert "Wrong user name or password" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(ws: Path):
    assert free2link(ws, "case", "frobnicate").returncode == 2
    result = free2link(ws, "case", "list", stdin=f"{PW}\n")
    assert result.returncode == 2 and "--user" in result.stderr


def test_refused_input_exits_1(ws: Path):
    result = free2link(
        ws, "--user", "ana", "case", "add", "--alias", "X", "--set", "nonsense", stdin=f"{PW}\n"
    )
    assert result.returncode == 1 and "FIELD=VALUE" in result.stderr
    result = free2link(ws, "--user", "ana", "case", "show", "IT-1999-9999", stdin=f"{PW}\n")
    assert result.returncode == 1 and "no case" in result.stderr


def test_users_roles_and_refusals(ws: Path):
    added = free2link(
        ws,
        "--user",
        "ana",
        "user",
        "add",
        "ivo",
        "--role",
        "interviewer",
        stdin=f"{PW}\nivo password 1\n",
    )
    assert added.returncode == 0, added.stderr
    refused = free2link(
        ws, "--user", "ivo", "case", "erase", "IT-2026-0001", stdin="ivo password 1\n"
    )
    assert refused.returncode == 1
    assert "does not allow you to erase cases" in refused.stderr
    changed = free2link(
        ws,
        "--user",
        "ivo",
        "user",
        "passwd",
        "ivo",
        stdin="ivo password 1\nivo password 1\nivo password 2\nivo password 2\n",
    )
    assert changed.returncode == 0, changed.stderr
    assert free2link(ws, "--user", "ivo", "case", "list", stdin="ivo password 2\n").returncode == 0


def test_user_reset_with_the_recovery_key(ws: Path):
    key = (ws.parent / "recovery.txt").read_text()
    reset = free2link(
        ws,
        "user",
        "reset",
        "ivo",
        "--recovery-key-stdin",
        stdin=f"{key}\nivo password 3\nivo password 3\n",
    )
    assert reset.returncode == 0, reset.stderr
    assert free2link(ws, "--user", "ivo", "case", "list", stdin="ivo password 3\n").returncode == 0
    bad = free2link(
        ws,
        "user",
        "reset",
        "ivo",
        "--recovery-key-stdin",
        stdin="AAAA-AAAA\nivo password 4\nivo password 4\n",
    )
    assert bad.returncode == 3


def test_backup_create_restore_and_verify(ws: Path, tmp_path: Path):
    out = tmp_path / "stick" / "backup.f2lbackup"
    out.parent.mkdir()
    made = free2link(ws, "--user", "ana", "backup", "create", "--out", str(out), stdin=f"{PW}\n")
    assert made.returncode == 0 and out.is_file(), made.stderr
    other = tmp_path / "laptop2"
    restored = free2link(other, "--user", "ana", "backup", "restore", str(out), stdin=f"{PW}\n")
    assert restored.returncode == 0, restored.stderr
    listed = free2link(other, "--user", "ana", "case", "list", "--json", stdin=f"{PW}\n")
    assert listed.returncode == 0 and json.loads(listed.stdout)
    verified = free2link(other, "--user", "ana", "verify", stdin=f"{PW}\n")
    assert verified.returncode == 0 and "audit chain: ok" in verified.stdout


def test_second_process_on_the_same_workspace_gets_a_clear_message(ws: Path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from free2link_desktop.services.workspace import open_workspace\n"
            f"w = open_workspace({str(ws)!r})\nprint('held', flush=True)\ntime.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = free2link(ws, "--user", "ana", "case", "list", stdin=f"{PW}\n")
        assert result.returncode == 1
        assert "already open" in result.stderr and str(holder.pid) in result.stderr
    finally:
        holder.kill()
        holder.communicate()


def test_lock_file_that_is_a_directory_is_a_clear_message(ws: Path):
    lock = ws / "workspace.lock"
    aside = ws.parent / "workspace.lock.aside"
    if lock.exists():
        lock.rename(aside)
    lock.mkdir()
    try:
        result = free2link(ws, "--user", "ana", "case", "list", stdin=f"{PW}\n")
        assert result.returncode == 1, result.stderr
        assert "must be a plain file" in result.stderr and "Traceback" not in result.stderr
        assert lock.is_dir()  # nothing of the person's is deleted to make room
    finally:
        lock.rmdir()
        if aside.exists():
            aside.rename(lock)


def test_flipped_byte_makes_verify_fail_and_name_the_backup(tmp_path: Path):
    ws = tmp_path / "w"
    assert free2link(ws, "init", "--user", "ana", stdin=f"{PW}\n{PW}\n").returncode == 0
    for i in range(20):
        free2link(ws, "--user", "ana", "case", "add", "--alias", f"A{i}" * 300, stdin=f"{PW}\n")
    db = ws / "workspace.db"
    data = bytearray(db.read_bytes())
    data[len(data) - 5000] ^= 0x55
    db.write_bytes(bytes(data))
    result = free2link(ws, "--user", "ana", "verify", stdin=f"{PW}\n")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert "FAILED" in output or "damaged" in output
    assert "daily-" in output


def test_streams_are_utf8_even_where_pipes_use_a_code_page(tmp_path: Path):
    """Windows pipes use the ANSI code page (cp1252 here, as in Italy and Poland); a UTF-8
    password piped in must be the password the window is later unlocked with, and a Greek or
    Arabic alias must print."""
    from free2link_desktop.services.workspace import open_workspace

    folder = tmp_path / "w"
    password = "Zoë's pässwörd ünïcødé"
    env = cli_env() | {"PYTHONIOENCODING": "cp1252"}

    def run(*args: str, stdin: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "free2link_desktop", "--workspace", str(folder), *args],
            input=stdin.encode("utf-8"),
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )

    created = run("init", "--user", "ana", stdin=f"{password}\n{password}\n")
    assert created.returncode == 0, created.stderr.decode("utf-8", "replace")
    added = run("--user", "ana", "case", "add", "--alias", "Ελένη حنان", stdin=f"{password}\n")
    assert added.returncode == 0, added.stderr.decode("utf-8", "replace")
    listed = run("--user", "ana", "case", "list", stdin=f"{password}\n")
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    assert "Ελένη حنان" in listed.stdout.decode("utf-8")
    # the window gets the password as typed (Unicode), not as a code page misread it
    workspace = open_workspace(folder)
    try:
        workspace.unlock("ana", password).lock()
    finally:
        workspace.close()
