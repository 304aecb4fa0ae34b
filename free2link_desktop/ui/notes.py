"""Case notes, saved as you type: nothing is ever lost to a forgotten Save button.

Typing restarts a short single-shot timer (AUTOSAVE_MS, under the 1 s the specification allows);
when it fires the note is written in one transaction by the service. `flush()` saves at once and
is called before the screen locks, the case closes or the window closes. A failed save (disk
full, read-only folder) keeps the text in the editor, says so, and tries again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import _, ngettext
from free2link_desktop.ui.formatting import fmt_datetime, isolate
from free2link_desktop.ui.language import Retranslating

AUTOSAVE_MS = 700
RETRY_MS = 5000


class NotesPanel(Retranslating, QWidget):
    def __init__(self, session: Any, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes_panel")
        self._session = session
        self._code = case_code
        self._notes: list[Any] = []
        self._current: Any = None  # the Note being edited, None for a new unsaved one
        self._saved_text = ""
        self._loading = False
        self._error = ""
        can_edit = session.can("note.edit")

        self.list = QListWidget(self)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton(self)
        self.new_button.setVisible(can_edit)
        # QTextEdit (plain text only) rather than QPlainTextEdit: it lays out each paragraph in
        # its own direction, so an Arabic note reads from the right even on an English screen.
        self.editor = QTextEdit(self)
        self.editor.setAcceptRichText(False)
        self.editor.setReadOnly(not can_edit)
        self.editor.setTabChangesFocus(True)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.history_button = QPushButton(self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        row.addWidget(self.history_button)
        right_layout.addLayout(row)
        right_layout.addWidget(self.state)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setTabOrder(self.list, self.new_button)
        self.setTabOrder(self.new_button, self.editor)
        self.setTabOrder(self.editor, self.history_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._typed)
        self.list.currentRowChanged.connect(self._select)
        self.new_button.clicked.connect(self.start_new_note)
        self.history_button.clicked.connect(self.show_history)
        self.retranslate_ui()
        self.reload()

    # -- text --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.new_button.setText(_("New &note"))
        self.history_button.setText(_("Earlier &versions…"))
        self.list.setAccessibleName(_("Notes"))
        self.new_button.setAccessibleName(_("New note"))
        self.editor.setAccessibleName(_("Note text"))
        self.editor.setPlaceholderText(_("Write the note here. It is saved as you type."))
        self.history_button.setAccessibleName(_("Earlier versions of the note"))
        for row, note in enumerate(self._notes):
            item = self.list.item(row)
            if item is not None:
                item.setText(_list_text(note))
        self._show_info()
        self._show_state()

    def _show_info(self) -> None:
        note = self._current
        if note is None:
            self.info.setText(_("New note, not saved yet."))
            self.history_button.setEnabled(False)
            return
        versions = (
            ngettext("{n} earlier version", "{n} earlier versions", note.revision_count).format(
                n=note.revision_count
            )
            if note.revision_count
            else _("no earlier versions")
        )
        self.info.setText(
            _("Written by {author} · {created}\nLast saved {updated} · {versions}").format(
                author=isolate(note.author),
                created=isolate(fmt_datetime(note.created_at)),
                updated=isolate(fmt_datetime(note.updated_at)),
                versions=versions,
            )
        )
        self.history_button.setEnabled(note.revision_count > 0)

    def _show_state(self) -> None:
        if self._error:
            self.state.setText(
                _("Not saved yet: {reason}. The text is kept here and saved again shortly.").format(
                    reason=self._error
                )
            )
        elif self._timer.isActive():
            self.state.setText(_("Saving…"))
        elif self._current is not None:
            self.state.setText(_("All changes saved."))
        else:
            self.state.setText("")

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._notes = list(self._session.notes.list(self._code))
        self.list.blockSignals(True)
        self.list.clear()
        for note in self._notes:
            QListWidgetItem(_list_text(note), self.list)
        self.list.blockSignals(False)
        if self._notes:
            self.list.setCurrentRow(0)
            self._select(0)
        else:
            self.start_new_note()

    def _select(self, row: int) -> None:
        before = len(self._notes)
        self.flush()
        if len(self._notes) > before:  # the unsaved new note was just inserted at the top
            row += 1
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        self._current = self._notes[row] if 0 <= row < len(self._notes) else None
        self._load_editor(self._current.text if self._current else "")

    def start_new_note(self) -> None:
        self.flush()
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._current = None
        self._load_editor("")
        self.editor.setFocus()

    def _load_editor(self, text: str) -> None:
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self._saved_text = text
        self._show_info()
        self._show_state()

    # -- saving ------------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._loading:
            return
        self._timer.start(AUTOSAVE_MS)
        self._show_state()

    @property
    def has_unsaved_text(self) -> bool:
        return self.editor.toPlainText() != self._saved_text

    def flush(self) -> bool:
        """Save the editor's text now if it changed; True when nothing is left unsaved."""
        self._timer.stop()
        text = self.editor.toPlainText()
        if text == self._saved_text or (self._current is None and not text.strip()):
            self._show_state()
            return True
        try:
            if self._current is None:
                note = self._session.notes.add(self._code, text)
                self._notes.insert(0, note)
                self.list.blockSignals(True)
                self.list.insertItem(0, _list_text(note))
                self.list.setCurrentRow(0)
                self.list.blockSignals(False)
            else:
                note = self._session.notes.update(self._current.id, text)
                row = self._notes.index(self._current)
                self._notes[row] = note
                item = self.list.item(row)
                if item is not None:
                    item.setText(_list_text(note))
        except (Free2LinkError, OSError) as error:
            self._error = error.message() if isinstance(error, Free2LinkError) else str(error)
            self._timer.start(RETRY_MS)
            self._show_state()
            return False
        self._error = ""
        self._current = note
        self._saved_text = text
        self._show_info()
        self._show_state()
        return True

    def show_history(self) -> None:
        if self._current is None:
            return
        self.flush()
        revisions = list(self._session.notes.history(self._current.id))
        NoteHistoryDialog(revisions, self).exec()


class NoteHistoryDialog(Retranslating, QDialog):
    """The earlier versions of one note, newest first, read-only."""

    def __init__(self, revisions: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revisions = revisions
        self.list = QListWidget(self)
        self.text = QTextEdit(self)
        self.text.setAcceptRichText(False)
        self.text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._show)
        self.retranslate_ui()
        if revisions:
            self.list.setCurrentRow(0)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Earlier versions"))
        self.list.setAccessibleName(_("Earlier versions"))
        self.text.setAccessibleName(_("Text of this version"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        row = self.list.currentRow()
        self.list.clear()
        for revision in self._revisions:
            self.list.addItem(
                _("{saved} by {author}").format(
                    saved=fmt_datetime(revision.saved_at), author=revision.author
                )
            )
        self.list.setCurrentRow(row)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._revisions):
            self.text.setPlainText(self._revisions[row].text)


def _list_text(note: Any) -> str:
    first_line = (note.text.strip().splitlines() or [""])[0]
    when = fmt_datetime(note.updated_at, "short")
    return f"{when} · {isolate(note.author)} — {isolate(first_line)}"
