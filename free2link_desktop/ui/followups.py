"""Follow-ups of a case: what should happen next and by when; ticked off when done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui.formatting import fmt_date, isolate
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.widgets import MessageLine, localise_date_edit


class FollowUpsPanel(Retranslating, QWidget):
    def __init__(self, session: Any, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followups_panel")
        self._session = session
        self._code = case_code
        self._items: list[Any] = []
        can_edit = session.can("case.edit")

        self.list = QListWidget(self)
        self.due_label = QLabel(self)
        self.due = QDateEdit(QDate.currentDate().addDays(7), self)
        self.due.setCalendarPopup(True)
        self.due_label.setBuddy(self.due)
        self.text_label = QLabel(self)
        self.text = QLineEdit(self)
        self.text_label.setBuddy(self.text)
        self.add_button = QPushButton(self)
        self.message = MessageLine(self)
        row = QHBoxLayout()
        row.addWidget(self.due_label)
        row.addWidget(self.due)
        row.addWidget(self.text_label)
        row.addWidget(self.text, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        for widget in (self.due, self.text, self.add_button):
            widget.setEnabled(can_edit)
        self.list.setEnabled(True)
        self._can_edit = can_edit

        self.add_button.clicked.connect(self.add)
        self.text.returnPressed.connect(self.add)
        self.list.itemChanged.connect(self._toggled)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.due_label.setText(_("D&ue:"))
        self.text_label.setText(_("W&hat:"))
        self.add_button.setText(_("&Add follow-up"))
        self.list.setAccessibleName(_("Follow-ups"))
        self.due.setAccessibleName(_("Due date"))
        localise_date_edit(self.due)
        self.text.setAccessibleName(_("What is to be done"))
        self.add_button.setAccessibleName(_("Add follow-up"))
        self._fill()

    def reload(self) -> None:
        self._items = list(self._session.followups.list(self._code))
        self._fill()

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for followup in self._items:
            item = QListWidgetItem(
                _("{due}: {text}").format(due=fmt_date(followup.due), text=isolate(followup.text)),
                self.list,
            )
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if not self._can_edit:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if followup.done else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def add(self) -> None:
        text = self.text.text().strip()
        if not text:
            self.message.show_error(lambda: _("Write what is to be done."))
            self.text.setFocus()
            return
        try:
            self._session.followups.add(self._code, self.due.date().toPython(), text)
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        self.message.clear_message()
        self.text.clear()
        self.reload()

    def _toggled(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        done = item.checkState() == Qt.CheckState.Checked
        try:
            self._session.followups.set_done(self._items[row].id, done)
        except Free2LinkError as error:
            self.message.show_error(error.message)
        self.reload()
