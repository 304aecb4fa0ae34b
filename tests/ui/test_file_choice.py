"""The save dialog leaves no folder name in Qt's settings file (SPEC 4: no recent-file lists)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from free2link_desktop.ui.file_choice import choose_save_path


def _save_into(folder: Path, name: str) -> None:
    """Once the dialog is up, go to `folder`, type `name` and press Save, as a person would."""

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, drive)
            return
        dialog.setDirectory(str(folder))
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setText(name)
        dialog.accept()

    QTimer.singleShot(20, drive)


def test_the_chosen_folder_is_not_remembered(qtbot, tmp_path: Path) -> None:
    settings_home = tmp_path / "config"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(settings_home))
    person_folder = tmp_path / "Maria Rossi"
    person_folder.mkdir()
    try:
        _save_into(person_folder, "referral.pdf")
        chosen = choose_save_path(
            None, "Save", str(tmp_path), "PDF files (*.pdf)", workspace=tmp_path / "ws"
        )
    finally:
        default = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.GenericConfigLocation
        )
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, default)
    assert chosen is not None and chosen.path == person_folder / "referral.pdf"
    written = list(settings_home.rglob("*.conf"))
    assert written, "Qt wrote no settings at all: the test would prove nothing"
    for path in written:
        assert "Maria" not in path.read_text(encoding="utf-8")


def test_cancel_gives_no_path(qtbot, tmp_path: Path) -> None:
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(20, cancel)
    assert (
        choose_save_path(None, "Save", str(tmp_path), "PDF files (*.pdf)", workspace=None) is None
    )
