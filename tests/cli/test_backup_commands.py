"""`backup restore` and the daily backup on the command line, run as real processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_free2link as free2link
from tests.services.backup_samples import deflate_bomb

PW = "cli backup password"
CORA_PW = "coordinator password"


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace (admin ana, coordinator cora) and a backup of it; then one more case."""
    folder = tmp_path_factory.mktemp("backup-cli") / "ws"
    made = free2link(folder, "init", "--user", "ana", stdin=f"{PW}\n{PW}\n")
    assert made.returncode == 0, made.stderr
    added = free2link(
        folder, "--user", "ana", "user", "add", "cora", "--role", "coordinator",
        stdin=f"{PW}\n{CORA_PW}\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    free2link(folder, "--user", "ana", "case", "add", "--alias", "Before", stdin=f"{PW}\n")
    out = folder.parent / "stick" / "b.f2lbackup"
    out.parent.mkdir()
    made = free2link(
        folder, "--user", "ana", "backup", "create", "--out", str(out), stdin=f"{PW}\n"
    )
    assert made.returncode == 0, made.stderr
    free2link(folder, "--user", "ana", "case", "add", "--alias", "After", stdin=f"{PW}\n")
    return out


def _aliases(workspace: Path) -> list[str]:
    listed = free2link(workspace, "--user", "ana", "case", "list", "--json", stdin=f"{PW}\n")
    assert listed.returncode == 0, listed.stderr
    return sorted(c["alias"] for c in json.loads(listed.stdout))


def test_restore_without_a_login_is_refused(stick: Path):
    workspace = stick.parent.parent / "ws"
    result = free2link(workspace, "backup", "restore", str(stick))
    assert result.returncode == 2 and "--user" in result.stderr
    assert _aliases(workspace) == ["After", "Before"]


def test_restore_by_a_coordinator_is_refused(stick: Path):
    workspace = stick.parent.parent / "ws"
    result = free2link(
        workspace, "--user", "cora", "backup", "restore", str(stick), stdin=f"{CORA_PW}\n"
    )
    assert result.returncode == 1 and "restore backups" in result.stderr
    assert "Traceback" not in result.stderr
    assert _aliases(workspace) == ["After", "Before"]


def test_restore_says_what_happened_and_where_the_previous_workspace_is(stick: Path):
    workspace = stick.parent.parent / "ws"
    copy = stick.parent.parent / "ws-copy"
    shutil.copytree(workspace, copy)
    result = free2link(copy, "--user", "ana", "backup", "restore", str(stick), stdin=f"{PW}\n")
    assert result.returncode == 0, result.stderr
    kept = next(stick.parent.parent.glob("ws-copy.before-restore-*"))
    assert f"restored into {copy} by ana" in result.stdout
    assert f"was kept in {kept}; nothing in it was deleted" in result.stdout
    assert "audit log" in result.stdout
    assert _aliases(copy) == ["Before"]
    assert _aliases(kept) == ["After", "Before"]


def test_a_zip_bomb_is_refused_with_a_message(stick: Path, tmp_path: Path):
    bomb = deflate_bomb(tmp_path / "bomb.f2lbackup", 64 << 20)
    result = free2link(
        tmp_path / "w", "--user", "ana", "backup", "restore", str(bomb), stdin=f"{PW}\n"
    )
    assert result.returncode == 1 and "declares" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "w" / "workspace.db").exists()


def test_a_backups_file_instead_of_a_folder_is_said_not_a_traceback(stick: Path):
    workspace = stick.parent.parent / "ws-file"
    shutil.copytree(stick.parent.parent / "ws", workspace)
    shutil.rmtree(workspace / "backups", ignore_errors=True)
    (workspace / "backups").write_text("a file")
    listed = free2link(workspace, "--user", "ana", "case", "list", stdin=f"{PW}\n")
    assert listed.returncode == 0
    assert "automatic backup could not be made" in listed.stderr and "is a file" in listed.stderr
    assert "Traceback" not in listed.stderr
    verified = free2link(workspace, "--user", "ana", "verify", stdin=f"{PW}\n")
    assert verified.returncode == 1 and "backups: FAILED" in verified.stdout
    assert "Traceback" not in verified.stderr
