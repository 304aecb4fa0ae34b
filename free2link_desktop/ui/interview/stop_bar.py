"""The inline question "Stop this interview?" — no modal dialog, nothing lost either way.

A tired interviewer presses Enter by habit, so Enter never stops anything: the focus starts on
"Go back to the question", and stopping takes two deliberate choices ("Stop the interview…",
then "Yes, stop now", whose default is again going back). Escape goes back at any step.
Answers already given are kept, and a coordinator can reopen a stopped screening.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from free2link_desktop.i18n import _


class StopBar(QFrame):
    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.cancel_button = QPushButton(self)
        self.confirm_button = QPushButton(self)
        for button in (self.cancel_button, self.confirm_button):
            button.setAutoDefault(True)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.confirm_button)
        self.confirm_button.clicked.connect(self._confirm_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        escape = QShortcut(
            QKeySequence("Escape"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        escape.activated.connect(self.cancel)
        self._asked_twice = False
        self.hide()
        self.retranslateUi()

    def ask(self) -> None:
        """First step: say what stopping means; the safe choice has the focus."""
        self._asked_twice = False
        self.retranslateUi()
        self.show()
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_asking_again(self) -> bool:
        return self._asked_twice

    def _confirm_clicked(self) -> None:
        if not self._asked_twice:
            self._asked_twice = True
            self.retranslateUi()
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.confirmed.emit()

    def cancel(self) -> None:
        self._asked_twice = False
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslateUi(self) -> None:
        if self._asked_twice:
            self.question.setText(
                _(
                    "Stop the interview now? Nobody can go on with it until a coordinator "
                    "reopens it."
                )
            )
            self.cancel_button.setText(_("No, go back"))
            self.confirm_button.setText(_("Yes, stop now"))
        else:
            self.question.setText(
                _(
                    "Stop this interview? The answers given so far are kept; a coordinator can "
                    "reopen it later."
                )
            )
            self.cancel_button.setText(_("Go back to the question"))
            self.confirm_button.setText(_("Stop the interview…"))
        self.setAccessibleName(self.question.text())
