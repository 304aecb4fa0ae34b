"""Save dialogs go through the output door: a place inside the workspace is refused with a
message and the dialog comes back; Qt's own "replace it?" answer is what allows replacing.

Driven as a person would: type a name into Qt's save dialog, answer Qt's question, read our
warning, then choose again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMainWindow, QMessageBox

from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.ui.coordinator_menu import CoordinatorActions
from free2link_desktop.ui.file_choice import choose_save_path
from free2link_desktop.ui.tasks import TaskRunner
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD

Step = Callable[[QFileDialog | QMessageBox], bool]


def _drive(steps: list[Step], seen: list[str]) -> None:
    """Act on each modal dialog as it comes up, one step per dialog, until steps run out."""

    def act() -> None:
        if not steps:
            return
        # the next look is booked first: a step may open a nested modal dialog and not return
        QTimer.singleShot(20, act)
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QFileDialog | QMessageBox) or not widget.isVisible():
            return
        if isinstance(widget, QMessageBox) and widget.text() not in seen:
            seen.append(widget.text())
        step = steps.pop(0)  # taken before acting: acting may block in a nested dialog
        if not step(widget):
            steps.insert(0, step)

    QTimer.singleShot(20, act)


def _save_as(folder: Path, name: str) -> Step:
    def step(widget: QFileDialog | QMessageBox) -> bool:
        if not isinstance(widget, QFileDialog):
            return False
        widget.setDirectory(str(folder))
        edit = widget.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setText(name)
        widget.accept()
        return True

    return step


def _press(button: QMessageBox.StandardButton) -> Step:
    def step(widget: QFileDialog | QMessageBox) -> bool:
        if not isinstance(widget, QMessageBox):
            return False
        widget.button(button).click()
        return True

    return step


def _cancel(widget: QFileDialog | QMessageBox) -> bool:
    if not isinstance(widget, QFileDialog):
        return False
    widget.reject()
    return True


Yes, Ok = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok


def test_the_live_database_is_refused_and_the_dialog_offered_again(qtbot, admin_session, tmp_path):
    workspace = admin_session.workspace.path
    elsewhere = tmp_path / "stick"
    elsewhere.mkdir()
    seen: list[str] = []
    steps = [
        _save_as(workspace, "workspace.db"),
        _press(Yes),  # Qt: "workspace.db already exists. Do you want to replace it?"
        _press(Ok),  # ours: inside the workspace folder
        _save_as(elsewhere, "referral"),
    ]
    _drive(steps, seen)
    chosen = choose_save_path(
        None,
        "Save",
        str(tmp_path),
        "PDF files (*.pdf)",
        workspace=workspace,
        default_suffix="pdf",
    )
    assert not steps
    assert any("inside the workspace folder" in text for text in seen), seen
    assert chosen is not None
    assert chosen.path == elsewhere / "referral.pdf" and chosen.overwrite is False


def test_replacing_is_allowed_only_by_the_confirmation_in_the_dialog(qtbot, tmp_path):
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"old")
    seen: list[str] = []
    steps = [_save_as(tmp_path, "old.pdf"), _press(Yes)]
    _drive(steps, seen)
    chosen = choose_save_path(None, "Save", str(tmp_path), "PDF (*.pdf)", workspace=None)
    assert chosen is not None and chosen.path == existing and chosen.overwrite is True
    assert any("already exists" in text for text in seen), seen


def test_backup_menu_refuses_the_workspace_and_writes_nothing_there(qtbot, admin_session, tmp_path):
    """The real menu action: aim the backup at keys.json, be refused, then cancel."""
    for alias in ("Heron", "Lark", "Tern"):
        admin_session.cases.create(alias)
    workspace = admin_session.workspace.path
    keys_before = (workspace / "keys.json").read_bytes()
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = CoordinatorActions(window, TaskRunner())
    actions.update(admin_session)
    seen: list[str] = []
    steps = [_save_as(workspace, "keys.json"), _press(Yes), _press(Ok), _cancel]
    _drive(steps, seen)
    actions.back_up_to_file()
    assert not steps
    assert any("inside the workspace folder" in text for text in seen), seen
    assert (workspace / "keys.json").read_bytes() == keys_before
    admin_session.lock()
    admin_session.workspace.close()
    reopened = open_workspace(workspace, CHEAP_KDF)
    session = reopened.unlock(ADMIN, PASSWORD)
    assert session.cases.count() == 3
    session.lock()
    reopened.close()
    admin_session.workspace.acquire()


def test_statistics_dialog_refuses_the_workspace_and_asks_before_replacing(
    qtbot, admin_session, tmp_path
):
    from free2link_desktop.ui.statistics_dialog import StatisticsDialog

    dialog = StatisticsDialog(admin_session, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.csv_path.setText(str(admin_session.workspace.path / "keys.csv"))
    dialog.export()  # the PDF beside it would be keys.pdf, in the workspace too
    assert "inside the workspace folder" in dialog.message.text()
    assert not list(admin_session.workspace.path.glob("keys.[cp][sd]*"))

    mine = tmp_path / "stats.csv"
    mine.write_text("my own figures")
    dialog.csv_path.setText(str(mine))
    seen: list[str] = []
    steps = [_press(QMessageBox.StandardButton.No)]
    _drive(steps, seen)
    dialog.export()
    assert not steps and "already exists" in seen[0]
    assert mine.read_text() == "my own figures" and not dialog.written
