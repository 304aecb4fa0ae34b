"""Choosing a file to save to or to open, without leaving the folder's name behind.

Qt's file dialog writes the folders it visited ("history", "lastVisited") to QtProject.conf in
the user's configuration folder when it closes. A caseworker may keep exports in a folder named
after a person, and SPEC section 4 allows no recent-file list about people on the disk, so the
dialog forgets its history and points at the home folder before it goes.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


def choose_save_path(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str:
    """The file the user chose to save to ('' when cancelled); Qt asks before overwriting."""
    dialog = QFileDialog(parent, caption, start, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _ask(dialog)


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
