"""First run: create the workspace and its first administrator, then show the recovery key once.

Three steps on one stacked widget (not QWizard, so every text goes through our catalogs and the
slow Argon2id work can run on a worker): welcome, the first administrator, the recovery key. The
recovery key page says plainly that lost passwords and a lost recovery key mean lost data, and
will not finish until the person confirms they have kept the key.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.i18n.formatting import country_name
from free2link_desktop.services.settings import COUNTRIES
from free2link_desktop.services.users import MIN_PASSWORD
from free2link_desktop.ui.file_choice import choose_save_path
from free2link_desktop.ui.language import Retranslating, apply_language
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import (
    BusyBar,
    MessageLine,
    centred_column,
    heading,
    language_combo,
)

#: Writes the printable recovery sheet: (session, recovery key, target .pdf, *, overwrite) -> the
#: path written. The main window passes services.maintenance.write_recovery_sheet.
RecoverySheetWriter = Callable[..., Any]


class SetupWizard(Retranslating, QWidget):
    """Emits `finished(session)` after the recovery key has been shown and acknowledged."""

    finished = Signal(object)

    def __init__(
        self,
        workspace_path: Path,
        runner: TaskRunner,
        create_workspace: Callable[..., tuple[Any, str]],
        *,
        kdf: Any = None,
        recovery_sheet: RecoverySheetWriter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self._path = Path(workspace_path)
        self._runner = runner
        self._create = create_workspace
        self._kdf = kdf
        self._recovery_sheet = recovery_sheet
        self._session: Any = None
        self.recovery_key = ""

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_welcome())
        self.pages.addWidget(self._build_admin())
        self.pages.addWidget(self._build_recovery())
        self.pages.addWidget(self._build_checklist())
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred_column(self.pages, 72))
        layout.addStretch(2)
        self.retranslate_ui()

    # -- pages -------------------------------------------------------------------------------

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self)
        return page, QVBoxLayout(page)

    def _build_welcome(self) -> QWidget:
        page, layout = self._page()
        self.welcome_title = heading(page)
        self.welcome_text = QLabel(page)
        self.welcome_text.setWordWrap(True)
        self.language_label = QLabel(page)
        self.language = language_combo(page)
        self.language_label.setBuddy(self.language)
        self.folder_label = QLabel(page)
        self.folder = QLineEdit(str(self._path), page)
        self.folder.setReadOnly(True)
        self.folder_label.setBuddy(self.folder)
        # The country decides which helplines the urgent panel and the referrals offer, so it
        # is asked, never assumed: a Greek centre must not be shown Italian numbers.
        self.country_label = QLabel(page)
        self.country = QComboBox(page)
        self.country.addItem("", None)
        for code in COUNTRIES:
            self.country.addItem(code, code)  # named in the staff language in retranslate_ui
        self.country_label.setBuddy(self.country)
        self.centre_label = QLabel(page)
        self.centre = QLineEdit(page)
        self.centre.setMaxLength(120)
        self.centre_label.setBuddy(self.centre)
        self.welcome_message = MessageLine(page)
        self.start_button = QPushButton(page)
        self.start_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.country_label, self.country)
        form.addRow(self.centre_label, self.centre)
        form.addRow(self.folder_label, self.folder)
        layout.addWidget(self.welcome_title)
        layout.addWidget(self.welcome_text)
        layout.addLayout(form)
        layout.addWidget(self.welcome_message)
        layout.addLayout(_right(self.start_button))
        self.language.activated.connect(lambda i: apply_language(str(self.language.itemData(i))))
        self.start_button.clicked.connect(self._welcome_done)
        self.centre.returnPressed.connect(self._welcome_done)
        return page

    def _welcome_done(self) -> None:
        if self.country.currentData() is None:
            self.welcome_message.show_error(lambda: _("Choose the country of your centre."))
            self.country.setFocus()
            return
        if not self.centre.text().strip():
            self.welcome_message.show_error(lambda: _("Enter the name of your centre."))
            self.centre.setFocus()
            return
        self.welcome_message.clear_message()
        self._go(1)

    def _build_admin(self) -> QWidget:
        page, layout = self._page()
        self.admin_title = heading(page)
        self.admin_text = QLabel(page)
        self.admin_text.setWordWrap(True)
        self.name_label, self.name = QLabel(page), QLineEdit(page)
        self.password_label, self.password = QLabel(page), QLineEdit(page)
        self.confirm_label, self.confirm = QLabel(page), QLineEdit(page)
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_rule = QLabel(page)
        self.password_rule.setWordWrap(True)
        form = QFormLayout()
        for label, field in (
            (self.name_label, self.name),
            (self.password_label, self.password),
            (self.confirm_label, self.confirm),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.password:
                form.addRow("", self.password_rule)  # the rule, before the first attempt
        self.back_button = QPushButton(page)
        self.create_button = QPushButton(page)
        self.create_button.setDefault(True)
        self.admin_message = MessageLine(page)
        self.busy = BusyBar(page)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addWidget(self.admin_title)
        layout.addWidget(self.admin_text)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.admin_message)
        self.back_button.clicked.connect(lambda: self._go(0))
        self.create_button.clicked.connect(self.create_workspace)
        self.confirm.returnPressed.connect(self.create_workspace)
        return page

    def _build_recovery(self) -> QWidget:
        page, layout = self._page()
        self.recovery_title = heading(page)
        self.warning = QLabel(page)
        self.warning.setWordWrap(True)
        bold = self.warning.font()
        bold.setBold(True)
        self.warning.setFont(bold)
        self.key_label = QLabel(page)
        self.key_view = QLineEdit(page)
        self.key_view.setReadOnly(True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(self.font().pointSizeF(), 1.0) * 1.3)
        self.key_view.setFont(fixed)
        self.key_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.key_label.setBuddy(self.key_view)
        self.save_sheet_button = QPushButton(page)
        self.save_sheet_button.setEnabled(self._recovery_sheet is not None)
        self.kept = QCheckBox(page)
        self.finish_button = QPushButton(page)
        self.finish_button.setEnabled(False)
        self.recovery_message = MessageLine(page)
        row = QHBoxLayout()
        row.addWidget(self.save_sheet_button)
        row.addStretch(1)
        row.addWidget(self.finish_button)
        layout.addWidget(self.recovery_title)
        layout.addWidget(self.warning)
        layout.addWidget(self.key_label)
        layout.addWidget(self.key_view)
        layout.addWidget(self.kept)
        layout.addLayout(row)
        layout.addWidget(self.recovery_message)
        self.kept.toggled.connect(self.finish_button.setEnabled)
        self.save_sheet_button.clicked.connect(self.save_recovery_sheet)
        self.finish_button.clicked.connect(self._finish)
        return page

    def _build_checklist(self) -> QWidget:
        page, layout = self._page()
        self.checklist_title = heading(page)
        self.checklist = QLabel(page)
        self.checklist.setWordWrap(True)
        self.checklist.setTextFormat(Qt.TextFormat.PlainText)
        self.start_work_button = QPushButton(page)
        self.start_work_button.setDefault(True)
        layout.addWidget(self.checklist_title)
        layout.addWidget(self.checklist)
        layout.addLayout(_right(self.start_work_button))
        self.start_work_button.clicked.connect(lambda: self.finished.emit(self._session))
        return page

    def checklist_lines(self) -> list[str]:
        """What is set up and what is left to do, in the order a coordinator does it."""
        country = country_name(str(self.country.currentData()))
        return [
            _(
                "✓ Country: {country} (its helplines are offered in urgent answers and referrals)"
            ).format(country=country),
            _("✓ Centre: {centre}").format(centre=self.centre.text().strip()),
            _(
                "☐ Users: only you so far. Add the interviewers and caseworkers in Workspace → "
                "Users and settings; each one gets their own password."
            ),
            _(
                "☐ Backups: made automatically once a day in {folder}. Copy one to a USB stick "
                "kept elsewhere with Workspace → Back up…"
            ).format(folder=str(self._path / "backups")),
            _(
                "☐ Your centre's own contact (for the urgent panel and the referral reports): "
                "Workspace → Users and settings."
            ),
        ]

    # -- text --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.welcome_title.setText(_("Welcome to Free2Link"))
        self.welcome_text.setText(
            _(
                "This computer has no Free2Link workspace yet. A workspace is an encrypted folder "
                "that holds the cases, notes and screenings. You will now create it and the "
                "first administrator account."
            )
        )
        self.language_label.setText(_("Lan&guage:"))
        self.country_label.setText(_("C&ountry of the centre:"))
        self.country.setItemText(0, _("(choose)"))
        for index in range(1, self.country.count()):
            self.country.setItemText(index, country_name(str(self.country.itemData(index))))
        self.centre_label.setText(_("C&entre:"))
        self.centre.setPlaceholderText(_("for example: Reception centre Crotone"))
        self.password_rule.setText(
            _(
                "At least {count} characters. A few unrelated words are easier to remember and "
                "harder to guess than a short password with symbols."
            ).format(count=MIN_PASSWORD)
        )
        self.checklist_title.setText(_("Before you start"))
        if self._session is not None:
            self.checklist.setText("\n\n".join(self.checklist_lines()))
        self.start_work_button.setText(_("&Start working"))
        self.folder_label.setText(_("Workspace &folder:"))
        self.start_button.setText(_("&Next"))
        self.admin_title.setText(_("The first administrator"))
        self.admin_text.setText(
            _(
                "The administrator adds the other users later. Choose a password that others "
                "cannot guess; it cannot be looked up if it is forgotten."
            )
        )
        self.name_label.setText(_("&Name:"))
        self.password_label.setText(_("&Password:"))
        self.confirm_label.setText(_("&Repeat password:"))
        self.back_button.setText(_("&Back"))
        self.create_button.setText(_("&Create workspace"))
        self.recovery_title.setText(_("Your recovery key"))
        self.warning.setText(
            _(
                "Write this key down or print the recovery sheet, and keep it locked away. It is "
                "shown only now. With it an administrator can reset any password. If every "
                "password and this key are lost, the data is lost for good: nobody, not even "
                "the makers of Free2Link, can open the workspace."
            )
        )
        self.key_label.setText(_("Recovery &key:"))
        self.save_sheet_button.setText(_("&Save recovery sheet (PDF)…"))
        self.save_sheet_button.setToolTip(
            ""
            if self._recovery_sheet
            else _("Printing the recovery sheet is not available in this version.")
        )
        self.kept.setText(_("I have written the key down or &printed it, and will keep it safe"))
        self.finish_button.setText(_("&Finish"))
        names = {
            self.language: _("Language"),
            self.folder: _("Workspace folder"),
            self.start_button: _("Next"),
            self.name: _("Name"),
            self.password: _("Password"),
            self.confirm: _("Repeat password"),
            self.back_button: _("Back"),
            self.create_button: _("Create workspace"),
            self.key_view: _("Recovery key"),
            self.save_sheet_button: _("Save recovery sheet"),
            self.kept: _("I have kept the recovery key"),
            self.finish_button: _("Finish"),
            self.busy: _("Creating the workspace"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)

    # -- actions -----------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        first = {0: self.language, 1: self.name, 2: self.key_view, 3: self.start_work_button}
        first[index].setFocus()

    def create_workspace(self) -> None:
        # not named `create`: that would hide QWidget.create() (which makes the native window)
        if self._runner.busy:
            return
        name = self.name.text().strip()
        if not name:
            self.admin_message.show_error(lambda: _("Enter a name for the administrator."))
            self.name.setFocus()
            return
        if not self.password.text():
            self.admin_message.show_error(lambda: _("Enter a password."))
            self.password.setFocus()
            return
        if self.password.text() != self.confirm.text():
            self.admin_message.show_error(lambda: _("The two passwords are not the same."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        self.admin_message.clear_message()
        self._set_busy(True)
        path, password, kdf, create = self._path, self.password.text(), self._kdf, self._create
        kwargs = {"kdf": kdf} if kdf is not None else {}
        self._runner.run(
            lambda: create(path, name, password, **kwargs), self._on_created, self._on_failed
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        for widget in (self.name, self.password, self.confirm, self.back_button):
            widget.setEnabled(not busy)
        self.create_button.setEnabled(not busy)

    def _on_created(self, result: tuple[Any, str]) -> None:
        self._set_busy(False)
        self._session, self.recovery_key = result
        self.password.clear()
        self.confirm.clear()
        self.key_view.setText(self.recovery_key)
        wide_enough = self.key_view.fontMetrics().horizontalAdvance(self.recovery_key + "MM")
        self.key_view.setMinimumWidth(wide_enough)
        self.key_view.setCursorPosition(0)
        self._go(2)

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, Free2LinkError):
            raise error
        self.admin_message.show_error(error.message)

    def save_recovery_sheet(self) -> None:
        if self._recovery_sheet is None or self._session is None:
            return
        from free2link_desktop.ui.export_dialog import default_folder

        chosen = choose_save_path(
            self,
            _("Save recovery sheet"),
            str(default_folder() / "free2link-recovery-sheet.pdf"),
            _("PDF files (*.pdf)"),
            workspace=self._path,
            default_suffix="pdf",
        )
        if chosen:
            self.write_recovery_sheet(chosen.path, overwrite=chosen.overwrite)

    def write_recovery_sheet(self, target: Path, *, overwrite: bool = False) -> None:
        """Write the PDF to `target` (the file dialog's choice; tests call this directly).

        `overwrite` is the save dialog's confirmation that an existing file may be replaced.
        """
        assert self._recovery_sheet is not None
        try:
            self._recovery_sheet(self._session, self.recovery_key, target, overwrite=overwrite)
        except ImportError:
            self.recovery_message.show_error(
                _("Printing the recovery sheet is not available in this version.")
            )
            return
        except (OSError, Free2LinkError) as error:
            reason = error.message() if isinstance(error, Free2LinkError) else str(error.strerror)
            self.recovery_message.show_error(
                _("The recovery sheet could not be saved: {reason}").format(reason=reason)
            )
            return
        self.recovery_message.show_info(
            _("Recovery sheet saved to {path}. Print it, then delete the file.").format(
                path=str(target)
            )
        )

    def _finish(self) -> None:
        if not self.kept.isChecked() or self._session is None:
            return
        self.key_view.clear()
        self.recovery_key = ""
        with contextlib.suppress(Free2LinkError):  # the language chosen here is the default
            self._session.settings.set("language", i18n.current_language())
        try:
            self._session.settings.set("country", self.country.currentData())
            centre = self.centre.text().strip()
            self._session.settings.set("default_centre", centre)
            if not self._session.settings.get("sender_organisation"):
                self._session.settings.set("sender_organisation", centre)
        except Free2LinkError as error:
            self.recovery_message.show_error(error.message)
            return
        self.checklist.setText("\n\n".join(self.checklist_lines()))
        self._go(3)


def _right(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row
