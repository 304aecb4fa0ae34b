"""The strip above the cases that says what limits this session, in plain words.

A read-only workspace folder (reading works, changes are refused), an audit log that cannot be
written (disk full) or a damaged database (the newest backup named): the person sees it at
once, not at the first refused change. With a damaged database a coordinator or admin can copy
out everything that can still be read into a new workspace from here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.services import maintenance
from free2link_desktop.ui.file_choice import choose_folder
from free2link_desktop.ui.language import Retranslating, set_accessible
from free2link_desktop.ui.tasks import TaskRunner


class WorkspaceBanner(Retranslating, QFrame):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.session = session
        self.runner = TaskRunner(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.salvage_button = QPushButton(self)
        self.salvage_button.clicked.connect(self.salvage)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.salvage_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        notes = maintenance.session_notes(self.session)
        self.text.setText("\n".join(notes))
        set_accessible(self.text, _("Workspace notice"), "\n".join(notes))
        self.setVisible(bool(notes))
        self.salvage_button.setText(_("Copy out what can be read…"))
        set_accessible(
            self.salvage_button,
            _("Copy out what can be read"),
            _("Copies every readable row into a new workspace with the same passwords."),
        )
        self.salvage_button.setVisible(self.session.damaged and self.session.can("backup.manage"))

    def salvage(self) -> None:
        folder = choose_folder(self, _("Where should the copy go?"), QDir.homePath())
        if not folder:
            return
        name = _("Free2Link salvage {date}").format(date=datetime.now().strftime("%Y-%m-%d %H%M%S"))
        out = Path(folder) / name
        self.salvage_button.setEnabled(False)
        self.runner.run(
            lambda: maintenance.salvage(self.session, out), self._salvaged, self._failed
        )

    def _salvaged(self, report: maintenance.SalvageReport) -> None:
        self.salvage_button.setEnabled(True)
        QMessageBox.information(self, _("Copy out what can be read"), "\n".join(report.lines()))

    def _failed(self, error: BaseException) -> None:
        self.salvage_button.setEnabled(True)
        if not isinstance(error, Free2LinkError | OSError):
            raise error
        QMessageBox.warning(self, _("Copy out what can be read"), str(error))
