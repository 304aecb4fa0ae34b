"""The dialog for a new case and for editing a case's few details (minimal by design)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.cases import GENDER_LABELS
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_, _
from free2link_desktop.ui.language import Retranslating
from free2link_desktop.ui.widgets import MessageLine, labelled_rows, name_rows

GENDERS = (("", N_("Not recorded")), *GENDER_LABELS.items())


class CaseFormDialog(Retranslating, QDialog):
    """Creates a case (`case` is None) or updates one; `saved_case` holds the service's answer."""

    def __init__(self, session: Any, case: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_form")
        self._session = session
        self._case = case
        self.saved_case: Any = None

        self.alias = QLineEdit(self)
        self.birth_year = QSpinBox(self)
        self.birth_year.setRange(1900, date.today().year)
        self.birth_year.setMinimum(1899)  # the "not recorded" value
        self.birth_year.setValue(1899)
        self.gender = QComboBox(self)
        self.nationality = QLineEdit(self)
        self.languages = QLineEdit(self)
        self.centre = QComboBox(self)
        self.centre.setEditable(True)
        self.centre.addItems(list(session.cases.centres()))
        default_centre = session.settings.get("default_centre") or ""
        self.centre.setEditText(default_centre)
        self.message = MessageLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        self.labels = labelled_rows(
            form,
            self,
            (
                self.alias,
                self.birth_year,
                self.gender,
                self.nationality,
                self.languages,
                self.centre,
            ),
        )
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        if case is not None:
            self._fill(case)
        self.alias.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit case details") if self._case else _("New case"))
        self.hint.setText(
            _(
                "Record only what the work needs. The alias is how you recognise the person; "
                "it is never printed in a referral."
            )
        )
        texts = {
            self.alias: (_("&Alias:"), _("Alias")),
            self.birth_year: (_("&Year of birth:"), _("Year of birth")),
            self.gender: (_("&Gender:"), _("Gender")),
            self.nationality: (_("Nati&onality:"), _("Nationality")),
            self.languages: (_("&Languages spoken:"), _("Languages spoken")),
            self.centre: (_("&Centre:"), _("Centre")),
        }
        name_rows(self.labels, texts)
        self.birth_year.setSpecialValueText(_("Not recorded"))
        self.languages.setPlaceholderText(_("for example: ar, en"))
        current = self.gender.currentData()
        self.gender.clear()
        for value, label in GENDERS:
            self.gender.addItem(_(label), value)
        self.gender.setCurrentIndex(max(self.gender.findData(current), 0))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _fill(self, case: Any) -> None:
        self.alias.setText(case.alias or "")
        self.birth_year.setValue(case.birth_year or self.birth_year.minimum())
        self.gender.setCurrentIndex(max(self.gender.findData(case.gender or ""), 0))
        self.nationality.setText(case.nationality or "")
        self.languages.setText(", ".join(case.languages))
        self.centre.setEditText(case.centre or "")

    def fields(self) -> dict[str, Any]:
        year = self.birth_year.value()
        languages = tuple(p.strip() for p in self.languages.text().split(",") if p.strip())
        return {
            "birth_year": None if year == self.birth_year.minimum() else year,
            "gender": self.gender.currentData() or None,
            "nationality": self.nationality.text().strip() or None,
            "languages": languages,
            "centre": self.centre.currentText().strip() or None,
        }

    def save(self) -> None:
        alias = self.alias.text().strip()
        if not alias:
            self.message.show_error(lambda: _("Enter an alias."))
            self.alias.setFocus()
            return
        try:
            if self._case is None:
                self.saved_case = self._session.cases.create(alias, **self.fields())
            else:
                self.saved_case = self._session.cases.update(
                    self._case.code, alias=alias, **self.fields()
                )
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        self.accept()
