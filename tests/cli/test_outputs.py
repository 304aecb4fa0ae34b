"""`--out` and `--force` on the command line (SPEC section 7), run as real processes.

Replays the attack of issue 14: `report`, `backup create` and `stats` with `--out` at the live
workspace.db destroyed the workspace. Now each is refused with exit 1 and a message, and the
workspace still opens with every case afterwards.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHEAP_KDF, cli_env, run_free2link

PW = "cli output password"
UCL_FORM = Path(__file__).resolve().parents[1] / "interop/data/pyxform/UCL_Biomass_Plot_Form.xlsx"
ALIASES = ["Heron", "Lark", "Tern"]
free2link = run_free2link


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A workspace with three cases (cheap key derivation, made in-process)."""
    from free2link_desktop.services.workspace import create_workspace

    folder = tmp_path / "ws"
    session, _key = create_workspace(folder, "ana", PW, kdf=CHEAP_KDF)
    for alias in ALIASES:
        session.cases.create(alias)
    session.lock()
    session.workspace.close()
    return folder


def _as_ana(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return free2link(folder, "--user", "ana", *args, stdin=f"{PW}\n")


def _refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _every_case_still_there(folder: Path) -> None:
    listed = _as_ana(folder, "case", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sorted(c["alias"] for c in json.loads(listed.stdout)) == ALIASES
    verified = _as_ana(folder, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_out_at_the_live_database_is_refused_and_the_workspace_survives(ws: Path, force):
    code = json.loads(_as_ana(ws, "case", "list", "--json").stdout)[0]["code"]
    db = ws / "workspace.db"
    attacks = [
        ["report", code, "--consent-override", "--out", str(ws / "workspace.db")],
        ["backup", "create", "--out", str(ws / "workspace.db")],
        ["stats", "--out", str(ws / "workspace.db")],
        ["stats", "--out", str(ws.parent / "s.csv"), "--pdf", str(ws / "keys.json")],
        ["backup", "create", "--out", str(ws / "backups" / "x.f2lbackup")],
        ["report", code, "--consent-override", "--out", str(ws / "workspace.db-wal")],
        # guides exported or imported need no workspace, and still may not land in one
        ["questionnaire", "export", "first-screening", "--format", "xform", "--out", str(db)],
        ["questionnaire", "import-xlsform", str(UCL_FORM), "--out", str(ws / "keys.json")],
    ]
    for attack in attacks:
        _refused(_as_ana(ws, *attack, *force), "inside the workspace folder")
    assert not (ws.parent / "s.csv").exists()
    _every_case_still_there(ws)


def test_init_recovery_out_inside_the_new_workspace_is_refused(tmp_path: Path):
    folder = tmp_path / "fresh"
    result = free2link(
        folder,
        "init",
        "--user",
        "ana",
        "--recovery-out",
        str(folder / "keys.json"),
        stdin=f"{PW}\n{PW}\n",
    )
    _refused(result, "inside the workspace folder")
    assert not folder.exists()  # refused before a workspace whose key nobody saw was made
    taken = tmp_path / "taken.pdf"
    taken.write_bytes(b"mine")
    again = free2link(
        folder, "init", "--user", "ana", "--recovery-out", str(taken), stdin=f"{PW}\n{PW}\n"
    )
    _refused(again, "already exists")
    assert not folder.exists() and taken.read_bytes() == b"mine"


def test_an_existing_file_is_replaced_only_with_force(ws: Path, tmp_path: Path):
    out = tmp_path / "stick" / "b.f2lbackup"
    out.parent.mkdir()
    assert _as_ana(ws, "backup", "create", "--out", str(out)).returncode == 0
    first = out.read_bytes()
    again = _as_ana(ws, "backup", "create", "--out", str(out))
    _refused(again, "already exists")
    assert "--force" in again.stderr
    assert out.read_bytes() == first
    forced = _as_ana(ws, "backup", "create", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes() != first  # a new backup (new timestamps and audit entries)
    assert sorted(p.name for p in out.parent.iterdir()) == ["b.f2lbackup"]
    stats = tmp_path / "stick" / "s.csv"
    stats.write_text("mine")
    _refused(_as_ana(ws, "stats", "--out", str(stats)), "already exists")
    assert stats.read_text() == "mine"
    assert _as_ana(ws, "stats", "--out", str(stats), "--force").returncode == 0
    assert stats.read_text() != "mine"


@pytest.mark.parametrize(
    ("out", "words"),
    [
        ("{tmp}", "is a folder"),
        ("{tmp}/missing/b.f2lbackup", "does not exist"),
        ("{tmp}/" + "n" * 300, "too long"),
        ("/proc/x", "cannot be created there"),
        ("/dev/null", "not an ordinary file"),
    ],
    ids=["folder", "missing-parent", "300-characters", "proc", "device"],
)
def test_bad_out_gives_a_clear_message(ws: Path, tmp_path: Path, out: str, words: str):
    if out.startswith(("/proc", "/dev")) and not Path(out).parent.is_dir():
        pytest.skip("no /proc or /dev here")
    target = out.format(tmp=tmp_path)
    for command in (["backup", "create"], ["stats"]):
        _refused(_as_ana(ws, *command, "--out", target, "--force"), words)


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file(
    ws: Path, tmp_path: Path
):
    """A real failure while writing: the process may not write files past 64 KiB (EFBIG), as
    a full stick would stop it. The backup (over 100 KiB) fails; the old file stays whole."""
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "b.f2lbackup"
    out.write_bytes(b"last week's backup")

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    command = ["backup", "create", "--out", str(out), "--force"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "free2link_desktop",
            "--workspace",
            str(ws),
            "--user",
            "ana",
            *command,
        ],
        input=f"{PW}\n",
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=False,
        preexec_fn=limit_file_size,
    )
    _refused(result, "No existing file was changed")
    assert out.read_bytes() == b"last week's backup"
    assert sorted(p.name for p in stick.iterdir()) == ["b.f2lbackup"]
    _every_case_still_there(ws)


@pytest.mark.parametrize("command", [["init"], ["backup", "restore", "{backup}"]])
def test_workspace_that_is_a_file_is_refused_and_left_alone(
    ws: Path, tmp_path: Path, command: list[str]
):
    backup = tmp_path / "b.f2lbackup"
    assert _as_ana(ws, "backup", "create", "--out", str(backup)).returncode == 0
    a_file = tmp_path / "notes.txt"
    a_file.write_text("a caseworker's own notes")
    args = [part.format(backup=backup) for part in command]
    result = free2link(a_file, *args, "--user", "ana", stdin=f"{PW}\n{PW}\n")
    _refused(result, "is a file, not a folder")
    assert a_file.read_text() == "a caseworker's own notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.f2lbackup", "notes.txt", "ws"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 KiB file system (tmpfs), where mounting is allowed (root on Linux)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_disk_full_while_writing_keeps_the_old_file(ws: Path, tiny_disk: Path):
    old = tiny_disk / "stats.pdf"
    old.write_bytes(b"last month's charts")
    result = _as_ana(
        ws, "stats", "--out", str(tiny_disk / "stats.csv"), "--pdf", str(old), "--force"
    )
    _refused(result, "the disk is full")
    assert old.read_bytes() == b"last month's charts"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["stats.pdf"]
    _every_case_still_there(ws)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding b.f2lbackup ("kept") that this process cannot write to: by its mode
    for a normal user, by a read-only bind mount for root (whom modes do not stop)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "b.f2lbackup").write_bytes(b"kept")
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], check=False)
    if bind.returncode != 0:
        pytest.skip("cannot make a read-only bind mount here")
    try:
        remount = ["mount", "-o", "remount,ro,bind", str(folder)]
        if subprocess.run(remount, check=False).returncode != 0:
            pytest.skip("cannot make a read-only bind mount here")
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_folder_is_refused_and_its_file_kept(ws: Path, read_only_folder: Path):
    old = read_only_folder / "b.f2lbackup"
    result = _as_ana(ws, "backup", "create", "--out", str(old), "--force")
    _refused(result, "No existing file was changed")
    assert "read-only" in result.stderr or "no permission" in result.stderr
    assert old.read_bytes() == b"kept"
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["b.f2lbackup"]
