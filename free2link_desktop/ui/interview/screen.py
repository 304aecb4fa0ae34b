"""The guided interview: one question at a time, every answer saved the moment it is given.

`InterviewScreen(session, screening_id)` resumes the screening at its saved position (so after
an auto-lock a new screen opens on the same question) and talks only to `session.screenings`
and `session.settings`. It shows the result itself when the interview is finished, and tells its
host what happened through signals: `paused`, `stopped`, `finished(result)`,
`referral_requested(screening_id)` and `closed` (the person left the result page).
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.questionnaire.answer_words import YES_NO_VALUES, answer_word
from free2link_desktop.i18n import _, current_language
from free2link_desktop.ui.fonts import register_bundled_fonts
from free2link_desktop.ui.interview import engine_api
from free2link_desktop.ui.interview.answers import (
    AnswerWidget,
    NoteAnswer,
    make_answer_widget,
)
from free2link_desktop.ui.interview.choices import Choice
from free2link_desktop.ui.interview.contacts import centre_contact, country_entries, number_lines
from free2link_desktop.ui.interview.flow import InterviewFlow
from free2link_desktop.ui.interview.guidance import GuidancePanel
from free2link_desktop.ui.interview.question_view import QuestionView
from free2link_desktop.ui.interview.result_view import ResultView
from free2link_desktop.ui.interview.screen_ui import setup_ui
from free2link_desktop.ui.interview.stop_bar import StopBar
from free2link_desktop.ui.interview.texts import language_label, ltr_isolate, pick
from free2link_desktop.ui.interview.urgent import UrgentPanel
from free2link_desktop.ui.interview.widgets import ProblemLine, SectionProgress

INTERVIEW_PAGE, URGENT_PAGE, RESULT_PAGE = range(3)
#: answers typed (and saved as typed): their urgency is checked on Enter or on moving on
TYPED = ("integer", "text", "date")


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _reason(error: Free2LinkError, question: Any) -> str:
    """Why an answer was refused, in words an interviewer can act on."""
    params = getattr(error, "reason_params", {}) or {}
    if "rule" in params:
        return _(
            "{value} is outside what this question accepts ({rule}). Check it with the person."
        ).format(value=params.get("value", ""), rule=ltr_isolate(str(params["rule"])))
    if question.type == "integer" and "limit" not in params:  # "limit": a number too large
        return _("Type a whole number, for example 27.")
    reason = getattr(error, "reason", None)
    return reason() if callable(reason) else error.message()


class InterviewScreen(QWidget):
    """A screening in progress, driven entirely from the keyboard if need be."""

    paused = Signal()
    stopped = Signal()
    finished = Signal(object)
    referral_requested = Signal(int)
    closed = Signal()

    # created by setup_ui() (screen_ui.py), declared here so their types are known
    title: QLabel
    pause_button: QPushButton
    stop_button: QPushButton
    section_label: QLabel
    progress: SectionProgress
    stop_bar: StopBar
    pages: QStackedWidget
    splitter: QSplitter
    question_view: QuestionView
    answer_host: QVBoxLayout
    problem: ProblemLine
    card_scroll: QScrollArea
    guidance: GuidancePanel
    urgent: UrgentPanel
    result_view: ResultView
    footer: QWidget
    back_button: QPushButton
    saved_label: QLabel
    next_button: QPushButton

    def __init__(self, session: Any, screening_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        register_bundled_fonts()  # Urdu and Pashto letters the system fonts may lack
        self._session = session
        self.screening_id = screening_id
        self._screenings = session.screenings
        self._record = self._screenings.get(screening_id)
        self.questionnaire = self._screenings.questionnaire_for(self._record)
        self.flow = InterviewFlow(
            self.questionnaire, self._screenings.answers(screening_id), engine_api.relevant_ids
        )
        self.interviewee_language = self._record.interviewee_language
        self._position: str | None = self._record.current_question
        self._index: int | None = None
        self._answer: AnswerWidget = NoteAnswer(self)
        self._answer_shortcuts: list[QShortcut] = []
        self._warned_for: str | None = None
        self._urgent_seen: set[tuple[str, str]] = set()
        self._urgent_question = ""
        self.result: Any = None
        self._build()
        self._bind_keys()
        finished = self._record.status in ("completed", "stopped")
        if finished or not session.can("screening.run"):
            # a caseworker may read where an open screening stands, not answer for it
            self._show_result(self._screenings.result(screening_id))
        else:
            self._show(self.flow.resume_index(self._position))

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        setup_ui(self)
        self.pause_button.clicked.connect(self.pause)
        self.stop_button.clicked.connect(self.stop_bar.ask)
        self.stop_bar.confirmed.connect(self.stop)
        self.next_button.clicked.connect(self.go_next)
        self.back_button.clicked.connect(self.go_back)
        self.urgent.continue_requested.connect(self._urgent_then_continue)
        self.urgent.stop_requested.connect(self._urgent_then_stop)
        self.result_view.referral_requested.connect(
            lambda: self.referral_requested.emit(self.screening_id)
        )
        self.result_view.closed.connect(self.closed)

    def _bind_keys(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (("Ctrl+Return", "PgDown"), self.go_next),
            (("PgUp",), self.go_back),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, context=context)
                shortcut.activated.connect(slot)

    # ----------------------------------------------------------------- showing a question
    def current_question(self) -> Any | None:
        return None if self._index is None else self.flow.questions[self._index]

    def _show(self, index: int | None) -> None:
        if index is None:
            self._finish()
            return
        self._index = index
        self._warned_for = None
        question = self.flow.questions[index]
        staff = current_language()
        section = self.questionnaire.section(question.section_id)
        status = self.questionnaire.language_status(self.interviewee_language)
        self.question_view.show_question(question, staff, self.interviewee_language, status)
        self.guidance.show_guidance(section, question, staff)
        self._replace_answer_widget(question, staff)
        self.problem.clear()
        self.pages.setCurrentIndex(INTERVIEW_PAGE)
        self._update_navigation()
        if question.id != self._position:
            self._screenings.set_position(self.screening_id, question.id)
            self._position = question.id
        self.retranslateUi()
        self._focus_current()

    def _options(self, question: Any, staff: str) -> list[Choice]:
        other = self.interviewee_language
        both = question.audience != "interviewer" and other != staff
        if question.type == "yes_no":
            # the four answers in the person's language, so they can read or point at them
            return [
                Choice(value, "", answer_word(value, other) if both else "")
                for value in YES_NO_VALUES
            ]
        choices = []
        for option in question.options:
            label = pick(option.label, staff)
            theirs = pick(option.label, other, fallback=False) if both else ""
            if theirs == label:
                theirs = ""
            choices.append(Choice(option.value, label, theirs, option.alone))
        return choices

    def _replace_answer_widget(self, question: Any, staff: str) -> None:
        self._answer.flush()
        for shortcut in self._answer_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._answer_shortcuts = []
        self._answer.hide()
        self._answer.deleteLater()
        self._answer = make_answer_widget(question.type, self._options(question, staff), self)
        self._answer.set_value(self.flow.answers.get(question.id))
        self._answer.answered.connect(self._on_answered)
        self._answer.submitted.connect(self._check_urgent)
        self.answer_host.addWidget(self._answer)
        if self.isVisible():
            # a layout shows a new child only on the next event loop pass; show it now so that
            # it takes the focus (and arrow keys find its buttons) at once
            self._answer.show()
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in self._answer.shortcuts():
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, context=context)
                shortcut.activated.connect(slot)
                self._answer_shortcuts.append(shortcut)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        focusable = [
            w
            for w in self._answer.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is self.window()
        ]
        chain = [
            *focusable,
            self.next_button,
            self.back_button,
            self.pause_button,
            self.stop_button,
            self.guidance,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _update_navigation(self) -> None:
        if self._index is None:
            return
        progress = self.flow.progress(self._index)
        staff = current_language()
        titles = [pick(section.title, staff) for section in progress.sections]
        self.progress.set_progress(titles, progress.current, progress.fraction)
        self.section_label.setText(
            _("Section {number} of {total}: {title} — question {question} of {questions}").format(
                number=progress.current + 1,
                total=len(titles),
                title=titles[progress.current],
                question=progress.question_number,
                questions=progress.question_count,
            )
        )
        self.section_label.setAccessibleName(self.section_label.text())
        self.back_button.setEnabled(self.flow.previous_before(self._index) is not None)
        last = self.flow.next_after(self._index) is None
        self.next_button.setText(_("Finish ▸") if last else _("Next ▸"))
        self.next_button.setAccessibleName(
            _("Finish the interview") if last else _("Next question")
        )

    # ----------------------------------------------------------------- answering
    def _on_answered(self, value: Any) -> None:
        question = self.current_question()
        if question is None:
            return
        stored = None if _empty(value) else value
        try:
            self._screenings.save_answer(self.screening_id, question.id, stored)
        except Free2LinkError as error:
            self.problem.show_problem(
                _("Not saved: {reason}").format(reason=_reason(error, question))
            )
            self._set_saved(False)
            return
        self.problem.clear()
        self._warned_for = None
        self.flow.set_answer(question.id, stored)
        self._set_saved(True)
        self._update_navigation()
        if question.type in ("yes_no", "single"):
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if question.type not in TYPED:
            self._check_urgent(question)

    def _check_urgent(self, question: Any | None = None) -> bool:
        """Open the urgent panel if this answer calls for it (once per question and answer).

        Typed answers are checked only when the interviewer presses Enter or moves on: while
        "25" is being typed, the "2" saved on the way must not raise the alarm for a child.
        """
        question = question or self.current_question()
        if question is None or self.pages.currentIndex() != INTERVIEW_PAGE:
            return False
        if not engine_api.urgent_holds(self.questionnaire, question, self.flow.answers):
            return False
        key = (question.id, repr(self.flow.answers.get(question.id)))
        if key in self._urgent_seen:
            return False
        self._urgent_seen.add(key)
        self._open_urgent(question)
        return True

    def _set_saved(self, saved: bool) -> None:
        self.saved_label.setText(_("✓ Saved") if saved else _("✗ Not saved"))
        self.saved_label.setAccessibleName(
            _("The answer is saved") if saved else _("The answer is not saved")
        )

    def flush(self) -> None:
        """Save a pending typed answer now (the host calls this before locking)."""
        self._answer.flush()

    def go_next(self) -> None:
        if self.pages.currentIndex() == RESULT_PAGE:
            self.result_view.scroll_page(1)  # Page Down reads on through the result
            return
        if self.pages.currentIndex() != INTERVIEW_PAGE or self.stop_bar.isVisible():
            return
        self.flush()
        question = self.current_question()
        if question is None:
            return
        if self._warned_for != question.id:
            message = None
            if self.problem.message():
                message = _("{problem} Press Next again to go on without saving it.").format(
                    problem=self.problem.message()
                )
            elif (
                question.required
                and question.type != "note"
                and _empty(self.flow.answers.get(question.id))
            ):
                message = _(
                    "This question is marked as needed. Record an answer (or “Prefer not to "
                    "answer”), or press Next again to go on without one."
                )
            if message:
                self._warned_for = question.id
                self.problem.show_problem(message)
                return
        if self._check_urgent(question):
            return
        self._show(self.flow.next_after(self._index if self._index is not None else -1))

    def go_back(self) -> None:
        if self.pages.currentIndex() == RESULT_PAGE:
            self.result_view.scroll_page(-1)
            return
        if self.pages.currentIndex() != INTERVIEW_PAGE or self._index is None:
            return
        self.flush()
        previous = self.flow.previous_before(self._index)
        if previous is not None:
            self._show(previous)

    # ----------------------------------------------------------------- urgent, pause, stop, end
    def _open_urgent(self, question: Any) -> None:
        staff = current_language()
        country, entries = country_entries(self._session)
        contact = centre_contact(self._session)
        self._urgent_question = question.id
        self.urgent.show_for(entries, country, staff, pick(question.text, staff), contact)
        self.pages.setCurrentIndex(URGENT_PAGE)
        self.footer.setEnabled(False)
        self._enable_answer_keys(False)  # a Y or N now must not change the answer behind it
        self.urgent.focus_first_action()

    def _enable_answer_keys(self, enabled: bool) -> None:
        for shortcut in self._answer_shortcuts:
            shortcut.setEnabled(enabled)

    def _record_urgent(self, action: str) -> bool:
        try:
            self._screenings.record_urgent_action(self.screening_id, self._urgent_question, action)
        except Free2LinkError as error:
            self.urgent.show_problem(error.message())
            return False
        return True

    def _urgent_then_continue(self, action: str) -> None:
        if self._record_urgent(action):
            self._close_urgent()

    def _urgent_then_stop(self, action: str) -> None:
        if self._record_urgent(action):
            self.stop()

    def urgent_visible(self) -> bool:
        return self.pages.currentIndex() == URGENT_PAGE

    def _close_urgent(self) -> None:
        self.pages.setCurrentIndex(INTERVIEW_PAGE)
        self.footer.setEnabled(True)
        self._enable_answer_keys(True)
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def pause(self) -> None:
        self.flush()
        self._screenings.pause(self.screening_id)
        self.paused.emit()

    def stop(self) -> None:
        self.flush()
        self.stop_bar.hide()
        self._screenings.stop(self.screening_id)
        self.stopped.emit()

    def _finish(self) -> None:
        self.flush()
        self._show_result(self._screenings.finish(self.screening_id))
        self.finished.emit(self.result)

    def _show_result(self, result: Any) -> None:
        self.result = result
        self.result_view.show_result(
            self.questionnaire,
            self.result,
            self.flow.answers,
            can_export=self._session.can("report.export"),
            contacts=number_lines(self._session),
        )
        self.pages.setCurrentIndex(RESULT_PAGE)
        for widget in (self.footer, self.pause_button, self.stop_button, self.progress):
            widget.hide()
        self.retranslateUi()  # the title row too, when a finished screening is reopened
        self._update_result_heading()

    def _update_result_heading(self) -> None:
        status = self._screenings.get(self.screening_id).status
        if status == "stopped":
            text = _("The interview was stopped early; this result covers the answers given.")
        elif status == "completed":
            text = _("The interview is finished.")
        else:
            text = _(
                "This interview is not finished; only an interviewer can continue it. "
                "The result covers the answers given so far."
            )
        self.section_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        """When the host puts the screen up, the keyboard goes to the answer, ready to use."""
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return
        self._focus_current()

    def _focus_current(self) -> None:
        page = self.pages.currentIndex()
        if page == RESULT_PAGE:
            self.result_view.body.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page == URGENT_PAGE:
            self.urgent.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(self._answer, NoteAnswer):
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._answer.focus_first()

    # ----------------------------------------------------------------- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi(rebuild=True)
        super().changeEvent(event)

    def retranslateUi(self, rebuild: bool = False) -> None:
        staff = current_language()
        status = self.questionnaire.language_status(self.interviewee_language)
        self.title.setText(
            _("{guide} — interviewee's language: {language}").format(
                guide=pick(self.questionnaire.title, staff),
                language=language_label(self.interviewee_language),
            )
        )
        self.setAccessibleName(_("Interview"))
        self.card_scroll.setAccessibleName(_("Question and answer"))
        self.pause_button.setText(_("&Pause"))
        self.pause_button.setToolTip(_("Pause now and resume later from the case"))
        self.stop_button.setText(_("S&top"))
        self.stop_button.setToolTip(_("Stop the interview (the answers given are kept)"))
        self.back_button.setText(_("◂ Back"))
        self.back_button.setAccessibleName(_("Previous question"))
        self.stop_bar.retranslateUi()
        self.urgent.retranslateUi()
        self.result_view.retranslateUi()
        if rebuild and self._index is not None and self.pages.currentIndex() != RESULT_PAGE:
            question = self.flow.questions[self._index]
            section = self.questionnaire.section(question.section_id)
            self.question_view.show_question(question, staff, self.interviewee_language, status)
            self.guidance.show_guidance(section, question, staff)
            self._replace_answer_widget(question, staff)
            self._update_navigation()
        if self.saved_label.text():
            self._set_saved(self.saved_label.text().startswith("✓"))
