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

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_, _
from free2link_desktop.ui import formatting
from free2link_desktop.ui.case_form import GENDERS
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.widgets import MessageLine

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
        self.consent_language.addItems(["ar", "en", "fr", "el", "it", "pl", "uk"])
        self.consent_save = QPushButton(self.consent_box)
        self.consent_message = MessageLine(self.consent_box)
        self.consent_labels: dict[QWidget, QLabel] = {}
        consent_form = QFormLayout(self.consent_box)
        date_row = QHBoxLayout()
        date_row.addWidget(self.consent_has_date)
        date_row.addWidget(self.consent_date, 1)
        for field, row in (
            (self.consent_given, self.consent_given),
            (self.consent_date, date_row),
            (self.consent_witness, self.consent_witness),
            (self.consent_language, self.consent_language),
        ):
            label = QLabel(self.consent_box)
            label.setBuddy(field)
            self.consent_labels[field] = label
            consent_form.addRow(label, row)
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
        self.consent_save.clicked.connect(self.save_consent)
        self.retranslate_ui()
        self.show_case(case)

    def retranslate_ui(self) -> None:
        self.details_box.setTitle(_("Details"))
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
            self.consent_given: (_("C&onsent:"), _("Consent")),
            self.consent_date: (_("&Date:"), _("Date of consent")),
            self.consent_witness: (_("&Witness:"), _("Witness")),
            self.consent_language: (_("Explained &in:"), _("Language consent was explained in")),
        }
        for field, (label, name) in texts.items():
            self.consent_labels[field].setText(label)
            field.setAccessibleName(name)
        self.consent_has_date.setText(_("Known"))
        self.consent_has_date.setAccessibleName(_("Date of consent is known"))
        self.consent_save.setText(_("&Record consent"))
        self.consent_save.setAccessibleName(_("Record consent"))
        current = self.consent_given.currentIndex()
        self.consent_given.clear()
        for value, label in CONSENT_CHOICES:
            self.consent_given.addItem(_(label), value)
        self.consent_given.setCurrentIndex(max(current, 0))
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
        self.consent_language.setEditText(consent.language or "")

    def _fill_details(self) -> None:
        case = self._case
        if case is None:
            return
        not_recorded = _("not recorded")
        values = {
            "birth_year": str(case.birth_year) if case.birth_year else not_recorded,
            "gender": _(dict(_gender_words()).get(case.gender or "", case.gender or ""))
            or not_recorded,
            "nationality": case.nationality or not_recorded,
            "languages": ", ".join(case.languages) or not_recorded,
            "centre": case.centre or not_recorded,
        }
        for key, (_label, value) in self.detail_labels.items():
            value.setText(values[key])

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
            language=self.consent_language.currentText().strip() or None,
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


def _gender_words() -> tuple[tuple[str, str], ...]:
    return GENDERS
