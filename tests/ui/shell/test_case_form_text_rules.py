"""The case form refuses what the command line refuses: a pasted alias or nationality with a
tab, a line break or a right-to-left override is named in a message, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from free2link_desktop.services.workspace import create_workspace
from free2link_desktop.ui.case_form import CaseFormDialog

from .conftest import CHEAP

PASSWORD = "correct horse battery"


@pytest.fixture
def session(tmp_path: Path):
    session, _key = create_workspace(tmp_path / "ws", "ana", PASSWORD, kdf=CHEAP)
    yield session
    session.lock()
    session.workspace.close()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("alias", "Amira\tclosed", "The alias must be one line without control characters"),
        ("alias", "Amira\u202eesolc", "(U+202E at position 6)"),
        ("nationality", "NG\x1b[2J", "The nationality must be one line"),
    ],
)
def test_pasted_control_characters_are_refused_with_a_message(
    qtbot, session, field: str, text: str, message: str
) -> None:
    dialog = CaseFormDialog(session)
    qtbot.addWidget(dialog)
    dialog.alias.setText("Amira")
    getattr(dialog, field).setText(text)
    dialog.save()
    assert message in dialog.message.text()
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.saved_case is None
    assert session.cases.count() == 0
