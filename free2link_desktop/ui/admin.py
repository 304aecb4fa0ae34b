"""Users and settings, for administrators: accounts and roles, password resets, auto-lock
minutes, the default centre and country, and the staff language.

The dialog is only offered to roles that may manage users or settings, and every call below is
checked again by the service, which raises PermissionDenied for anyone else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui import formatting
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import (
    BusyBar,
    MessageLine,
    labelled_rows,
    language_combo,
    name_rows,
)

COUNTRIES = {"IT": "Italia", "GR": "Ελλάδα", "PL": "Polska"}


class UsersPanel(Retranslating, QWidget):
    """Accounts and roles. Adding a user or resetting a password wraps the key with Argon2id,
    which is slow on purpose, so both run on a worker while a busy bar shows."""

    def __init__(self, session: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._users: list[Any] = []
        self.table = QTableWidget(0, 2, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.add_box = QGroupBox(self)
        self.name, self.role = QLineEdit(self), QComboBox(self)
        self.password, self.confirm = QLineEdit(self), QLineEdit(self)
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self)
        self.reset_button = QPushButton(self)
        self.new_role = QComboBox(self)
        self.role_button = QPushButton(self)
        self.message = MessageLine(self)
        self.busy = BusyBar(self)
        form = QFormLayout(self.add_box)
        self.labels = labelled_rows(
            form, self.add_box, (self.name, self.role, self.password, self.confirm)
        )
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        form.addRow(add_row)

        under_table = QHBoxLayout()
        under_table.addStretch(1)
        under_table.addWidget(self.new_role)
        under_table.addWidget(self.role_button)
        under_table.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(under_table)
        layout.addWidget(self.add_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_selected)
        self.role_button.clicked.connect(self.change_selected_role)
        self.table.itemSelectionChanged.connect(self._show_selected_role)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role")])
        self.table.setAccessibleName(_("Users"))
        self.add_box.setTitle(_("Add a user"))
        texts = {
            self.name: (_("&Name:"), _("Name of the new user")),
            self.role: (_("R&ole:"), _("Role of the new user")),
            self.password: (_("&Password:"), _("Password of the new user")),
            self.confirm: (_("Repea&t password:"), _("Repeat the password")),
        }
        name_rows(self.labels, texts)
        for combo in (self.role, self.new_role):
            current = combo.currentData()
            combo.clear()
            for role in ("caseworker", "interviewer", "coordinator", "admin"):
                combo.addItem(formatting.role(role), role)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.new_role.setAccessibleName(_("New role of the selected user"))
        self.role_button.setText(_("C&hange role"))
        self.role_button.setAccessibleName(_("Change the selected user's role"))
        self.add_button.setText(_("&Add user"))
        self.add_button.setAccessibleName(_("Add user"))
        self.reset_button.setText(_("&Reset password…"))
        self.reset_button.setAccessibleName(_("Reset the selected user's password"))
        self.busy.setAccessibleName(_("Saving the password"))
        self._fill()

    def reload(self) -> None:
        self._users = list(self._session.users.list())
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            self.table.setItem(row, 0, QTableWidgetItem(user.name))
            self.table.setItem(row, 1, QTableWidgetItem(formatting.role(user.role)))

    def add_user(self) -> None:
        name = self.name.text().strip()
        if not name or not self.password.text():
            self.message.show_error(lambda: _("Enter a name and a password."))
            return
        if self.password.text() != self.confirm.text():
            self.message.show_error(lambda: _("The two passwords are not the same."))
            return
        users, role, password = self._session.users, self.role.currentData(), self.password.text()

        def added(_user: object) -> None:
            for field in (self.name, self.password, self.confirm):
                field.clear()
            self.message.show_info(lambda: _("User {name} added.").format(name=name))
            self.reload()

        self._run(lambda: users.add(name, role, password), added)

    def _run(self, work: Any, on_success: Any) -> None:
        if self._runner.busy:
            return
        self.message.clear_message()
        self._set_busy(True)

        def done(result: object) -> None:
            self._set_busy(False)
            on_success(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(error, Free2LinkError):
                raise error
            self.message.show_error(error.message)

        self._runner.run(work, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        for widget in (self.add_box, self.reset_button, self.role_button, self.table):
            widget.setEnabled(not busy)

    def reset_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.show_error(lambda: _("Choose a user in the list first."))
            return
        name = self._users[rows[0].row()].name
        dialog = PasswordDialog(name, self)
        if dialog.exec():
            self.reset_password(name, dialog.password.text())

    def _selected_user(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self._users[rows[0].row()] if rows else None

    def _show_selected_role(self) -> None:
        user = self._selected_user()
        if user is not None:
            self.new_role.setCurrentIndex(max(self.new_role.findData(str(user.role)), 0))

    def change_selected_role(self) -> None:
        """Roles change at once (no key is rewrapped); the service keeps one admin at least."""
        user = self._selected_user()
        if user is None:
            self.message.show_error(lambda: _("Choose a user in the list first."))
            return
        role = self.new_role.currentData()
        try:
            self._session.users.set_role(user.name, role)
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        name = user.name
        self.message.show_info(
            lambda: _("{name} is now: {role}.").format(name=name, role=formatting.role(role))
        )
        self.reload()

    def reset_password(self, name: str, password: str) -> None:
        users = self._session.users
        self._run(
            lambda: users.reset_password(name, password),
            lambda _none: self.message.show_info(
                lambda: _("The password of {name} was reset.").format(name=name)
            ),
        )


class PasswordDialog(Retranslating, QDialog):
    """Asks for a new password twice."""

    def __init__(self, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user_name
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.password, self.confirm = QLineEdit(self), QLineEdit(self)
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label, self.confirm_label = QLabel(self), QLabel(self)
        self.password_label.setBuddy(self.password)
        self.confirm_label.setBuddy(self.confirm)
        self.message = MessageLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.password_label, self.password)
        form.addRow(self.confirm_label, self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Reset password"))
        self.text.setText(_("New password for {name}:").format(name=self._user))
        self.password_label.setText(_("&New password:"))
        self.confirm_label.setText(_("&Repeat:"))
        self.password.setAccessibleName(_("New password"))
        self.confirm.setAccessibleName(_("Repeat the new password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Re&set"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _check(self) -> None:
        if not self.password.text() or self.password.text() != self.confirm.text():
            self.message.show_error(lambda: _("The two passwords are not the same."))
            return
        self.accept()


class SettingsPanel(Retranslating, QWidget):
    """Workspace settings; the staff language applies at once and is kept for later runs."""

    language_chosen = Signal(str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        settings = session.settings
        self.autolock = QSpinBox(self)
        self.autolock.setRange(1, 120)
        self.autolock.setValue(int(settings.get("autolock_minutes", 5) or 5))
        self.centre = QLineEdit(settings.get("default_centre") or "", self)
        self.organisation = QLineEdit(settings.get("sender_organisation") or "", self)
        self.contact = QLineEdit(settings.get("sender_contact") or "", self)
        self.country = QComboBox(self)
        for code, name in COUNTRIES.items():
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(self.country.findData(settings.get("country")), 0))
        self.language = language_combo(self)
        self.save_button = QPushButton(self)
        self.message = MessageLine(self)
        form = QFormLayout()
        self.labels = labelled_rows(
            form,
            self,
            (
                self.autolock,
                self.centre,
                self.country,
                self.organisation,
                self.contact,
                self.language,
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.language.activated.connect(
            lambda i: self.language_chosen.emit(str(self.language.itemData(i)))
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = {
            self.autolock: (_("&Lock after idle minutes:"), _("Minutes before the screen locks")),
            self.centre: (_("Default &centre:"), _("Default centre for new cases")),
            self.organisation: (
                _("O&rganisation:"),
                _("Organisation named as the sender of referrals"),
            ),
            self.contact: (_("Referral co&ntact:"), _("Contact given on referrals")),
            self.country: (_("C&ountry:"), _("Country of the referral directory")),
            self.language: (_("Staff lan&guage:"), _("Staff language")),
        }
        name_rows(self.labels, texts)
        self.autolock.setSuffix(" " + _("min"))
        self.save_button.setText(_("Sa&ve settings"))
        self.save_button.setAccessibleName(_("Save settings"))
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))

    def save(self) -> bool:
        values = {
            "autolock_minutes": self.autolock.value(),
            "default_centre": self.centre.text().strip(),
            "sender_organisation": self.organisation.text().strip(),
            "sender_contact": self.contact.text().strip(),
            "country": self.country.currentData(),
            "language": self.language.currentData(),
        }
        try:
            for key, value in values.items():
                self._session.settings.set(key, value)
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return False
        self.message.show_info(lambda: _("Settings saved."))
        return True


class AdminDialog(Retranslating, QDialog):
    """Tabs for users (admins) and settings (admins and coordinators, as the service allows)."""

    language_chosen = Signal(str)
    settings_saved = Signal()

    def __init__(self, session: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_dialog")
        self.tabs = QTabWidget(self)
        self.users: UsersPanel | None = None
        self.settings: SettingsPanel | None = None
        if session.can("user.manage"):
            self.users = UsersPanel(session, runner, self)
            self.tabs.addTab(self.users, "")
        if session.can("settings.manage"):
            self.settings = SettingsPanel(session, self)
            self.tabs.addTab(self.settings, "")
            self.settings.language_chosen.connect(self.language_chosen.emit)
            self.settings.save_button.clicked.connect(self.settings_saved.emit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 30)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Users and settings"))
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            self.tabs.setTabText(index, _("&Users") if widget is self.users else _("&Settings"))
        self.tabs.setAccessibleName(_("Users and settings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
