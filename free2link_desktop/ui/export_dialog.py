"""Preparing a referral report: recipient, language, what goes in, redaction, password.

The dialog says plainly that the PDF leaves the encrypted workspace. A referral without recorded
consent needs an explicit override, which the service writes to the audit log. The PDF is
written on a worker thread; the file name proposed holds only the case code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.file_names import safe_file_name
from free2link_desktop.i18n import N_, _
from free2link_desktop.services import outputs
from free2link_desktop.ui import formatting
from free2link_desktop.ui.file_choice import SaveTarget, choose_save_path, confirm_replacing
from free2link_desktop.ui.language import Retranslating, set_accessible
from free2link_desktop.ui.tasks import TaskRunner
from free2link_desktop.ui.widgets import BusyBar, MessageLine, heading, labelled_rows

#: the language of each country the directory serves (SPEC section 1)
COUNTRY_LANGUAGES = {"IT": "it", "GR": "el", "PL": "pl"}
REDACTABLE = (
    ("birth_year", N_("Year of birth")),
    ("nationality", N_("Nationality")),
    ("centre", N_("Centre")),
)


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _checked_ids(widget: QListWidget) -> list[int]:
    return [
        int(widget.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class ExportDialog(Retranslating, QDialog):
    """Export one case's referral PDF for a partner organisation."""

    def __init__(
        self,
        session: Any,
        code: str,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        screening_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.session, self.code, self.runner = session, code, runner
        self.written: Path | None = None
        case = session.cases.get(code)
        self._consent_given = bool(case.consent.given)

        self.title = heading(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.recipient = QComboBox(self)
        self._recipient_languages: dict[str, tuple[str, ...]] = {}
        self._fill_recipients(session.settings.get("country"), session.directory.organisations())
        self.language = QComboBox(self)
        for language_code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, language_code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.recipient.currentIndexChanged.connect(self._recipient_chosen)

        self.screenings = QListWidget(self)
        for record in session.screenings.list_for_case(code):
            if record.status != "completed":
                continue
            item = QListWidgetItem(
                f"{formatting.fmt_datetime(record.started_at)} — "
                f"{record.questionnaire_id} {record.version} — "
                f"{formatting.level(record.level)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            checked = screening_id is None or record.id == screening_id
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.screenings.addItem(item)
        self.notes = QListWidget(self)
        for note in session.notes.list(code):
            first_line = note.text.strip().splitlines()[0][:70] if note.text.strip() else ""
            item = QListWidgetItem(f"{formatting.fmt_datetime(note.created_at)} — {first_line}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            # notes are written for the team, not for a partner: each one is chosen on purpose
            item.setCheckState(Qt.CheckState.Unchecked)
            self.notes.addItem(item)

        self.redactions = {name: QCheckBox(self) for name, _label in REDACTABLE}
        self.show_alias = QCheckBox(self)
        self.consent_override = QCheckBox(self)
        self.consent_override.setVisible(not self._consent_given)
        self.consent_label = QLabel(self)
        self.consent_label.setWordWrap(True)
        self.protect = QCheckBox(self)
        self.protect.setChecked(True)
        self.protect.toggled.connect(self._protection_changed)
        self.unprotected_warning = QLabel(self)
        self.unprotected_warning.setWordWrap(True)
        self.unprotected_warning.setObjectName("unprotected_warning")
        self.unprotected_warning.setStyleSheet("QLabel#unprotected_warning { font-weight: bold; }")
        self.unprotected_warning.hide()
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(self)
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        suggested = safe_file_name(f"referral-{code}-{date.today()}", ".pdf")
        self.path = QLineEdit(str(default_folder() / suggested), self)
        self._chosen: SaveTarget | None = None  # what the save dialog confirmed, if used
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.message = MessageLine(self)
        self.busy = BusyBar(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.retranslate_ui()
        # wide enough for a note's first line and a screening's summary in any language
        self.resize(self.fontMetrics().averageCharWidth() * 120, self.sizeHint().height())

    def _layout(self) -> None:
        form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.labels = labelled_rows(
            form, self, (self.recipient, self.language, (self.path, path_row))
        )
        self.include_box = QGroupBox(self)
        include = QVBoxLayout(self.include_box)
        self.screenings_label, self.notes_label = QLabel(self), QLabel(self)
        include.addWidget(self.screenings_label)
        include.addWidget(self.screenings)
        include.addWidget(self.notes_label)
        include.addWidget(self.notes)
        self.privacy_box = QGroupBox(self)
        privacy = QVBoxLayout(self.privacy_box)
        for box in self.redactions.values():
            privacy.addWidget(box)
        privacy.addWidget(self.show_alias)
        privacy.addWidget(self.protect)
        password_form = QFormLayout()
        self.labels.update(labelled_rows(password_form, self, (self.password, self.password_again)))
        privacy.addLayout(password_form)
        privacy.addWidget(self.unprotected_warning)
        privacy.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        columns = QHBoxLayout()
        columns.addWidget(self.include_box, 3)
        columns.addWidget(self.privacy_box, 2)
        layout.addLayout(columns)
        layout.addWidget(self.consent_label)
        layout.addWidget(self.consent_override)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Prepare a referral report"))
        self.title.setText(_("Referral report for {code}").format(code=self.code))
        self.warning.setText(
            _(
                "The PDF leaves the encrypted workspace: it holds information about this person in "
                "readable form. Include only what the recipient needs, protect it with a password "
                "when you can, and delete it once it has been handed over."
            )
        )
        for field, text in (
            (self.recipient, _("&Recipient:")),
            (self.language, _("Report &language:")),
            (self.path, _("Save &as:")),
            (self.password, _("&Password:")),
            (self.password_again, _("Repeat pass&word:")),
        ):
            self.labels[field].setText(text)
        self.recipient.setItemText(0, _("(no recipient chosen)"))
        self.protect.setText(_("Protect the PDF with a password (recommended)"))
        self.unprotected_warning.setText(
            _(
                "Without a password, anyone who gets this file (a forwarded e-mail, a lost USB "
                "stick) can read everything in it."
            )
        )
        self.browse.setText(_("&Browse…"))
        self.include_box.setTitle(_("What to include"))
        self.screenings_label.setText(
            _("Screenings:")
            if self.screenings.count()
            else _("This case has no completed screening.")
        )
        self.notes_label.setText(_("Notes:") if self.notes.count() else _("No notes."))
        self.privacy_box.setTitle(_("Privacy"))
        for name, label in REDACTABLE:
            self.redactions[name].setText(_("Leave out: {field}").format(field=_(label)))
        self.show_alias.setText(_("Show the alias (normally only the code is shown)"))
        self.consent_label.setText(
            _("Consent to share this information is recorded.")
            if self._consent_given
            else _("No consent to share this information is recorded for this case.")
        )
        self.consent_override.setText(
            _(
                "Export without recorded consent (for example, to protect the person); this is "
                "written to the audit log"
            )
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("&Export PDF"))
        set_accessible(self.recipient, _("Recipient organisation"))
        set_accessible(self.language, _("Language of the report"))
        set_accessible(self.path, _("Where to save the PDF"))
        set_accessible(self.screenings, _("Screenings to include"))
        set_accessible(self.notes, _("Notes to include"))
        set_accessible(self.password, _("Password for the PDF"))
        set_accessible(self.password_again, _("Password for the PDF, again"))

    def _browse(self) -> None:
        chosen = choose_save_path(
            self,
            _("Save the referral report"),
            self.path.text(),
            _("PDF files (*.pdf)"),
            workspace=self.session.workspace.path,
            default_suffix="pdf",
        )
        if chosen:
            self._chosen = chosen
            self.path.setText(str(chosen.path))

    def _fill_recipients(self, country: str | None, organisations: Any) -> None:
        """The centre's country first, then the others, each group under its own separator.

        Emergency numbers (112) are called, not sent a report, so they are not recipients.
        """
        self.recipient.addItem("", None)
        recipients = [org for org in organisations if not org.emergency]
        countries = sorted({org.country for org in recipients}, key=lambda c: (c != country, c))
        for group in countries:
            self.recipient.insertSeparator(self.recipient.count())
            for org in (o for o in recipients if o.country == group):
                self.recipient.addItem(
                    f"{org.name.get(i18n.current_language())} ({org.country})", org.id
                )
                # a service that lists no languages works in its country's language
                national = COUNTRY_LANGUAGES.get(org.country)
                spoken = tuple(org.languages) or ((national,) if national else ())
                self._recipient_languages[org.id] = spoken

    def _recipient_chosen(self, _index: int) -> None:
        """The report is written in a language the recipient reads, if we can write it."""
        spoken = self._recipient_languages.get(self.recipient.currentData(), ())
        for code in spoken:
            index = self.language.findData(code)
            if index >= 0:
                self.language.setCurrentIndex(index)
                return

    def _protection_changed(self, protected: bool) -> None:
        for field in (self.password, self.password_again):
            field.setEnabled(protected)
            self.labels[field].setEnabled(protected)
        self.unprotected_warning.setVisible(not protected)

    def choices(self) -> dict[str, Any]:
        """What the service is asked for (also what the tests check)."""
        return {
            "language": self.language.currentData(),
            "recipient_id": self.recipient.currentData(),
            "redact": [name for name, box in self.redactions.items() if box.isChecked()],
            "screening_ids": _checked_ids(self.screenings),
            "note_ids": _checked_ids(self.notes),
            "password": self.password.text() if self.protect.isChecked() else None,
            "consent_override": self.consent_override.isChecked(),
            "show_alias": self.show_alias.isChecked(),
        }

    def export(self) -> None:
        if self.protect.isChecked() and not self.password.text():
            self.message.show_error(
                _("Type a password for the PDF, or untick the protection if it cannot have one.")
            )
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.protect.isChecked() and self.password.text() != self.password_again.text():
            self.message.show_error(_("The two passwords differ."))
            return
        if not self._consent_given and not self.consent_override.isChecked():
            self.message.show_error(
                _(
                    "No consent is recorded. Record the person's consent in the case, or tick the "
                    "override if sharing is needed without it."
                )
            )
            return
        target = Path(self.path.text()).expanduser()
        refused = outputs.refusal(target, self.session.workspace.path, overwrite=True)
        if refused is not None:  # inside the workspace, a folder, a missing folder: say so now
            self.message.show_error(refused.message)
            return
        confirmed = self._chosen is not None and self._chosen.path == target
        overwrite = confirmed and self._chosen is not None and self._chosen.overwrite
        if not overwrite and target.is_file():
            # typed into the field, so no save dialog asked: ask here
            if not confirm_replacing(self, _("Prepare a referral report"), [target]):
                return
            overwrite = True
        choices = self.choices()
        self.buttons.setEnabled(False)
        self.busy.set_busy(True)
        self.message.clear_message()
        self.runner.run(
            lambda: self.session.reports.export_referral(
                self.code, target, overwrite=overwrite, **choices
            ),
            lambda _result: self._done(target),
            self._failed,
        )

    def _done(self, target: Path) -> None:
        self.busy.set_busy(False)
        self.buttons.setEnabled(True)
        self.written = target
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.set_busy(False)
        self.buttons.setEnabled(True)
        if isinstance(error, Free2LinkError):
            self.message.show_error(error.message)
        elif isinstance(error, OSError):
            self.message.show_error(
                _("The file could not be written: {reason}").format(reason=error.strerror or error)
            )
        else:
            raise error
