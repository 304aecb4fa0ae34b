"""The Workspace menu's coordinator tools: backups, statistics, the referral directory, guides.

Kept apart from the main window so the window stays a small shell; the dialogs are imported
when first opened, so they cost nothing at start-up. The daily backup runs on a
worker thread after every unlock (the service makes one only if today's is missing), its
progress shown in the status bar.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.file_names import safe_file_name
from free2link_desktop.i18n import _, current_language
from free2link_desktop.ui.file_choice import choose_open_path, choose_save_path
from free2link_desktop.ui.interview.texts import pick
from free2link_desktop.ui.tasks import ProgressRelay, TaskRunner


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
        self.guide_action = QAction(window)
        self.guide_action.triggered.connect(self.install_guide)
        self.actions = (
            self.directory_action,
            self.guide_action,
            self.statistics_action,
            self.backup_action,
        )

    def add_to(self, menu: QMenu) -> None:
        menu.addActions(list(self.actions))

    def update(self, session: Any) -> None:
        """Show each tool only to the roles that may use it (the services check again)."""
        self.session = session
        unlocked = session is not None
        self.directory_action.setVisible(unlocked)
        self.guide_action.setVisible(unlocked and session.can("questionnaire.manage"))
        self.statistics_action.setVisible(unlocked and session.can("stats.export"))
        self.backup_action.setVisible(unlocked and session.can("backup.manage"))

    def retranslate(self) -> None:
        self.directory_action.setText(_("Referral &directory…"))
        self.guide_action.setText(_("Install an interview &guide…"))
        self.statistics_action.setText(_("Export &statistics…"))
        self.backup_action.setText(_("&Back up to a file…"))

    def after_unlock(self, session: Any) -> None:
        """Today's backup (if not made yet) on a worker, its progress in the status bar."""
        if session.read_only:
            return  # nothing can be written; the banner says so
        bar = self.window.statusBar()
        progress = ProgressRelay(self.window)
        progress.changed.connect(
            lambda percent: bar.showMessage(
                _("Making today's backup… {percent} %").format(percent=percent)
            )
        )

        def done(path: Path | None) -> None:
            progress.deleteLater()
            if path is not None:
                bar.showMessage(_("Today's backup was made: {name}").format(name=path.name), 10000)

        def failed(error: BaseException) -> None:
            progress.deleteLater()
            bar.clearMessage()
            self._background_error(error)

        self.runner.run(lambda: session.backups.ensure_daily(progress.report), done, failed)

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

    def install_guide(self) -> None:
        if self.session is None:
            return
        chosen = choose_open_path(
            self.window,
            _("Install an interview guide"),
            QDir.homePath(),
            _("Interview guides (*.yaml *.yml)"),
        )
        if chosen:
            self.install_guide_file(Path(chosen))

    def install_guide_file(self, path: Path) -> None:
        """Check and keep the guide at `path` (the file dialog's choice; tests call this)."""
        session = self.session
        self.runner.run(
            lambda: session.screenings.install(path),
            lambda guide: QMessageBox.information(
                self.window,
                _("Install an interview guide"),
                _(
                    "Installed: {title}, version {version}. New screenings offer it from now on; "
                    "screenings already taken keep the version they were taken with."
                ).format(title=pick(guide.title, current_language()), version=guide.version),
            ),
            self._guide_refused,
        )

    def _guide_refused(self, error: BaseException) -> None:
        if not isinstance(error, Free2LinkError | OSError):
            raise error
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("Install an interview guide"), "", parent=self.window
        )
        box.setText(_("The guide was not installed."))
        lines = str(error).splitlines()
        box.setInformativeText("\n".join(lines[:12] + (["…"] if len(lines) > 12 else [])))
        if len(lines) > 12:
            box.setDetailedText(str(error))
        box.exec()

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
        suggested = default_folder() / safe_file_name(
            f"free2link-backup-{date.today()}", ".f2lbackup"
        )
        session = self.session
        chosen = choose_save_path(
            self.window,
            _("Back up to a file"),
            str(suggested),
            _("Free2Link backups (*.f2lbackup)"),
            workspace=session.workspace.path,
            default_suffix="f2lbackup",
        )
        if not chosen:
            return
        self.runner.run(
            lambda: session.backups.create(chosen.path, overwrite=chosen.overwrite),
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
