"""`XlsformImportDialog`: read an XLSForm, show what was kept, changed and skipped, then save.

Nothing is written until the person has seen the preview and chosen where the guide goes; the
form is read on a worker thread (a large form takes a second or two). Saving writes the guide
and its indicator library beside it; installing it for screenings stays a coordinator's
separate, audited step (Workspace menu).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_, _, current_language, ngettext
from free2link_desktop.services.forms import (
    XlsformImport,
    library_name,
    read_xlsform,
    save_import,
)
from free2link_desktop.ui.file_choice import choose_open_path, choose_save_path, confirm_replacing
from free2link_desktop.ui.language import Retranslating, set_accessible
from free2link_desktop.ui.tasks import TaskRunner

STATUS_NAMES = {"source": N_("source"), "draft": N_("draft"), "reviewed": N_("reviewed")}
KIND_NAMES = {"kept": N_("Kept"), "changed": N_("Changed"), "skipped": N_("Skipped")}
#: changed and skipped first: they are what a person must check
_ORDER = {"skipped": 0, "changed": 1, "kept": 2}


class XlsformImportDialog(Retranslating, QDialog):
    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.imported: XlsformImport | None = None
        self.error_text = ""
        self.saved: list[Path] = []
        self.setMinimumSize(760, 480)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.choose = QPushButton(self)
        self.choose.clicked.connect(self.choose_form)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        layout.addLayout(top)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.notes = QTreeWidget(self)
        self.notes.setRootIsDecorated(False)
        self.notes.setAlternatingRowColors(True)
        self.notes.setColumnCount(4)
        self.notes.setWordWrap(True)
        header = self.notes.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.notes, 1)
        self.detail = QLabel(self)  # the chosen row in full (the list cuts long lines)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.currentItemChanged.connect(self._show_detail)
        layout.addWidget(self.detail)
        self.buttons = QDialogButtonBox(self)
        self.save = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setEnabled(False)
        self.save.clicked.connect(self.choose_target)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.form: Path | None = None
        self.retranslate_ui()

    # -- reading -------------------------------------------------------------------------------
    def choose_form(self) -> None:
        chosen = choose_open_path(
            self, _("Import an XLSForm"), QDir.homePath(), _("XLSForms (*.xlsx *.xls)")
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, form: Path) -> None:
        """Read `form` on a worker; the preview fills in when it is done."""
        self.form, self.imported, self.error_text = form, None, ""
        self.save.setEnabled(False)
        self.choose.setEnabled(False)
        self.notes.clear()
        self.summary.setText(_("Reading {file}…").format(file=form.name))
        self._show_file()
        self.runner.run(lambda: read_xlsform(form), self._loaded, self._refused)

    def _loaded(self, result: XlsformImport) -> None:
        self.imported = result
        self.choose.setEnabled(True)
        self.save.setEnabled(True)
        self._fill()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Free2LinkError | OSError):
            raise error
        self.choose.setEnabled(True)
        self.error_text = str(error)
        self._fill()

    # -- showing -------------------------------------------------------------------------------
    def _show_file(self) -> None:
        name = str(self.form) if self.form else _("No form chosen yet.")
        self.file_label.setText(_("Form: {file}").format(file=name))

    def _fill(self) -> None:
        self.notes.clear()
        self.detail.clear()
        if self.imported is None:
            if self.error_text:
                self.summary.setText(
                    _("This form cannot be imported. {reason}").format(reason=self.error_text)
                )
            return
        guide = self.imported.questionnaire
        imported = self.imported.imported
        lang = current_language()
        questions = len(guide.questions)
        counts = _("kept: {kept}, changed: {changed}, skipped: {skipped}").format(
            kept=imported.count("kept"),
            changed=imported.count("changed"),
            skipped=imported.count("skipped"),
        )
        lines = [
            ngettext(
                "{title}: {count} question in {sections} sections",
                "{title}: {count} questions in {sections} sections",
                questions,
            ).format(title=guide.title.get(lang), count=questions, sections=len(guide.sections)),
            _("Languages: {languages}").format(
                languages=", ".join(
                    f"{code} ({_(STATUS_NAMES.get(status, status))})"
                    for code, status in guide.languages.items()
                )
            ),
            counts,
        ]
        if not guide.library.indicators:
            lines.append(
                _("The guide has no indicators: its result will say that it records answers only.")
            )
        self.summary.setText("\n".join(lines))
        notes = sorted(imported.notes, key=lambda n: _ORDER.get(n.kind, 3))
        for note in notes:
            item = QTreeWidgetItem(
                [
                    _(KIND_NAMES[note.kind]),
                    _isolated(note.where()),
                    _isolated(note.name),
                    _isolated(note.message()),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, note.kind)
            if note.kind != "kept":  # what a person must check stands out
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            item.setToolTip(3, note.message())
            self.notes.addTopLevelItem(item)
        for column in range(3):
            self.notes.resizeColumnToContents(column)

    def _show_detail(self, item: QTreeWidgetItem | None, *_previous: object) -> None:
        if item is None:
            self.detail.clear()
            return
        self.detail.setText(
            _("{where}, {question}: {details}").format(
                where=item.text(1), question=item.text(2), details=item.text(3)
            )
        )

    # -- saving --------------------------------------------------------------------------------
    def choose_target(self) -> None:
        if self.imported is None or self.form is None:
            return
        suggested = self.form.with_suffix(".yaml")
        chosen = choose_save_path(
            self,
            _("Save the interview guide"),
            str(suggested),
            _("Interview guides (*.yaml)"),
            workspace=None,  # no session here: the door still refuses any workspace folder
            default_suffix="yaml",
        )
        if not chosen:
            return
        # Qt's save dialog has asked before replacing the file it was given; anything else that
        # would be replaced (the library beside it, or the guide when ".yaml" was added here) is
        # ours to ask about
        out = chosen.path
        if out.suffix.lower() not in (".yaml", ".yml"):
            out = out.with_name(out.name + ".yaml")
        library = out.with_name(library_name(out))
        confirmed = {chosen.path} if chosen.overwrite else set()
        unasked = [p for p in (out, library) if p.exists() and p not in confirmed]
        if unasked and not confirm_replacing(self, _("Save the interview guide"), unasked):
            return
        self.save_to(out, force=out.exists() or library.exists())

    def save_to(self, out: Path, *, force: bool = False) -> None:
        """Write the guide (and its indicator library) to `out` (the save dialog's choice)."""
        result = self.imported
        if result is None:
            return
        try:
            self.saved = save_import(result, out, force=force)
        except (Free2LinkError, OSError) as error:
            QMessageBox.warning(self, _("Save the interview guide"), str(error))
            return
        QMessageBox.information(
            self,
            _("Save the interview guide"),
            _(
                "Saved {guide} and its indicator library {library}. To offer it for new "
                "screenings, a coordinator installs it: Workspace menu, Install an interview "
                "guide."
            ).format(guide=self.saved[0], library=self.saved[1].name),
        )
        self.accept()

    def visible_notes(self) -> list[list[str]]:
        """The preview rows as shown: what, where, question, details (without the isolates)."""
        out = []
        for i in range(self.notes.topLevelItemCount()):
            item = self.notes.topLevelItem(i)
            if item is not None:
                out.append([item.text(c).strip("\u2068\u2069") for c in range(4)])
        return out

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import an XLSForm"))
        self.choose.setText(_("&Choose a form…"))
        self.save.setText(_("&Save as a guide…"))
        self.notes.setHeaderLabels([_("What"), _("Where"), _("Question"), _("Details")])
        set_accessible(self.notes, _("What the import kept, changed and skipped"))
        set_accessible(self.summary, _("Summary of the import"))
        self._show_file()
        if self.imported is not None or self.error_text:
            self._fill()


def _isolated(text: str) -> str:
    """`text` as a bidi isolate (FSI … PDI): its direction comes from its own first letter, so
    an English expression inside an Arabic screen keeps its quotes and brackets in place."""
    return f"\u2068{text}\u2069" if text else text


def open_import_dialog(parent: QWidget | None = None) -> Any:
    """The library's "Import XLSForm…": choose a form, then the preview."""
    dialog = XlsformImportDialog(parent)
    dialog.choose_form()
    if dialog.form is None:
        dialog.deleteLater()
        return None
    dialog.exec()
    return dialog
