"""The screenings of a case: date, guide and version, state and assessment; start or resume.

The interview itself is another screen (ui-interview); this panel only asks for it through the
`start_requested(case_code)`, `resume_requested(screening_id)` and `result_requested(id)` signals,
which the main window routes (see `interview_bridge`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.questionnaire.model import Text
from free2link_desktop.i18n import _, current_language
from free2link_desktop.ui import formatting
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.widgets import MessageLine

RESUMABLE = {"in_progress", "paused"}
FINISHED = {"completed", "stopped"}


class ScreeningsPanel(Retranslating, QWidget):
    start_requested = Signal(str)
    resume_requested = Signal(int)
    result_requested = Signal(int)

    def __init__(self, session: Any, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenings_panel")
        self._session = session
        self._code = case_code
        self._records: list[Any] = []
        self._titles: dict[str, Text | None] = {}
        can_run = session.can("screening.run")

        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.new_button = QPushButton(self)
        self.new_button.setVisible(can_run)
        self.resume_button = QPushButton(self)
        self.resume_button.setVisible(can_run)
        self.result_button = QPushButton(self)
        self.reopen_button = QPushButton(self)
        self.reopen_button.setVisible(session.can("screening.reopen"))
        self.message = MessageLine(self)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.resume_button)
        row.addWidget(self.result_button)
        row.addWidget(self.reopen_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)

        self.new_button.clicked.connect(lambda: self.start_requested.emit(self._code))
        self.resume_button.clicked.connect(self._resume)
        self.result_button.clicked.connect(self._result)
        self.reopen_button.clicked.connect(self._reopen)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self._open_selected())
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Interview guide"), _("State"), _("Assessment")]
        )
        self.table.setAccessibleName(_("Screenings"))
        self.new_button.setText(_("New &screening…"))
        self.new_button.setAccessibleName(_("New screening"))
        self.resume_button.setText(_("Res&ume"))
        self.resume_button.setAccessibleName(_("Resume the screening"))
        self.result_button.setText(_("Show resul&t"))
        self.result_button.setAccessibleName(_("Show the result of the screening"))
        self.reopen_button.setText(_("Reo&pen"))
        self.reopen_button.setAccessibleName(_("Reopen the stopped screening so it can be resumed"))
        self._fill()

    def reload(self) -> None:
        self._records = list(self._session.screenings.list_for_case(self._code))
        self._fill()

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            cells = (
                formatting.fmt_datetime(record.started_at),
                _("{guide}, version {version}").format(
                    guide=self._guide_title(record), version=record.version
                ),
                formatting.screening_status(record.status),
                formatting.level(record.level),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if selected is not None and selected in self._records:
            self._select(self._records.index(selected))
        elif self._records:
            self._select(0)
        self._update_buttons()

    def _select(self, row: int) -> None:
        """Select a whole row (the table selects rows). QTableView.selectRow() selects nothing
        under a right-to-left layout (seen in Arabic), which left every button off."""
        self.table.setCurrentCell(row, 0)

    def _guide_title(self, record: Any) -> str:
        """The guide's title in the staff language (its id if the guide cannot be read)."""
        if record.sha256 not in self._titles:
            try:
                guide = self._session.screenings.questionnaire_for(record)
            except Free2LinkError:
                self._titles[record.sha256] = None
            else:
                self._titles[record.sha256] = guide.title
        title = self._titles[record.sha256]
        return title.get(current_language()) if title is not None else record.questionnaire_id

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._records):
            return None
        return self._records[rows[0].row()]

    def _update_buttons(self) -> None:
        record = self.selected()
        self.resume_button.setEnabled(record is not None and record.status in RESUMABLE)
        self.result_button.setEnabled(record is not None and record.status in FINISHED)
        self.reopen_button.setEnabled(record is not None and record.status == "stopped")

    def _resume(self) -> None:
        record = self.selected()
        if record is not None and record.status in RESUMABLE:
            self.resume_requested.emit(record.id)

    def _result(self) -> None:
        record = self.selected()
        if record is not None and record.status in FINISHED:
            self.result_requested.emit(record.id)

    def _reopen(self) -> None:
        record = self.selected()
        if record is None or record.status != "stopped":
            return
        try:
            self._session.screenings.reopen(record.id)
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        self.message.show_info(_("The screening is reopened: choose Resume to go on with it."))
        self.reload()

    def _open_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.status in RESUMABLE and self._session.can("screening.run"):
            self.resume_requested.emit(record.id)
        elif record.status in FINISHED:
            self.result_requested.emit(record.id)
