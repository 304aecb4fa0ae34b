"""What an unlocked user sees: the case list, one case, or an interview, on one stack.

It is built fresh for each unlocked session and thrown away when the screen locks (so no alias
survives in a widget while locked). `place()` says where the person was — the case, its tab, the
open screening, the search — and `restore(place)` brings a new view back to exactly there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui import interview_bridge
from free2link_desktop.ui.case_form import CaseFormDialog
from free2link_desktop.ui.case_list import CaseListScreen
from free2link_desktop.ui.case_view import TAB_SCREENINGS, CaseView
from free2link_desktop.ui.export_dialog import ExportDialog
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.workspace_banner import WorkspaceBanner


@dataclass(frozen=True)
class Place:
    """Where the person was when the screen locked: ids, a tab, and the search text.

    Kept in memory only (never written anywhere) and shown again only after the same user
    has unlocked; the search text may name a person, so nothing shows it while locked.
    """

    user: str
    search: str = ""
    case_code: str | None = None
    tab: int = 0
    screening_id: int | None = None


class WorkspaceView(QWidget):
    """Emits `location_changed()` when the title should change (a case opened or closed)."""

    location_changed = Signal()

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace_view")
        self.session = session
        self.stack = QStackedWidget(self)
        self.case_list = CaseListScreen(session, self.stack)
        self.stack.addWidget(self.case_list)
        self.case_view: CaseView | None = None
        self.interview: Any = None
        self.banner = WorkspaceBanner(session, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack)
        self.case_list.open_case.connect(self._open_chosen_case)
        self.case_list.new_case.connect(self.new_case)

    # -- where we are ------------------------------------------------------------------------

    @property
    def current_case_code(self) -> str | None:
        return self.case_view.code if self.case_view is not None else None

    def place(self) -> Place:
        return Place(
            user=self.session.user.name,
            search=self.case_list.search.text(),
            case_code=self.current_case_code,
            tab=self.case_view.tabs.currentIndex() if self.case_view else 0,
            screening_id=self.interview.screening_id if self.interview is not None else None,
        )

    def restore(self, place: Place) -> None:
        if place.search:
            self.case_list.search.setText(place.search)
            self.case_list.apply_search()
        if place.case_code is None:
            return
        try:
            self.open_case(place.case_code)
        except Free2LinkError:
            return  # erased meanwhile: the list is the right place
        if self.case_view is not None:
            self.case_view.tabs.setCurrentIndex(place.tab)
        if place.screening_id is not None:
            self.open_interview(place.screening_id)

    def flush(self) -> bool:
        """Save whatever is typed but not saved yet; True when nothing is left unsaved."""
        ok = True
        for widget in (self.case_view, self.interview):
            flush = getattr(widget, "flush", None)
            if callable(flush):
                ok = flush() is not False and ok
        return ok

    # -- moving around -----------------------------------------------------------------------

    def show_list(self) -> None:
        self._close_interview()
        if self.case_view is not None:
            self.case_view.flush()
            self.stack.removeWidget(self.case_view)
            self.case_view.deleteLater()
            self.case_view = None
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.refresh()
        self.case_list.focus_first()
        self.location_changed.emit()

    def _open_chosen_case(self, code: str) -> None:
        """A case chosen in the list: erased meanwhile, or on a damaged page, is said in words."""
        try:
            self.open_case(code)
        except Free2LinkError as error:
            QMessageBox.warning(self, _("Open case"), error.message())

    def open_case(self, code: str) -> None:
        view = CaseView(self.session, code, self.stack)  # raises NotFound before anything moves
        if self.case_view is not None:
            self.show_list()
        self.case_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.back.connect(self.show_list)
        view.changed.connect(self.case_list.refresh)
        view.erased.connect(lambda _code: self.show_list())
        view.referral_requested.connect(self.export_referral)
        view.screenings.start_requested.connect(self.start_screening)
        view.screenings.resume_requested.connect(self.open_interview)
        view.screenings.result_requested.connect(self.open_interview)
        view.tabs.setFocus()
        self.location_changed.emit()

    def new_case(self) -> None:
        dialog = CaseFormDialog(self.session, None, self)
        if dialog.exec() and dialog.saved_case is not None:
            self.case_list.refresh()
            self.open_case(dialog.saved_case.code)

    # -- interviews --------------------------------------------------------------------------

    def start_screening(self, code: str) -> None:
        try:
            screening_id = interview_bridge.start_screening(self.session, code, self)
        except Free2LinkError as error:
            QMessageBox.information(self, _("New screening"), error.message())
            return
        if screening_id is not None:
            self.open_interview(screening_id)

    def open_interview(self, screening_id: int) -> None:
        self._close_interview()
        try:
            screen = interview_bridge.interview_screen(self.session, screening_id, self.stack)
        except Free2LinkError as error:
            QMessageBox.information(self, _("Screening"), error.message())
            return
        self.interview = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        screen.paused.connect(self.back_to_case)
        screen.closed.connect(self.back_to_case)
        screen.referral_requested.connect(self.prepare_referral)
        self.location_changed.emit()

    def prepare_referral(self, screening_id: int) -> None:
        """Open the export dialog for the screening's case, with that screening chosen."""
        try:
            code = self.session.screenings.get(screening_id).case_code
        except Free2LinkError as error:
            QMessageBox.information(self, _("Prepare referral"), error.message())
            return
        self.export_referral(code, screening_id)

    def export_referral(self, code: str, screening_id: int | None = None) -> None:
        if not self.session.can("report.export"):
            QMessageBox.information(
                self,
                _("Prepare referral"),
                _("Your role does not allow exporting referral reports."),
            )
            return
        dialog = ExportDialog(self.session, code, TaskRunner(self), self, screening_id=screening_id)
        if dialog.exec() and dialog.written is not None:
            QMessageBox.information(
                self,
                _("Prepare referral"),
                _("The referral report was saved to {path}.").format(path=dialog.written),
            )

    def back_to_case(self) -> None:
        self._close_interview()
        if self.case_view is None:
            self.show_list()
            return
        self.case_view.refresh()
        self.case_view.tabs.setCurrentIndex(TAB_SCREENINGS)
        self.stack.setCurrentWidget(self.case_view)
        self.case_view.screenings.table.setFocus()
        self.location_changed.emit()

    def _close_interview(self) -> None:
        if self.interview is None:
            return
        flush = getattr(self.interview, "flush", None)
        if callable(flush):
            flush()
        self.stack.removeWidget(self.interview)
        self.interview.deleteLater()
        self.interview = None
