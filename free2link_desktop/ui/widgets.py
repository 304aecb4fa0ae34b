"""Small building blocks shared by the screens: a busy bar, a message line, a heading, forms."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QSizePolicy,
    QWidget,
)

from free2link_desktop import i18n


def localise_date_edit(edit: QDateEdit) -> None:
    """Show the date as the staff language writes it, with a four-digit year.

    Call it from `retranslate_ui`: a QDateEdit keeps the format of the language it was created
    in, and the short formats of English, Greek and Italian have two-digit years (1926 and 2026
    would look alike).
    """
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    edit.setLocale(locale)
    edit.setDisplayFormat(pattern)


class BusyBar(QProgressBar):
    """An indeterminate progress bar shown while slow work runs on a worker thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(self.fontMetrics().height())
        self.hide()

    def set_busy(self, busy: bool) -> None:
        self.setVisible(busy)


class MessageLine(QLabel):
    """A wrapped line for errors and confirmations; empty and hidden when there is nothing.

    Give it a callable (such as a Free2LinkError's bound `message`) rather than a string and the
    message is written again in the new language when the staff language changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._source: Callable[[], str] | None = None
        self.hide()

    def show_error(self, text: str | Callable[[], str]) -> None:
        self._show(text, bold=True)

    def show_info(self, text: str | Callable[[], str]) -> None:
        self._show(text, bold=False)

    def _show(self, text: str | Callable[[], str], *, bold: bool) -> None:
        self._source = text if callable(text) else None
        font = self.font()
        font.setBold(bold)
        self.setFont(font)
        self._render(text() if callable(text) else text)

    def _render(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self._source = None
        self.setText("")
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._source is not None:
            self._render(self._source())
        super().changeEvent(event)


def heading(parent: QWidget | None = None, *, scale: float = 1.4) -> QLabel:
    """A label in a larger, bold version of the system font (so it still scales with it)."""
    label = QLabel(parent)
    font = QFont(label.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def language_combo(parent: QWidget | None = None) -> QComboBox:
    """The staff languages, each in its own name (so anyone can find theirs)."""
    combo = QComboBox(parent)
    for code, name in i18n.LANGUAGES.items():
        combo.addItem(name, code)
    index = combo.findData(i18n.current_language())
    combo.setCurrentIndex(max(index, 0))
    return combo


def centred_column(content: QWidget, max_chars: int) -> QHBoxLayout:
    """Lay `content` out as a readable column (at most `max_chars` wide) in the middle.

    Stretches on both sides rather than an alignment flag, so word-wrapped labels inside keep
    their height-for-width and never get squeezed.
    """
    content.setMaximumWidth(content.fontMetrics().averageCharWidth() * max_chars)
    content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content, 10)
    row.addStretch(1)
    return row


def labelled_rows(
    form: QFormLayout,
    parent: QWidget,
    fields: Iterable[QWidget | tuple[QWidget, QWidget | QLayout]],
) -> dict[QWidget, QLabel]:
    """Add a row per field with a label whose buddy is the field (so Alt+letter reaches it).

    A field may come with the widget or layout to put in the row (a date edit with a button
    beside it). The labels get their text in the screen's `retranslate_ui`.
    """
    labels: dict[QWidget, QLabel] = {}
    for entry in fields:
        field, row = entry if isinstance(entry, tuple) else (entry, entry)
        label = QLabel(parent)
        label.setBuddy(field)
        labels[field] = label
        form.addRow(label, row)
    return labels


def name_rows(labels: dict[QWidget, QLabel], texts: dict[QWidget, tuple[str, str]]) -> None:
    """Give each field of `labelled_rows` its label text and the name a screen reader says.

    `texts` maps a field to (label with its &-mnemonic, accessible name); called from
    `retranslate_ui`, so both follow a language switch.
    """
    for field, (label, name) in texts.items():
        labels[field].setText(label)
        field.setAccessibleName(name)
