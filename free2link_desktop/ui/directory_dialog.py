"""The referral directory: read by everyone, kept up to date by coordinators.

Bundled entries show where they were taken from and when they were last verified; a coordinator
can correct one (the correction is kept in this workspace), hide it, or add the local partners
the centre works with. Texts typed here are stored in the staff language.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop import i18n
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.questionnaire.model import Organisation, Text
from free2link_desktop.i18n import _
from free2link_desktop.services.settings import COUNTRIES
from free2link_desktop.ui import formatting
from free2link_desktop.ui.language import Retranslating, set_accessible
from free2link_desktop.ui.widgets import MessageLine, heading, labelled_rows

_LINE_FIELDS = ("id", "name", "phone", "email", "website", "languages", "hours", "address")


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


def _with_language(existing: Text, value: str) -> Text:
    """Keep the other languages of a text and set the staff language's one."""
    values = dict(existing.values)
    language = i18n.current_language()
    if value.strip():
        values[language] = value.strip()
    else:
        values.pop(language, None)
    return Text(values)


class DirectoryDialog(Retranslating, QDialog):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directory_dialog")
        self.session = session
        self.editable = session.can("directory.manage")
        self.current: Organisation | None = None
        self.title = heading(self)
        self.entries = QListWidget(self)
        self.entries.currentItemChanged.connect(self._selected)
        self.fields = {name: QLineEdit(self) for name in _LINE_FIELDS}
        self.country = QComboBox(self)
        for country in COUNTRIES:
            self.country.addItem(country, country)
        self.services = QPlainTextEdit(self)
        self.services.setTabChangesFocus(True)
        self.provenance = QLabel(self)
        self.provenance.setWordWrap(True)
        widgets: dict[str, QWidget] = {
            **self.fields,
            "country": self.country,
            "services": self.services,
        }
        order = (
            "id",
            "country",
            "name",
            "phone",
            "email",
            "website",
            "languages",
            "hours",
            "address",
            "services",
        )
        form = QFormLayout()
        by_widget = labelled_rows(form, self, [widgets[name] for name in order])
        self.labels = {name: by_widget[widgets[name]] for name in order}
        for widget in widgets.values():
            widget.setEnabled(self.editable)
        form.addRow("", self.provenance)
        self.new_button, self.save_button, self.remove_button = (
            QPushButton(self) for _i in range(3)
        )
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.new_button, self.save_button, self.remove_button):
            button.setVisible(self.editable)
        self.message = MessageLine(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.message)
        body = QHBoxLayout()
        body.addWidget(self.entries, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body)
        layout.addWidget(close)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Referral directory"))
        self.title.setText(_("Referral directory"))
        for name, text in (
            ("id", _("&Id:")),
            ("country", _("C&ountry:")),
            ("name", _("&Name:")),
            ("phone", _("&Phone:")),
            ("email", _("&E-mail:")),
            ("website", _("&Website:")),
            ("languages", _("&Languages:")),
            ("hours", _("&Hours:")),
            ("address", _("&Address:")),
            ("services", _("&Services (one per line):")),
        ):
            self.labels[name].setText(text)
            set_accessible(self.labels[name].buddy(), text.replace("&", "").rstrip(":"))
        self.fields["phone"].setPlaceholderText(_("several separated by commas"))
        self.new_button.setText(_("&New entry"))
        self.save_button.setText(_("Sa&ve entry"))
        self.remove_button.setText(_("&Remove entry"))
        set_accessible(self.entries, _("Organisations in the directory"))
        self._show_provenance()

    def reload(self, select: str | None = None) -> None:
        self.entries.clear()
        language = i18n.current_language()
        for org in self.session.directory.organisations():
            item = QListWidgetItem(f"{org.country} — {org.name.get(language)}")
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            self.entries.addItem(item)
            if org.id == select:
                self.entries.setCurrentItem(item)
        if self.entries.currentItem() is None and self.entries.count():
            self.entries.setCurrentRow(0)

    def _selected(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        self.message.clear_message()
        self.show_entry(self.session.directory.get(item.data(Qt.ItemDataRole.UserRole)))

    def show_entry(self, org: Organisation | None) -> None:
        self.current = org
        language = i18n.current_language()
        values = {
            "id": org.id if org else "",
            "name": org.name.get(language) if org else "",
            "phone": ", ".join(org.phone) if org else "",
            "email": ", ".join(org.email) if org else "",
            "website": ", ".join(org.website) if org else "",
            "languages": ", ".join(org.languages) if org else "",
            "hours": org.hours.get(language) if org else "",
            "address": org.address.get(language) if org else "",
        }
        for name, value in values.items():
            self.fields[name].setText(value)
        self.fields["id"].setReadOnly(org is not None)
        country = org.country if org else self.session.settings.get("country")
        self.country.setCurrentIndex(max(0, self.country.findData(country)))
        self.services.setPlainText("\n".join(s.get(language) for s in org.services) if org else "")
        self._show_provenance()

    def _show_provenance(self) -> None:
        org = self.current
        if org is None:
            self.provenance.setText(_("A new entry: give at least one way to reach them."))
            return
        verified = formatting.fmt_date(org.verified) if org.verified else _("never")
        self.provenance.setText(
            _("Source: {source}. Last verified: {date}.").format(
                source=org.source or "-", date=verified
            )
        )

    def new_entry(self) -> None:
        self.entries.clearSelection()
        self.show_entry(None)
        self.fields["id"].setFocus()

    def entry_from_form(self) -> Organisation:
        base = self.current or Organisation(
            id=self.fields["id"].text().strip().lower(), country="", name=Text()
        )
        services = [
            line.strip() for line in self.services.toPlainText().splitlines() if line.strip()
        ]
        old_services = base.services if len(base.services) == len(services) else ()
        return replace(
            base,
            country=str(self.country.currentData()),
            name=_with_language(base.name, self.fields["name"].text()),
            phone=_split(self.fields["phone"].text()),
            email=_split(self.fields["email"].text()),
            website=_split(self.fields["website"].text()),
            languages=_split(self.fields["languages"].text()),
            hours=_with_language(base.hours, self.fields["hours"].text()),
            address=_with_language(base.address, self.fields["address"].text()),
            services=tuple(
                _with_language(old_services[i] if old_services else Text(), text)
                for i, text in enumerate(services)
            ),
            verified=date.today(),
            source=base.source if self.current else "",
        )

    def save(self) -> None:
        try:
            saved = self.session.directory.save(self.entry_from_form())
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        self.reload(select=saved.id)
        self.message.show_info(_("Saved."))

    def remove(self) -> None:
        if self.current is None:
            return
        try:
            self.session.directory.remove(self.current.id)
        except Free2LinkError as error:
            self.message.show_error(error.message)
            return
        self.current = None
        self.reload()
