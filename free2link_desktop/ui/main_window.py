"""The one window: set-up on first run, then unlock, then the workspace; locking and unlocking.

The window holds at most one screen at a time on its central stack. Locking (Ctrl+L or the idle
timer) saves what is typed, remembers the place by ids, drops the session's key (session.lock()),
throws the workspace screens away and shows the unlock screen; unlocking as the same user builds
them again and returns to the same place. While locked neither the title nor any list shows an
alias: the title only ever shows a case's code.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _, ngettext
from free2link_desktop.services import autolock, maintenance, workspace
from free2link_desktop.ui import formatting
from free2link_desktop.ui.coordinator_menu import CoordinatorActions
from free2link_desktop.ui.idle import IdleWatcher
from free2link_desktop.ui.language import Retranslating, apply_language
from free2link_desktop.ui.password import ChangePasswordDialog
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.unlock import UnlockScreen
from free2link_desktop.ui.widgets import MessageLine, centred_column, heading

if TYPE_CHECKING:
    from free2link_desktop.ui.workspace_view import Place, WorkspaceView

# The screens behind the unlock screen (workspace view, interview, admin, set-up wizard) are
# imported when first needed, so the unlock window is drawn sooner (SPEC 8: start to unlock
# window within 0.8 s). What unlocking will need is imported just after that window has been
# drawn, while the person types the password (SPEC 8: unlock to case list within 1.0 s).
PRELOAD_DELAY_MS = 250
PRELOADED = (
    "free2link_desktop.services.audit",
    "free2link_desktop.services.backups",
    "free2link_desktop.services.cases",
    "free2link_desktop.services.directory",
    "free2link_desktop.services.notes",
    "free2link_desktop.services.reports",
    "free2link_desktop.services.screenings",
    "free2link_desktop.services.settings",
    "free2link_desktop.services.users",
    "free2link_desktop.ui.workspace_view",
)


def _preload() -> None:
    """Import the modules an unlock needs (a module-level function: no window to outlive)."""
    for name in PRELOADED:
        importlib.import_module(name)


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self,
        workspace_path: Path,
        *,
        kdf: Any = None,
        runner: TaskRunner | None = None,
        recovery_sheet: Any = None,
        follow_stored_language: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.workspace_path = Path(workspace_path)
        self.runner = runner or TaskRunner(self)
        self._kdf = kdf
        self._recovery_sheet = recovery_sheet or maintenance.write_recovery_sheet
        self._follow_stored_language = follow_stored_language
        self.workspace: Any = None
        self.session: Any = None
        self.view: WorkspaceView | None = None
        self.place: Place | None = None
        self.autolock = autolock.AutoLock(5, clock=clock)
        self.idle = IdleWatcher(self.autolock, self)
        self.idle.idle.connect(self.lock)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_actions()
        self.retranslate_ui()
        width, height = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(width * 130, height * 40)

    # -- menus -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.workspace_menu = bar.addMenu("")
        self.case_menu = bar.addMenu("")
        self.language_menu = bar.addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.admin_action = QAction(self)
        self.admin_action.triggered.connect(self.open_admin)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.new_case_action = QAction(self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_case_action.triggered.connect(lambda: self.view.new_case() if self.view else None)
        self.list_action = QAction(self)
        self.list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.list_action.triggered.connect(lambda: self.view.show_list() if self.view else None)
        self.library_action = QAction(self)
        self.library_action.setShortcut(QKeySequence("F1"))
        self.library_action.triggered.connect(self.open_library)
        self.workspace_menu.addActions([self.lock_action, self.password_action, self.admin_action])
        self.coordinator = CoordinatorActions(self, self.runner)
        self.coordinator.add_to(self.workspace_menu)
        self.workspace_menu.addSeparator()
        self.workspace_menu.addAction(self.quit_action)
        self.case_menu.addActions([self.new_case_action, self.list_action])
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.library_action)
        self.language_group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(lambda a: self.choose_language(str(a.data())))
        # Keys that work on every keyboard layout: the Alt+letter mnemonics of a Greek or
        # Arabic menu need that layout, so without these a person who switched the language
        # by mistake could not switch back without a mouse.
        menu_key = QShortcut(QKeySequence("F10"), self)
        menu_key.activated.connect(lambda: self.open_menu(self.workspace_menu))
        language_key = QShortcut(QKeySequence("Ctrl+F10"), self)
        language_key.activated.connect(lambda: self.open_menu(self.language_menu))
        self._update_actions()

    def open_menu(self, menu: QMenu) -> None:
        """Open `menu` from the menu bar, as a click on its title would."""
        self.menuBar().setActiveAction(menu.menuAction())

    def _update_actions(self) -> None:
        session = self.session
        unlocked = session is not None and self.view is not None
        self.lock_action.setEnabled(unlocked)
        self.case_menu.menuAction().setVisible(unlocked)
        self.new_case_action.setEnabled(unlocked and session.can("case.edit"))
        self.list_action.setEnabled(unlocked)
        may_admin = unlocked and (session.can("user.manage") or session.can("settings.manage"))
        self.admin_action.setVisible(bool(may_admin))
        self.admin_action.setEnabled(bool(may_admin))
        self.password_action.setEnabled(unlocked)
        self.coordinator.update(session if unlocked else None)
        for action in self.language_group.actions():
            action.setChecked(action.data() == i18n.current_language())

    def retranslate_ui(self) -> None:
        self.workspace_menu.setTitle(_("&Workspace"))
        self.case_menu.setTitle(_("&Case"))
        self.language_menu.setTitle(_("&Language"))
        self.lock_action.setText(_("&Lock now"))
        self.admin_action.setText(_("&Users and settings…"))
        self.password_action.setText(_("Change my &password…"))
        self.quit_action.setText(_("&Quit"))
        self.new_case_action.setText(_("&New case…"))
        self.list_action.setText(_("Case &list"))
        self.library_action.setText(_("Indicator &library and guides"))
        self.coordinator.retranslate()
        self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        if self.session is None or self.view is None:
            locked = self.workspace is not None and self.place is not None
            self.setWindowTitle(_("Free2Link — locked") if locked else _("Free2Link"))
            self.user_label.setText("")
            return
        code = self.view.current_case_code
        self.setWindowTitle(
            _("Free2Link — case {code}").format(code=code) if code else _("Free2Link")
        )
        user = self.session.user
        self.user_label.setText(
            _("{name} ({role})").format(name=user.name, role=formatting.role(user.role))
        )

    # -- starting ----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the set-up wizard on first run, else open the workspace and ask to unlock."""
        if not workspace.workspace_exists(self.workspace_path):
            from free2link_desktop.ui.setup_wizard import SetupWizard

            wizard = SetupWizard(
                self.workspace_path,
                self.runner,
                workspace.create_workspace,
                kdf=self._kdf,
                recovery_sheet=self._recovery_sheet,
            )
            wizard.finished.connect(self._on_session)
            self._show(wizard)
            wizard.language.setFocus()
            return
        try:
            self.workspace = workspace.open_workspace(self.workspace_path, self._kdf)
        except Free2LinkError as error:
            self._show_problem(error.message)
            return
        self._show_unlock(None)

    def _show(self, widget: QWidget) -> None:
        while (old := self.stack.widget(0)) is not None:  # None once the stack is empty
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self._update_title()
        self._update_actions()

    def _show_unlock(self, locked_user: str | None) -> None:
        screen = UnlockScreen(self.workspace, self.runner, locked_user=locked_user)
        screen.unlocked.connect(self._on_session)
        self._show(screen)
        screen.focus_first()
        QTimer.singleShot(PRELOAD_DELAY_MS, _preload)

    def _show_problem(self, message: Callable[[], str]) -> None:
        page = QWidget()
        page.setObjectName("problem_page")
        layout = QVBoxLayout(page)
        title = heading(page)
        title.setText(_("The workspace cannot be opened"))
        text = MessageLine(page)
        text.show_error(message)
        retry = QPushButton(_("&Try again"), page)
        retry.setAccessibleName(_("Try again"))
        retry.clicked.connect(self.start)
        column = QWidget(page)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addWidget(retry, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        layout.addLayout(centred_column(column, 72))
        layout.addStretch(2)
        self._show(page)
        self.problem_text, self.retry_button = text, retry
        retry.setFocus()

    def _on_session(self, session: Any) -> None:
        first_unlock = self.session is None and self.place is None
        self.session = session
        self.workspace = session.workspace
        stored = session.settings.get("language", "")  # "" when nobody chose one
        if first_unlock and self._follow_stored_language and stored in i18n.LANGUAGES:
            apply_language(stored)
        from free2link_desktop.ui.workspace_view import WorkspaceView

        self.view = WorkspaceView(session)
        self.view.location_changed.connect(self._update_title)
        self._show(self.view)
        place, self.place = self.place, None
        if place is not None and place.user == session.user.name:
            self.view.restore(place)
        else:
            self.view.case_list.focus_first()
        self.autolock.minutes = int(session.settings.get("autolock_minutes", 5) or 5)
        self.idle.start()
        self._update_title()
        self._update_actions()
        self.coordinator.after_unlock(session)

    # -- locking -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Save, remember the place, drop the key and show the lock screen."""
        if self.session is None or self.view is None:
            return
        if TaskRunner.any_busy():
            # An export or backup is still using the database: lock the moment it is done.
            self.statusBar().showMessage(_("Locking as soon as the current task is done…"))
            QTimer.singleShot(500, self.lock)
            return
        self.statusBar().clearMessage()
        self.idle.stop()
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QDialog) and window.isVisible():
                window.reject()  # a dialog left open must not show a case behind the lock
        self.view.flush()
        self.place = self.view.place()
        self.view.case_list.model.clear()  # the rows go now, the widgets with the next loop
        user = self.session.user.name
        self.runner.wait()  # a background job (the daily backup) must not lose its connection
        self.session.lock()
        lost = len(self.session.pending_audit)
        self.session, self.view = None, None
        self._show_unlock(user)
        if lost:  # the banner said the log could not be written; now say what that cost
            self.statusBar().showMessage(
                ngettext(
                    "{count} audit entry could not be recorded and is lost.",
                    "{count} audit entries could not be recorded and are lost.",
                    lost,
                ).format(count=lost)
            )

    @property
    def is_locked(self) -> bool:
        return self.session is None

    # -- admin and language ------------------------------------------------------------------

    def open_admin(self) -> None:
        session = self.session
        if session is None or not (session.can("user.manage") or session.can("settings.manage")):
            return
        from free2link_desktop.ui.admin import AdminDialog

        dialog = AdminDialog(self.session, self.runner, self)
        dialog.language_chosen.connect(self.choose_language)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.exec()

    def change_password(self) -> None:
        if self.session is None:
            return
        dialog = ChangePasswordDialog(self.session, self.runner, self)
        if dialog.exec():
            self.statusBar().showMessage(_("Your password was changed."), 10000)
        dialog.deleteLater()

    def _settings_saved(self) -> None:
        if self.session is not None:
            self.autolock.minutes = int(self.session.settings.get("autolock_minutes", 5) or 5)

    def open_library(self) -> None:
        """The indicator library and the guides, in a window of their own (no case data)."""
        if self.session is None:
            return
        from free2link_desktop.ui import interview_bridge

        try:
            browser = interview_bridge.library_browser()
        except ImportError:  # a build without the library browser
            self.statusBar().showMessage(_("The indicator library is not available."), 10000)
            return
        window = QDialog(self)
        window.setObjectName("library_window")
        window.setWindowTitle(_("Indicator library and guides"))
        layout = QVBoxLayout(window)
        layout.addWidget(browser)
        window.resize(self.size() * 0.9)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.library_window = window

    def choose_language(self, language: str) -> None:
        apply_language(language)
        self._update_actions()

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        if self.view is not None:
            self.view.flush()
        self.runner.wait()  # a backup or export still writing finishes before the key goes
        if self.session is not None:
            self.session.lock()
            self.session = None
        self.view = None
        self._show(QWidget())  # nothing of the workspace stays in a widget
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        super().closeEvent(event)
