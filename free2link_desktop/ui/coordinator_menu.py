"""The Workspace menu's coordinator tools: backups, statistics, the referral directory.

Kept apart from the main window so the window stays a small shell; the dialogs are imported
when first opened, so they cost nothing at start-up. The daily backup runs on a
worker thread after every unlock (the service makes one only if today's is missing).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui.file_choice import choose_save_path
from free2link_desktop.ui.tasks import TaskRunner


class CoordinatorActions:
    def __init__(self, window: QMainWindow, runner: TaskRunner) -> None:
        self.window, self.runner = window, runner
        self.session: Any = None
        self.backup_action = QAction(window)
        self.backup_action.triggered.connect(self.back_up_to_file)
        self.statistics_action = QAction(window)
        self.statistics_action.triggered.connect(self.export_statistics)
        self.directory_action = QAction(window)
        self.directory_action.triggered.connect(self.open_directory)
        self.actions = (self.directory_action, self.statistics_action, self.backup_action)

    def add_to(self, menu: QMenu) -> None:
        menu.addActions(list(self.actions))

    def update(self, session: Any) -> None:
        """Show each tool only to the roles that may use it (the services check again)."""
        self.session = session
        unlocked = session is not None
        self.directory_action.setVisible(unlocked)
        self.statistics_action.setVisible(unlocked and session.can("stats.export"))
        self.backup_action.setVisible(unlocked and session.can("backup.manage"))

    def retranslate(self) -> None:
        self.directory_action.setText(_("Referral &directory…"))
        self.statistics_action.setText(_("Export &statistics…"))
        self.backup_action.setText(_("&Back up to a file…"))

    def after_unlock(self, session: Any) -> None:
        self.runner.run(session.backups.ensure_daily, lambda _path: None, self._background_error)

    def _background_error(self, error: BaseException) -> None:
        if not isinstance(error, Free2LinkError | OSError):
            raise error
        QMessageBox.warning(
            self.window,
            _("Daily backup"),
            _("Today's automatic backup could not be made: {reason}").format(reason=error),
        )

    def open_directory(self) -> None:
        from free2link_desktop.ui.directory_dialog import DirectoryDialog

        if self.session is not None:
            DirectoryDialog(self.session, self.window).exec()

    def export_statistics(self) -> None:
        from free2link_desktop.ui.statistics_dialog import StatisticsDialog

        if self.session is None:
            return
        dialog = StatisticsDialog(self.session, self.runner, self.window)
        if dialog.exec() and dialog.written:
            QMessageBox.information(
                self.window,
                _("Export statistics"),
                _("Saved: {files}").format(files=", ".join(str(p) for p in dialog.written)),
            )

    def back_up_to_file(self) -> None:
        from free2link_desktop.ui.export_dialog import default_folder

        if self.session is None:
            return
        suggested = default_folder() / f"free2link-backup-{date.today()}.f2lbackup"
        chosen = choose_save_path(
            self.window,
            _("Back up to a file"),
            str(suggested),
            _("Free2Link backups (*.f2lbackup)"),
        )
        if not chosen:
            return
        session = self.session
        self.runner.run(
            lambda: session.backups.create(Path(chosen)),
            lambda path: QMessageBox.information(
                self.window,
                _("Back up to a file"),
                _(
                    "The backup was written to {path}. It opens only with a password or the "
                    "recovery key that is valid today."
                ).format(path=path),
            ),
            self._backup_failed,
        )

    def _backup_failed(self, error: BaseException) -> None:
        if not isinstance(error, Free2LinkError | OSError):
            raise error
        QMessageBox.warning(
            self.window,
            _("Back up to a file"),
            _("The backup could not be written: {reason}").format(reason=error),
        )
