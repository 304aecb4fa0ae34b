"""Forgotten password: set a new one with the recovery key (from the printed recovery sheet).

Reached from the unlock screen. Unwrapping the key and wrapping the new password both run
Argon2id, so the reset runs on a worker while a busy bar shows. The service checks the key and
the password rules and writes the reset to the audit log.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import BusyBar, MessageLine, labelled_rows, name_rows


class RecoveryDialog(Retranslating, QDialog):
    """Accepts once the password has been reset; `user_name` says whose."""

    def __init__(
        self,
        workspace: Any,
        runner: TaskRunner,
        user_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self._workspace = workspace
        self._runner = runner
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.user = QComboBox(self)
        self.user.addItems(list(workspace.user_names()))
        self.user.setCurrentIndex(max(self.user.findText(user_name), 0))
        self.key = QLineEdit(self)
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.password, self.confirm = QLineEdit(self), QLineEdit(self)
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.labels = labelled_rows(form, self, (self.user, self.key, self.password, self.confirm))
        self.message = MessageLine(self)
        self.busy = BusyBar(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.reset)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        self.key.setFocus()

    @property
    def user_name(self) -> str:
        return self.user.currentText()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Forgotten password"))
        self.text.setText(
            _(
                "Type the recovery key from the recovery sheet, then a new password. The key "
                "is not case-sensitive; the dashes may be left out."
            )
        )
        texts = {
            self.user: (_("&User:"), _("User")),
            self.key: (_("Recovery &key:"), _("Recovery key")),
            self.password: (_("&New password:"), _("New password")),
            self.confirm: (_("&Repeat:"), _("Repeat the new password")),
        }
        name_rows(self.labels, texts)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Set new password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.busy.setAccessibleName(_("Setting the new password"))

    def reset(self) -> None:
        if self._runner.busy:
            return
        if not self.key.text().strip():
            self.message.show_error(lambda: _("Type the recovery key."))
            self.key.setFocus()
            return
        if not self.password.text() or self.password.text() != self.confirm.text():
            self.message.show_error(lambda: _("The two passwords are not the same."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        self.message.clear_message()
        self._set_busy(True)
        workspace, key = self._workspace, self.key.text().strip()
        user, password = self.user_name, self.password.text()
        self._runner.run(
            lambda: workspace.reset_password_with_recovery_key(key, user, password),
            self._done,
            self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        for widget in (self.user, self.key, self.password, self.confirm, self.buttons):
            widget.setEnabled(not busy)

    def _done(self, _result: object) -> None:
        self._set_busy(False)
        self.key.clear()
        self.password.clear()
        self.confirm.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, Free2LinkError):
            raise error
        self.message.show_error(error.message)
