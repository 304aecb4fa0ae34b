"""The case list screen: search, filters, the paged table and the button for a new case."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import _, ngettext
from free2link_desktop.ui import formatting
from free2link_desktop.ui.case_model import SORTABLE, CaseListModel
from free2link_desktop.ui.language import Retranslating

SEARCH_DELAY_MS = 250


class CaseListScreen(Retranslating, QWidget):
    """Emits `open_case(code)` when a row is activated and `new_case()` for the button."""

    open_case = Signal(str)
    new_case = Signal()

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_list")
        self._session = session
        self._centres: list[str] = []
        self.model = CaseListModel(session, self)

        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.status_label = QLabel(self)
        self.status = QComboBox(self)
        self.status_label.setBuddy(self.status)
        self.centre_label = QLabel(self)
        self.centre = QComboBox(self)
        self.centre_label.setBuddy(self.centre)
        self.new_button = QPushButton(self)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        filters = QHBoxLayout()
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_label)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.centre_label)
        filters.addWidget(self.centre, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.setTabOrder(self.search, self.status)
        self.setTabOrder(self.status, self.centre)
        self.setTabOrder(self.centre, self.table)
        self.setTabOrder(self.table, self.new_button)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.status.activated.connect(self._filters_changed)
        self.centre.activated.connect(self._filters_changed)
        self.table.activated.connect(self._activated)
        self.new_button.clicked.connect(self.new_case.emit)
        self.model.modelReset.connect(self._update_count)
        header.sortIndicatorChanged.connect(self._sort_indicator_moved)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)

        self.new_button.setVisible(session.can("case.edit"))
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Code, alias or words in the notes"))
        self.status_label.setText(_("S&tatus:"))
        self.centre_label.setText(_("C&entre:"))
        self.new_button.setText(_("&New case…"))
        self.search.setAccessibleName(_("Search cases"))
        self.status.setAccessibleName(_("Filter by status"))
        self.centre.setAccessibleName(_("Filter by centre"))
        self.table.setAccessibleName(_("Cases"))
        self.new_button.setAccessibleName(_("New case"))
        self._fill_status()
        self._fill_centres()
        self.model.retranslate()
        self._update_count()

    def _fill_status(self) -> None:
        current = self.status.currentData()
        self.status.clear()
        self.status.addItem(_("All"), None)
        for status in formatting.CASE_STATUSES:
            self.status.addItem(formatting.case_status(status), status)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))

    def _fill_centres(self) -> None:
        current = self.centre.currentData()
        self.centre.clear()
        self.centre.addItem(_("All"), None)
        for centre in self._centres:
            self.centre.addItem(centre, centre)
        self.centre.setCurrentIndex(max(self.centre.findData(current), 0))

    def refresh(self) -> None:
        """Reload from the service (after a change elsewhere), keeping search and filters."""
        self._centres = list(self._session.cases.centres())
        self._fill_centres()
        self.model.reload()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(search=self.search.text().strip())

    def _filters_changed(self, _index: int = 0) -> None:
        self.model.set_query(status=self.status.currentData(), centre=self.centre.currentData())

    def _sort_indicator_moved(self, column: int, _order: Qt.SortOrder) -> None:
        """Only code and last change sort; put the arrow back on the column that does."""
        if column in SORTABLE:
            return
        key = self.model.sort_key
        current = next(c for c, keys in SORTABLE.items() if key in keys)
        order = (
            Qt.SortOrder.AscendingOrder
            if key == SORTABLE[current][0]
            else Qt.SortOrder.DescendingOrder
        )
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(False)

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(str(self.model.data(index, Qt.ItemDataRole.UserRole)))

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{n} case", "{n} cases", total).format(n=total))

    def focus_first(self) -> None:
        self.search.setFocus()
