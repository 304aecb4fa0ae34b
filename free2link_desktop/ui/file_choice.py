"""Choosing a file to save to or to open, without leaving the folder's name behind.

Qt's file dialog writes the folders it visited ("history", "lastVisited") to QtProject.conf in
the user's configuration folder when it closes. A caseworker may keep exports in a folder named
after a person, and SPEC section 4 allows no recent-file list about people on the disk, so the
dialog forgets its history and points at the home folder before it goes.

Saving goes through the output door (services/outputs.py): a place inside the workspace folder
is refused with a message and the dialog is offered again, and replacing an existing file is
allowed only when the person confirmed it in the dialog (Qt asks; its answer is what sets
`overwrite`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from free2link_desktop.i18n import _
from free2link_desktop.services import outputs


@dataclass(frozen=True)
class SaveTarget:
    """Where to save, and whether the person agreed to replace the file already there."""

    path: Path
    overwrite: bool


def choose_save_path(
    parent: QWidget | None,
    caption: str,
    start: str,
    file_filter: str,
    *,
    workspace: Path | None,
    default_suffix: str = "",
) -> SaveTarget | None:
    """The file the user chose to save to (None when cancelled).

    Qt asks before replacing an existing file (its confirmation sets `overwrite`) and adds
    `default_suffix` before asking, so the name it confirms is the name written. A choice the
    output door refuses (inside `workspace`, a folder, a name too long) is explained and the
    dialog offered again, from the home folder, until the person picks a good place or cancels.
    """
    while True:
        dialog = QFileDialog(parent, caption, start, file_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, False)
        if default_suffix:
            dialog.setDefaultSuffix(default_suffix)
        chosen = _ask(dialog)
        if not chosen:
            return None
        path = Path(chosen)
        refused = outputs.refusal(path, workspace, overwrite=True)
        if refused is None:
            return SaveTarget(path, overwrite=path.exists())
        QMessageBox.warning(parent, caption, refused.message())
        start = str(Path(QDir.homePath()) / path.name)


def confirm_replacing(parent: QWidget | None, caption: str, paths: Sequence[Path]) -> bool:
    """Ask before replacing files typed into a form (no save dialog asked for them)."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return True
    text = _("This file already exists:\n{files}\nReplace it?")
    if len(existing) > 1:
        text = _("These files already exist:\n{files}\nReplace them?")
    answer = QMessageBox.question(
        parent,
        caption,
        text.format(files="\n".join(str(p) for p in existing)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_open_path(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str:
    """An existing file the user chose to open ('' when cancelled)."""
    dialog = QFileDialog(parent, caption, start, file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _ask(dialog)


def _ask(dialog: QFileDialog) -> str:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    files = dialog.selectedFiles()
    dialog.setHistory([])
    dialog.setDirectory(QDir.homePath())
    shiboken6.delete(dialog)  # Qt writes its settings now, with nothing left to tell
    return files[0] if accepted and files else ""


def choose_folder(parent: QWidget | None, caption: str, start: str) -> str:
    """An existing folder the user chose ('' when cancelled)."""
    dialog = QFileDialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _ask(dialog)
