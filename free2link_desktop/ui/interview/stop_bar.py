"""The inline question "Stop this interview?" — no modal dialog, nothing lost either way.

A person may want to stop at any moment; the interviewer confirms in one key press (Enter on
"Stop now"), or goes back with Escape. Answers already given are kept.
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
        self.confirm_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for button in (self.confirm_button, self.cancel_button):
            button.setAutoDefault(True)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.cancel_button)
        self.confirm_button.clicked.connect(self.confirmed)
        self.cancel_button.clicked.connect(self.cancel)
        escape = QShortcut(
            QKeySequence("Escape"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        escape.activated.connect(self.cancel)
        self.hide()
        self.retranslateUi()

    def ask(self) -> None:
        self.show()
        self.confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel(self) -> None:
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslateUi(self) -> None:
        self.question.setText(
            _("Stop this interview? The answers given so far are kept; it cannot be resumed.")
        )
        self.setAccessibleName(self.question.text())
        self.confirm_button.setText(_("Stop now"))
        self.cancel_button.setText(_("Continue the interview"))
