"""Changing one's own password. The key is rewrapped (Argon2id, on a worker); the data is not
re-encrypted, so this is quick whatever the size of the workspace."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import BusyBar, MessageLine, labelled_rows, name_rows


class ChangePasswordDialog(Retranslating, QDialog):
    """Accepts once the service has rewrapped the key under the new password."""

    def __init__(self, session: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("change_password_dialog")
        self._session = session
        self._runner = runner
        self.old, self.new, self.confirm = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for field in (self.old, self.new, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.labels = labelled_rows(form, self, (self.old, self.new, self.confirm))
        self.busy = BusyBar(self)
        self.message = MessageLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.old.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Change my password"))
        texts: dict[QWidget, tuple[str, str]] = {
            self.old: (_("&Current password:"), _("Current password")),
            self.new: (_("&New password:"), _("New password")),
            self.confirm: (_("&Repeat:"), _("Repeat the new password")),
        }
        name_rows(self.labels, texts)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("C&hange"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.busy.setAccessibleName(_("Saving the password"))

    def change(self) -> None:
        if self._runner.busy:
            return
        if not self.new.text() or self.new.text() != self.confirm.text():
            self.message.show_error(lambda: _("The two passwords are not the same."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        users, name = self._session.users, self._session.user.name
        old, new = self.old.text(), self.new.text()
        self._set_busy(True)
        self._runner.run(lambda: users.change_password(name, old, new), self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        for widget in (self.old, self.new, self.confirm, self.buttons):
            widget.setEnabled(not busy)

    def _done(self, _result: object) -> None:
        self._set_busy(False)
        for field in (self.old, self.new, self.confirm):
            field.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, Free2LinkError):
            raise error
        self.message.show_error(error.message)
        self.old.setFocus()
