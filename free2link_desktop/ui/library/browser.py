"""`LibraryBrowser`: the indicator library and the interview guides, in two tabs, offline.

Reads only the bundled files (no session needed), so caseworkers can prepare or look something
up at any time; a missing or broken file shows a plain message instead of an empty screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from free2link_desktop.i18n import _
from free2link_desktop.ui.interview import engine_api
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.library.guides import GuideBrowser
from free2link_desktop.ui.library.indicators import IndicatorBrowser


class LibraryBrowser(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None, *, folder: Path | None = None) -> None:
        super().__init__(parent)
        guides = engine_api.bundled_guides(folder)
        library = engine_api.library(folder)
        if library is None and guides:
            library = guides[0].library
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.indicators = IndicatorBrowser(library, guides, self.tabs)
        self.guides = GuideBrowser(guides, self.tabs)
        self.tabs.addTab(self.indicators, "")
        self.tabs.addTab(self.guides, "")
        layout.addWidget(self.missing)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.import_xlsform = QPushButton(self)
        self.import_xlsform.clicked.connect(self.open_xlsform_import)
        row.addWidget(self.import_xlsform)
        layout.addLayout(row)
        self._has_library = library is not None
        self._has_guides = bool(guides)
        self.setFocusProxy(self.indicators)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        """Open ready to type a search: the first thing most people do here."""
        super().showEvent(event)
        if self.tabs.currentWidget() is self.indicators:
            self.indicators.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_xlsform_import(self) -> None:
        from free2link_desktop.ui.library.xlsform_dialog import open_import_dialog

        open_import_dialog(self)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Indicator library and interview guides"))
        self.tabs.setAccessibleName(_("Library sections"))
        self.tabs.tabBar().setAccessibleName(_("Library sections"))
        self.tabs.setTabText(0, _("&Indicators"))
        self.tabs.setTabText(1, _("Interview &guides"))
        self.import_xlsform.setText(_("Import &XLSForm…"))
        self.import_xlsform.setToolTip(
            _("Make an interview guide from an XLSForm (KoboToolbox, ODK, SurveyCTO, Ona)")
        )
        problems = []
        if not self._has_library:
            problems.append(_("The indicator library could not be read."))
        if not self._has_guides:
            problems.append(_("No interview guide could be read."))
        self.missing.setText(" ".join(problems))
        self.missing.setVisible(bool(problems))
