"""Schema migrations, tested against a workspace saved at version 1 (tests/data/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from free2link_desktop.core.errors import WorkspaceUnavailable
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.storage import migrations
from tests.conftest import CHEAP_KDF

SAVED_V1 = Path(__file__).resolve().parents[1] / "data" / "workspace-v1"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "v1"
    shutil.copytree(SAVED_V1, target)
    return target


def _unlock(folder: Path):
    workspace = open_workspace(folder, CHEAP_KDF)
    return workspace, workspace.unlock("admin", "correct horse battery")


def test_saved_version_1_workspace_opens_with_its_data(v1_copy: Path):
    workspace, session = _unlock(v1_copy)
    assert session.db.user_version == migrations.LATEST_VERSION
    case = session.cases.list_page(0, 10)[0]
    notes = session.notes.list(case.code)
    assert notes[0].text == "First note, edited at schema version 1."
    assert [r.text for r in session.notes.history(notes[0].id)] == [
        "First note, saved at schema version 1."
    ]
    session.lock()
    workspace.close()


def test_a_new_migration_runs_after_a_backup_in_one_transaction(v1_copy, monkeypatch):
    step = "ALTER TABLE cases ADD COLUMN risk_flag INTEGER;\nCREATE INDEX x ON cases (risk_flag);"
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(migrations.MIGRATIONS))
    workspace, session = _unlock(v1_copy)
    assert session.db.user_version == len(migrations.MIGRATIONS)
    assert any(p.name.startswith("pre-migration-v1") for p in (v1_copy / "backups").iterdir())
    session.lock()
    workspace.close()


def test_a_failing_migration_leaves_the_workspace_as_it_was(v1_copy, monkeypatch):
    before = migrations.LATEST_VERSION  # the steps before the broken one each committed
    broken = "ALTER TABLE cases ADD COLUMN ok INTEGER;\nTHIS IS NOT SQL;"
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(migrations.MIGRATIONS))
    workspace = open_workspace(v1_copy, CHEAP_KDF)
    with pytest.raises(migrations.MigrationFailed, match="left unchanged"):
        workspace.unlock("admin", "correct horse battery")
    workspace.close()
    monkeypatch.undo()
    workspace, session = _unlock(v1_copy)
    assert session.db.user_version == before
    columns = [row[1] for row in session.db.all("PRAGMA table_info(cases)")]
    assert "ok" not in columns
    session.lock()
    workspace.close()


def test_a_workspace_from_a_newer_version_is_refused_clearly(v1_copy, monkeypatch):
    monkeypatch.setattr(migrations, "LATEST_VERSION", 0)
    workspace = open_workspace(v1_copy, CHEAP_KDF)
    with pytest.raises(WorkspaceUnavailable, match="newer version"):
        workspace.unlock("admin", "correct horse battery")
    workspace.close()
