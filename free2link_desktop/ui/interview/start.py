"""Starting a screening: which guide, and in which language the person will hear it.

Each language shows its status in the chosen guide (source, reviewed or draft translation), so
the interviewer knows before starting whether an interpreter should check the wording; a
language the guide lacks is listed but cannot be chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import _, current_language, ngettext
from free2link_desktop.i18n.formatting import language_code_for
from free2link_desktop.ui.interview import engine_api
from free2link_desktop.ui.interview.texts import (
    INTERVIEWEE_LANGUAGES,
    language_label,
    pick,
    status_label,
)
from free2link_desktop.ui.language import Retranslating

ROLE = Qt.ItemDataRole.UserRole


def expected_minutes(questions: int) -> int:
    """A rough length to plan the room and the interpreter: half a minute a question, rounded
    to five minutes (at least five), since skip logic hides some and others take longer."""
    return max(5, 5 * round(questions / 2 / 5))


class StartInterviewDialog(Retranslating, QDialog):
    """Choose the guide and the interviewee's language, then start the screening."""

    def __init__(
        self,
        session: Any,
        case_code: str,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._code = case_code
        # the newest version of each guide, shipped with the app or installed by a coordinator
        self.guides = session.screenings.offered(engine_api.bundled_guides(folder))
        self.file_problems = engine_api.guide_file_problems(folder)
        self.screening_id: int | None = None
        self._case_languages = session.cases.get(case_code, audit=False).languages
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.guide_label = QLabel(self)
        self.guide_list = QListWidget(self)
        self.guide_label.setBuddy(self.guide_list)
        # long titles (Greek, Polish) wrap instead of hiding their length behind a scroll bar
        self.guide_list.setWordWrap(True)
        self.guide_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.guide_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.language_label = QLabel(self)
        self.language_list = QListWidget(self)
        self.language_label.setBuddy(self.language_list)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setVisible(bool(self.file_problems))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for widget in (
            self.intro,
            self.guide_label,
            self.guide_list,
            self.language_label,
            self.language_list,
            self.note,
            self.problems,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.guide_list.currentRowChanged.connect(self._fill_languages)
        self.language_list.currentItemChanged.connect(self._update_note)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        for guide in self.guides:
            item = QListWidgetItem(self.guide_list)
            item.setData(ROLE, guide)
        self.retranslate_ui()
        if self.guides:
            self.guide_list.setCurrentRow(0)
        self.guide_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(self.fontMetrics().horizontalAdvance("m") * 48, self.sizeHint().height())

    def selected_guide(self) -> Any | None:
        item = self.guide_list.currentItem()
        return item.data(ROLE) if item is not None else None

    def selected_language(self) -> str | None:
        item = self.language_list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return cast(str, item.data(ROLE))

    def select_language(self, code: str) -> None:
        for row in range(self.language_list.count()):
            if self.language_list.item(row).data(ROLE) == code:
                self.language_list.setCurrentRow(row)

    def _case_language(self, guide: Any | None) -> str | None:
        """The first language of the case (in the order staff wrote them) that the guide has."""
        if guide is None:
            return None
        offered = [code for code in INTERVIEWEE_LANGUAGES if guide.language_status(code)]
        for written in self._case_languages:
            code = language_code_for(written, offered)
            if code is not None:
                return code
        return None

    def _fill_languages(self, _row: int = -1) -> None:
        guide = self.selected_guide()
        # what the interviewer chose stays chosen when they look at another guide; else the
        # person's own language from the case; never the staff language by default: a
        # screening read in a language the person does not speak is worse than none
        previous = self.selected_language() or self._case_language(guide)
        self.language_list.clear()
        for code in INTERVIEWEE_LANGUAGES:
            status = guide.language_status(code) if guide is not None else None
            item = QListWidgetItem(
                _("{language} — {status}").format(
                    language=language_label(code), status=status_label(status)
                ),
                self.language_list,
            )
            item.setData(ROLE, code)
            if status is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if previous is not None:
            self.select_language(previous)
        self._update_note()

    def _update_note(self, *_args: object) -> None:
        guide = self.selected_guide()
        code = self.selected_language()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(guide is not None and code is not None)
        if guide is None:
            self.note.setText(_("No interview guide is installed."))
        elif code is not None and guide.language_status(code) == "draft":
            self.note.setText(
                _(
                    "This translation is a draft: its questions are marked on screen. "
                    "Where you can, check the wording with an interpreter."
                )
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    def start(self) -> None:
        guide = self.selected_guide()
        code = self.selected_language()
        if guide is None or code is None:
            return
        ref = str(guide.path) if guide.path is not None else guide.sha256  # kept in the workspace
        record = self._session.screenings.start(self._code, ref, code)
        self.screening_id = record.id
        self.accept()

    def retranslate_ui(self) -> None:
        staff = current_language()
        self.setWindowTitle(_("New screening"))
        self.intro.setText(
            _(
                "Case {code}: choose the interview guide and the language the person will hear."
            ).format(code=self._code)
        )
        self.problems.setText(
            "\n".join([_("These guide files have errors and were left out:"), *self.file_problems])
        )
        self.guide_label.setText(_("Interview &guide"))
        self.guide_list.setAccessibleName(_("Interview guide"))
        self.language_label.setText(_("Interviewee's &language"))
        self.language_list.setAccessibleName(_("Interviewee's language"))
        for row in range(self.guide_list.count()):
            item = self.guide_list.item(row)
            guide = item.data(ROLE)
            count = sum(1 for q in guide.questions if q.takes_answer)
            minutes = expected_minutes(count)
            item.setText(
                ngettext(
                    "{title} (version {version}, {count} question, about {minutes} minutes)",
                    "{title} (version {version}, {count} questions, about {minutes} minutes)",
                    count,
                ).format(
                    title=pick(guide.title, staff),
                    version=guide.version,
                    count=count,
                    minutes=minutes,
                )
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start the interview"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        if self.guide_list.count():
            self._fill_languages()
        else:
            self._update_note()


def start_screening(
    session: Any, case_code: str, parent: QWidget | None = None, *, folder: Path | None = None
) -> int | None:
    """Ask for the guide and language, start the screening; its id, or None if cancelled."""
    dialog = StartInterviewDialog(session, case_code, parent, folder=folder)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.screening_id
        return None
    finally:
        dialog.deleteLater()
