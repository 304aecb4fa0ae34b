"""The unlock screen: who you are and your password, with a growing delay after failures.

Unlocking derives a key with Argon2id, which is slow on purpose, so it runs on a worker through
the TaskRunner while a busy bar shows. A wrong password, a damaged file (the service's message
names the newest backup) and a workspace held by another instance each get a plain message.
The same screen is the lock screen: it then names who locked it and preselects that user.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import AuthenticationFailed, Free2LinkError
from free2link_desktop.i18n import _, ngettext
from free2link_desktop.ui.language import Retranslating, apply_language
from free2link_desktop.ui.recovery import RecoveryDialog
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import (
    BusyBar,
    MessageLine,
    centred_column,
    heading,
    language_combo,
)


class UnlockScreen(Retranslating, QWidget):
    """Emits `unlocked(session)` once a user has given the right password."""

    unlocked = Signal(object)

    def __init__(
        self,
        workspace: Any,
        runner: TaskRunner,
        *,
        locked_user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_screen")
        self._workspace = workspace
        self._runner = runner
        self._locked_user = locked_user
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.setTimerType(Qt.TimerType.PreciseTimer)
        self._countdown.timeout.connect(self._tick)

        self.title = heading(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.language = language_combo(self)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.user = QComboBox(self)
        self.user.addItems(list(workspace.user_names()))
        if locked_user:
            self.user.setCurrentIndex(max(self.user.findText(locked_user), 0))
        self.user_label = QLabel(self)
        self.user_label.setBuddy(self.user)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.forgot_button = QPushButton(self)
        self.forgot_button.setFlat(True)
        self.message = MessageLine(self)
        self.busy = BusyBar(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        language_row = QHBoxLayout()
        language_row.addStretch(1)
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language)

        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addSpacing(self.fontMetrics().height())
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.busy)
        inner.addWidget(self.message)

        outer = QVBoxLayout(self)
        outer.addLayout(language_row)
        outer.addStretch(1)
        outer.addLayout(centred_column(box, 60))
        outer.addStretch(2)

        self.setTabOrder(self.user, self.password)
        self.setTabOrder(self.password, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)
        self.setTabOrder(self.forgot_button, self.language)

        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.language.activated.connect(self._language_chosen)
        self.forgot_button.clicked.connect(self.forgot_password)
        self.retranslate_ui()
        self._start_countdown_if_needed()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Free2Link is locked") if self._locked_user else _("Free2Link"))
        if self._locked_user:
            self.explanation.setText(
                _(
                    "The screen was locked and the key put away. Unlock to continue where "
                    "you were; nothing you typed is lost."
                )
            )
        else:
            self.explanation.setText(_("Choose your name and enter your password to unlock."))
        self.language_label.setText(_("Lan&guage:"))
        self.user_label.setText(_("Us&er:"))
        self.password_label.setText(_("&Password:"))
        self.unlock_button.setText(_("&Unlock"))
        self.language.setAccessibleName(_("Language"))
        self.user.setAccessibleName(_("User"))
        self.password.setAccessibleName(_("Password"))
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.forgot_button.setText(_("&Forgot password…"))
        self.forgot_button.setAccessibleName(_("Forgot password"))
        self.message.setAccessibleName(_("Message"))
        self.busy.setAccessibleName(_("Unlocking"))
        if self._wait_left:
            self._show_wait()

    def focus_first(self) -> None:
        """Put the cursor where a person starts typing: the password if a user is chosen."""
        (self.password if self.user.count() else self.user).setFocus()

    def try_unlock(self) -> None:
        if self._runner.busy or self._wait_left:
            return
        user = self.user.currentText()
        password = self.password.text()
        if not user or not password:
            self.message.show_error(lambda: _("Enter your password."))
            return
        if self._start_countdown_if_needed():
            return
        self.message.clear_message()
        self._set_busy(True)
        workspace = self._workspace
        self._runner.run(
            lambda: workspace.unlock(user, password), self._on_unlocked, self._on_failed
        )

    def _on_unlocked(self, session: object) -> None:
        self._set_busy(False)
        self.password.clear()
        self.unlocked.emit(session)

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        if isinstance(error, AuthenticationFailed):
            self.message.show_error(error.message)
            self._start_countdown_if_needed()
        elif isinstance(error, Free2LinkError):
            self.message.show_error(error.message)
        else:
            self.message.show_error(
                _("The workspace could not be opened: {reason}").format(reason=type(error).__name__)
            )
            raise error
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        for widget in (self.user, self.password, self.unlock_button):
            widget.setEnabled(not busy)

    def _start_countdown_if_needed(self) -> bool:
        seconds = math.ceil(float(self._workspace.seconds_until_next_attempt()))
        if seconds <= 0:
            return False
        self._wait_left = seconds
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self._countdown.start()
        return True

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:  # the service has the last word on when trying is allowed
            self._wait_left = math.ceil(float(self._workspace.seconds_until_next_attempt()))
        if self._wait_left > 0:
            self._show_wait()
            return
        self._countdown.stop()
        self._wait_left = 0
        self.unlock_button.setEnabled(True)
        self.unlock_button.setText(_("&Unlock"))
        self.password.setFocus()

    def _show_wait(self) -> None:
        self.unlock_button.setText(
            ngettext("Wait {n} second", "Wait {n} seconds", self._wait_left).format(
                n=self._wait_left
            )
        )
        self.unlock_button.setAccessibleDescription(self.unlock_button.text())

    def forgot_password(self) -> None:
        """Set a new password with the recovery key, then come back here to unlock with it."""
        if self._runner.busy:
            return
        dialog = RecoveryDialog(self._workspace, self._runner, self.user.currentText(), self)
        if dialog.exec():
            self.user.setCurrentIndex(max(self.user.findText(dialog.user_name), 0))
            self.message.show_info(lambda: _("The new password is set. Unlock with it now."))
            self.password.setFocus()
        dialog.deleteLater()

    def _language_chosen(self, index: int) -> None:
        apply_language(str(self.language.itemData(index)))
