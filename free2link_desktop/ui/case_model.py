"""The case list as a Qt model that fetches pages from the service as the view scrolls.

100,000 cases cost what one screen costs: rows arrive `PAGE` at a time through
`session.cases.list_page`, and Qt asks for more (canFetchMore/fetchMore) only when the view
needs them. Search, filters and sort are passed to the service and start again from page one.
`clear()` empties the model before the screen locks, so no alias stays in memory in a view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from free2link_desktop.i18n import N_, _
from free2link_desktop.ui import formatting

PAGE = 200
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("code", N_("Code")),
    ("alias", N_("Alias")),
    ("status", N_("Status")),
    ("centre", N_("Centre")),
    ("screenings", N_("Screenings")),
    ("level", N_("Latest assessment")),
    ("updated", N_("Last change")),
)
#: the column the view's header may sort by -> the service's sort key, ascending first
SORTABLE = {0: ("code_asc", "code_desc"), 6: ("updated_asc", "updated_desc")}


class CaseListModel(QAbstractTableModel):
    """Rows of `CaseSummary` from `session.cases.list_page`, fetched lazily."""

    def __init__(self, session: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[Any] = []
        self._total = 0
        self.search = ""
        self.status: str | None = None
        self.centre: str | None = None
        self.sort_key = "updated_desc"

    # -- queries -----------------------------------------------------------------------------

    def set_query(
        self,
        *,
        search: str | None = None,
        status: str | bool | None = False,
        centre: str | bool | None = False,
        sort: str | None = None,
    ) -> None:
        """Change what is listed (False leaves a filter as it is) and start again at page one."""
        if search is not None:
            self.search = search
        if status is not False:
            self.status = status  # type: ignore[assignment]
        if centre is not False:
            self.centre = centre  # type: ignore[assignment]
        if sort is not None:
            self.sort_key = sort
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._total = 0
        if self._session is not None:
            self._rows = self._fetch(0)
            # a short first page is the whole answer: no need to count (a search stays fast)
            self._total = (
                len(self._rows)
                if len(self._rows) < PAGE
                else self._session.cases.count(
                    search=self.search, status=self.status, centre=self.centre
                )
            )
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row and the session (used when the screen locks)."""
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._session = None
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def _fetch(self, offset: int) -> list[Any]:
        return list(
            self._session.cases.list_page(
                offset,
                PAGE,
                search=self.search,
                status=self.status,
                centre=self.centre,
                sort=self.sort_key,
            )
        )

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._session is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._fetch(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the service; only code and last change can be sorted."""
        keys = SORTABLE.get(column)
        if keys is None:
            return
        self.set_query(sort=keys[0] if order == Qt.SortOrder.AscendingOrder else keys[1])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        case = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            text = _display(case, key)
            return formatting.isolate(text) if key in ("alias", "centre") else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _display(case, key)
        if role == Qt.ItemDataRole.UserRole:
            return case.code
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "screenings":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def retranslate(self) -> None:
        """Headers and status words follow the staff language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )


def _display(case: Any, key: str) -> str:
    if key == "code":
        return str(case.code)
    if key == "alias":
        return str(case.alias or "")
    if key == "status":
        return formatting.case_status(case.status)
    if key == "centre":
        return str(case.centre or "")
    if key == "screenings":
        return str(case.screening_count)
    if key == "level":
        return formatting.level(case.latest_level)
    return formatting.fmt_datetime(case.updated_at)
