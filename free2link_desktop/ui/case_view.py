"""One case: its code and alias, then tabs for details and consent, notes, screenings and
follow-ups. Erasing is offered only to roles the service allows to erase (and it checks again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _
from free2link_desktop.ui import formatting
from free2link_desktop.ui.case_details import CaseDetailsPanel
from free2link_desktop.ui.case_form import CaseFormDialog
from free2link_desktop.ui.followups import FollowUpsPanel
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.notes import NotesPanel
from free2link_desktop.ui.screenings import ScreeningsPanel
from free2link_desktop.ui.widgets import heading

TAB_DETAILS, TAB_NOTES, TAB_SCREENINGS, TAB_FOLLOWUPS = range(4)


class CaseView(Retranslating, QWidget):
    back = Signal()
    referral_requested = Signal(str)
    changed = Signal()
    erased = Signal(str)

    def __init__(self, session: Any, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_view")
        self._session = session
        self.code = code
        self.case = session.cases.get(code)

        self.back_button = QPushButton(self)
        # SP_ArrowBack points the reading way back: left, or right in a right-to-left layout.
        self.back_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.title = heading(self)
        self.subtitle = QLabel(self)
        # Created in reading order, which is also the Tab order: back, the tab bar, the open
        # tab's controls, then "Prepare referral" and "Erase case" last, out of the way.
        self.tabs = QTabWidget(self)
        self.details = CaseDetailsPanel(session, self.case, self.tabs)
        self.notes = NotesPanel(session, code, self.tabs)
        self.screenings = ScreeningsPanel(session, code, self.tabs)
        self.followups = FollowUpsPanel(session, code, self.tabs)
        for panel in (self.details, self.notes, self.screenings, self.followups):
            self.tabs.addTab(panel, "")
        self.referral_button = QPushButton(self)
        self.referral_button.setVisible(session.can("report.export"))
        self.erase_button = QPushButton(self)
        self.erase_button.setVisible(session.can("case.erase"))

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        top.addLayout(names, 1)
        top.addWidget(self.referral_button)
        top.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        # Alt+Left, as in browsers. A QShortcut, because a button's setText() replaces its own
        # shortcut with the text's mnemonic at every retranslation.
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.activated.connect(self.back.emit)
        self.back_button.clicked.connect(self.back.emit)
        self.erase_button.clicked.connect(self.confirm_erase)
        self.referral_button.clicked.connect(lambda: self.referral_requested.emit(self.code))
        self.details.edit_requested.connect(self.edit_details)
        self.details.changed.connect(self._details_changed)
        self.tabs.currentChanged.connect(lambda _index: self.notes.flush())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.back_button.setText(_("Cases"))
        self.back_button.setAccessibleName(_("Back to the case list"))
        self.back_button.setToolTip(
            _("Back to the case list ({keys})").format(
                keys=QKeySequence(QKeySequence.StandardKey.Back).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self.referral_button.setText(_("Prepare &referral…"))
        self.referral_button.setAccessibleName(_("Prepare a referral report"))
        self.erase_button.setText(_("Erase case…"))
        self.erase_button.setAccessibleName(_("Erase this case"))
        self.tabs.setTabText(TAB_DETAILS, _("&Details and consent"))
        self.tabs.setTabText(TAB_NOTES, _("N&otes"))
        self.tabs.setTabText(TAB_SCREENINGS, _("Screenin&gs"))
        self.tabs.setTabText(TAB_FOLLOWUPS, _("&Follow-ups"))
        self.tabs.setAccessibleName(_("Parts of the case"))
        self._show_names()

    def _show_names(self) -> None:
        self.title.setText(_("Case {code}").format(code=self.case.code))
        self.subtitle.setText(
            _("{alias} · {status}").format(
                alias=formatting.isolate(self.case.alias),
                status=formatting.case_status(self.case.status),
            )
        )
        self.title.setAccessibleName(self.title.text())

    def flush(self) -> bool:
        """Save anything typed but not yet saved (before lock, close or leaving the case)."""
        return self.notes.flush()

    def refresh(self) -> None:
        self.case = self._session.cases.get(self.code)
        self.details.show_case(self.case)
        self.screenings.reload()
        self._show_names()

    def edit_details(self) -> None:
        dialog = CaseFormDialog(self._session, self.case, self)
        if dialog.exec() and dialog.saved_case is not None:
            self.case = dialog.saved_case
            self.details.show_case(self.case)
            self._show_names()
            self.changed.emit()

    def _details_changed(self) -> None:
        self.case = self._session.cases.get(self.code)
        self._show_names()
        self.changed.emit()

    def confirm_erase(self) -> None:
        answer = QMessageBox.warning(
            self,
            _("Erase case"),
            _(
                "Erase case {code} with all its notes, screenings and follow-ups? This cannot be "
                "undone. Backups that still hold it are removed as they age out."
            ).format(code=self.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.erase()

    def erase(self) -> bool:
        try:
            self._session.cases.erase(self.code)
        except Free2LinkError as error:
            QMessageBox.information(self, _("Erase case"), error.message())
            return False
        self.erased.emit(self.code)
        return True
