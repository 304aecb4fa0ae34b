"""Exporting anonymised statistics (CSV, and a PDF with charts) for a period.

The figures hold no codes, aliases or free text, and a count that stands for fewer than five
different people is suppressed by the service (and one more where a total would give it away);
the dialog says so, so a coordinator knows what they are handing on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.file_names import safe_file_name
from free2link_desktop.i18n import _
from free2link_desktop.services import outputs
from free2link_desktop.ui.export_dialog import default_folder
from free2link_desktop.ui.file_choice import confirm_replacing
from free2link_desktop.ui.language import Retranslating, set_accessible
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import BusyBar, MessageLine, heading, labelled_rows


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StatisticsDialog(Retranslating, QDialog):
    def __init__(self, session: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statistics_dialog")
        self.session, self.runner = session, runner
        self.written: list[Path] = []
        today = QDate.currentDate()
        self.title = heading(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.date_from = QDateEdit(today.addYears(-1), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        name = safe_file_name(f"free2link-statistics-{date.today()}", ".csv")
        self.csv_path = QLineEdit(str(default_folder() / name), self)
        self.with_pdf = QCheckBox(self)
        self.with_pdf.setChecked(True)
        self.message = MessageLine(self)
        self.busy = BusyBar(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.labels = labelled_rows(form, self, (self.date_from, self.date_to, self.csv_path))
        form.addRow("", self.with_pdf)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.explanation):
            layout.addWidget(widget)
        layout.addLayout(form)
        for below in (self.message, self.busy, self.buttons):
            layout.addWidget(below)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export statistics"))
        self.title.setText(_("Anonymised statistics"))
        self.explanation.setText(
            _(
                "Counts of completed screenings by month, assessment level and indicator. "
                "They hold no case codes, aliases or notes. A count is shown only when at least "
                "5 different people stand behind it, and more counts are hidden where a total "
                "would give a hidden one away, so that nobody can be singled out."
            )
        )
        self.labels[self.date_from].setText(_("&From:"))
        self.labels[self.date_to].setText(_("&To:"))
        self.labels[self.csv_path].setText(_("Save &CSV as:"))
        self.with_pdf.setText(_("Also save a PDF with charts next to it"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Export"))
        set_accessible(self.date_from, _("First day of the period"))
        set_accessible(self.date_to, _("Last day of the period"))
        set_accessible(self.csv_path, _("Where to save the CSV file"))

    def export(self) -> None:
        csv_path = Path(self.csv_path.text()).expanduser()
        pdf_path = csv_path.with_suffix(".pdf") if self.with_pdf.isChecked() else None
        targets = [p for p in (csv_path, pdf_path) if p is not None]
        for target in targets:  # inside the workspace, a folder, a missing folder: say so now
            refused = outputs.refusal(target, self.session.workspace.path, overwrite=True)
            if refused is not None:
                self.message.show_error(refused.message)
                return
        existing = [p for p in targets if p.is_file()]
        if existing and not confirm_replacing(self, _("Export statistics"), existing):
            return
        overwrite = bool(existing)
        start, end = _to_date(self.date_from.date()), _to_date(self.date_to.date())
        self.buttons.setEnabled(False)
        self.busy.set_busy(True)
        self.message.clear_message()
        language = i18n.current_language()
        self.runner.run(
            lambda: self.session.reports.export_statistics(
                csv_path, start, end, language=language, out_pdf=pdf_path, overwrite=overwrite
            ),
            lambda _data: self._done([p for p in (csv_path, pdf_path) if p is not None]),
            self._failed,
        )

    def _done(self, written: list[Path]) -> None:
        self.busy.set_busy(False)
        self.buttons.setEnabled(True)
        self.written = written
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.set_busy(False)
        self.buttons.setEnabled(True)
        if not isinstance(error, Free2LinkError):
            raise error
        self.message.show_error(error.message)
