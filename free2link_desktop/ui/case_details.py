"""A case's details (few, by design), its status and the record of consent."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.cases import Consent, gender_label
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_, _
from free2link_desktop.ui import formatting
from free2link_desktop.ui.interview.texts import NATIVE_NAMES, language_label
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.widgets import MessageLine, labelled_rows, localise_date_edit, name_rows

CONSENT_CHOICES = ((None, N_("Not recorded")), (True, N_("Given")), (False, N_("Refused")))


class CaseDetailsPanel(Retranslating, QWidget):
    """Shows the details read-only (editing goes through the case form) and records consent."""

    changed = Signal()
    edit_requested = Signal()

    def __init__(self, session: Any, case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_details")
        self._session = session
        self._case = case
        can_edit = session.can("case.edit")

        self.details_box = QGroupBox(self)
        self.details_form = QFormLayout(self.details_box)
        self.detail_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("birth_year", "gender", "nationality", "languages", "centre"):
            name, value = QLabel(self.details_box), QLabel(self.details_box)
            value.setWordWrap(True)
            self.detail_labels[key] = (name, value)
            self.details_form.addRow(name, value)
        self.status = QComboBox(self.details_box)
        self.status.setEnabled(can_edit)
        self.status_label = QLabel(self.details_box)
        self.status_label.setBuddy(self.status)
        self.details_form.addRow(self.status_label, self.status)
        self.edit_button = QPushButton(self.details_box)
        self.edit_button.setVisible(can_edit)
        self.details_form.addRow(_end(self.edit_button))

        self.consent_box = QGroupBox(self)
        self.consent_given = QComboBox(self.consent_box)
        self.consent_date = QDateEdit(self.consent_box)
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setMaximumDate(QDate.currentDate())
        self.consent_has_date = QCheckBox(self.consent_box)
        self.consent_witness = QLineEdit(self.consent_box)
        self.consent_language = QComboBox(self.consent_box)
        self.consent_language.setEditable(True)
        self.consent_save = QPushButton(self.consent_box)
        self.consent_message = MessageLine(self.consent_box)
        self.consent_labels: dict[QWidget, QLabel] = {}
        consent_form = QFormLayout(self.consent_box)
        date_row = QHBoxLayout()
        date_row.addWidget(self.consent_has_date)
        date_row.addWidget(self.consent_date, 1)
        self.consent_labels.update(
            labelled_rows(
                consent_form,
                self.consent_box,
                (
                    self.consent_given,
                    (self.consent_date, date_row),
                    self.consent_witness,
                    self.consent_language,
                ),
            )
        )
        consent_form.addRow(_end(self.consent_save))
        consent_form.addRow(self.consent_message)
        for widget in (
            self.consent_given,
            self.consent_date,
            self.consent_has_date,
            self.consent_witness,
            self.consent_language,
            self.consent_save,
        ):
            widget.setEnabled(can_edit)

        boxes = QHBoxLayout()
        boxes.addWidget(self.details_box, 1, Qt.AlignmentFlag.AlignTop)
        boxes.addWidget(self.consent_box, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(boxes)
        layout.addStretch(1)

        self.status.activated.connect(self._status_chosen)
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.consent_has_date.toggled.connect(self._date_toggled)
        self.consent_given.activated.connect(self._given_chosen)
        self.consent_save.clicked.connect(self.save_consent)
        self.retranslate_ui()
        self.show_case(case)

    def retranslate_ui(self) -> None:
        self.details_box.setTitle(_("Details"))
        localise_date_edit(self.consent_date)
        names = {
            "birth_year": _("Year of birth"),
            "gender": _("Gender"),
            "nationality": _("Nationality"),
            "languages": _("Languages spoken"),
            "centre": _("Centre"),
        }
        for key, (label, value) in self.detail_labels.items():
            label.setText(_("{field}:").format(field=names[key]))
            value.setAccessibleName(names[key])
        self.status_label.setText(_("&Status:"))
        self.status.setAccessibleName(_("Status of the case"))
        self.edit_button.setText(_("&Edit details…"))
        self.edit_button.setAccessibleName(_("Edit details"))
        self.consent_box.setTitle(_("Consent"))
        texts = {
            self.consent_given: (_("Co&nsent:"), _("Consent")),
            self.consent_date: (_("D&ate:"), _("Date of consent")),
            self.consent_witness: (_("W&itness:"), _("Witness")),
            self.consent_language: (_("E&xplained in:"), _("Language consent was explained in")),
        }
        name_rows(self.consent_labels, texts)
        self.consent_has_date.setText(_("Known"))
        self.consent_has_date.setAccessibleName(_("Date of consent is known"))
        self.consent_save.setText(_("Record consen&t"))
        self.consent_save.setAccessibleName(_("Record consent"))
        current = self.consent_given.currentIndex()
        self.consent_given.clear()
        for choice, text in CONSENT_CHOICES:
            self.consent_given.addItem(_(text), choice)
        self.consent_given.setCurrentIndex(max(current, 0))
        chosen = self._consent_language_value()
        self.consent_language.clear()
        for code in NATIVE_NAMES:  # the interview languages; any other can be typed
            self.consent_language.addItem(language_label(code), code)
        self._show_consent_language(chosen)
        current_status = self.status.currentData()
        self.status.clear()
        for status in formatting.CASE_STATUSES:
            self.status.addItem(formatting.case_status(status), status)
        self.status.setCurrentIndex(max(self.status.findData(current_status), 0))
        self._fill_details()

    def show_case(self, case: Any) -> None:
        self._case = case
        self._fill_details()
        self.status.setCurrentIndex(max(self.status.findData(case.status), 0))
        consent = case.consent
        index = [value for value, _label in CONSENT_CHOICES].index(consent.given)
        self.consent_given.setCurrentIndex(index)
        self.consent_has_date.setChecked(consent.date is not None)
        self.consent_date.setDate(QDate(consent.date) if consent.date else QDate.currentDate())
        self._date_toggled(consent.date is not None)
        self.consent_witness.setText(consent.witness or "")
        self._show_consent_language(consent.language)

    def _fill_details(self) -> None:
        case = self._case
        if case is None:
            return
        not_recorded = _("not recorded")
        gender = gender_label(case.gender, _)
        values = {
            "birth_year": str(case.birth_year) if case.birth_year else not_recorded,
            "gender": gender or not_recorded,
            "nationality": case.nationality or not_recorded,
            "languages": ", ".join(case.languages) or not_recorded,
            "centre": case.centre or not_recorded,
        }
        for key, (_label, value) in self.detail_labels.items():
            value.setText(values[key])

    def _show_consent_language(self, value: str | None) -> None:
        index = self.consent_language.findData(value) if value else -1
        if index >= 0:
            self.consent_language.setCurrentIndex(index)
        else:
            self.consent_language.setCurrentIndex(-1)
            self.consent_language.setEditText(value or "")

    def _consent_language_value(self) -> str | None:
        """The language's code when one of the list was chosen, else what was typed."""
        text = self.consent_language.currentText().strip()
        index = self.consent_language.currentIndex()
        if index >= 0 and self.consent_language.itemText(index) == text:
            return str(self.consent_language.itemData(index))
        return text or None

    def _given_chosen(self, index: int) -> None:
        """Consent given or refused happened on a day: offer today, which the person can change."""
        if self.consent_given.itemData(index) is not None and not self.consent_has_date.isChecked():
            self.consent_date.setDate(QDate.currentDate())
            self.consent_has_date.setChecked(True)

    def _date_toggled(self, checked: bool) -> None:
        self.consent_date.setEnabled(checked and self.consent_has_date.isEnabled())

    def _status_chosen(self, index: int) -> None:
        status = str(self.status.itemData(index))
        if status == self._case.status:
            return
        try:
            self._session.cases.set_status(self._case.code, status)
            self._case = self._session.cases.get(self._case.code)
        except Free2LinkError as error:
            self.consent_message.show_error(error.message)
            return
        self.changed.emit()

    def consent_value(self) -> Consent:
        when: date | None = None
        if self.consent_has_date.isChecked():
            when = self.consent_date.date().toPython()  # type: ignore[assignment]
        return Consent(
            given=self.consent_given.currentData(),
            date=when,
            witness=self.consent_witness.text().strip() or None,
            language=self._consent_language_value(),
        )

    def save_consent(self) -> None:
        try:
            self._case = self._session.cases.record_consent(self._case.code, self.consent_value())
        except Free2LinkError as error:
            self.consent_message.show_error(error.message)
            return
        self.consent_message.show_info(lambda: _("Consent recorded."))
        self.changed.emit()


def _end(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row
