"""The question as the interviewer reads it: staff language first, the interviewee's beneath.

The interviewee's text is laid out in its own direction (right-to-left for Arabic) whatever the
staff language, with the draft-translation badge where the guide marks that language `draft`.
Interviewer-only questions are shown as observations: no second language, not read out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from free2link_desktop.core.questionnaire.model import Question
from free2link_desktop.i18n import _
from free2link_desktop.ui.interview.answers import scaled_font
from free2link_desktop.ui.interview.texts import has_text, is_rtl, language_label, pick
from free2link_desktop.ui.interview.widgets import Badge, DraftBadge

LONG_TEXT = 160
RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


class QuestionView(QWidget):
    """Shows one question's text in the staff and the interviewee language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self.observation = Badge("", self)
        # when staff and interviewee share a language, the one text shown is the draft
        self.same_language_badge = DraftBadge(self)
        self.staff_text = QLabel(self)
        self.staff_text.setWordWrap(True)
        self.staff_text.setFont(scaled_font(self.font(), 1.45, bold=True))
        self.staff_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.interviewee_box = QFrame(self)
        self.interviewee_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.interviewee_box.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.interviewee_box.setAutoFillBackground(True)
        box = QVBoxLayout(self.interviewee_box)
        header = QHBoxLayout()
        self.language = QLabel(self.interviewee_box)
        self.language.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.badge = DraftBadge(self.interviewee_box)
        header.addWidget(self.language)
        header.addSpacing(12)
        header.addWidget(self.badge)
        header.addStretch(1)
        self.interviewee_text = QLabel(self.interviewee_box)
        self.interviewee_text.setWordWrap(True)
        self.interviewee_text.setFont(scaled_font(self.font(), 1.45))
        self.interviewee_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addLayout(header)
        box.addWidget(self.interviewee_text)

        layout.addWidget(self.observation, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.same_language_badge, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.staff_text)
        layout.addWidget(self.interviewee_box)
        self._question: Question | None = None
        self._staff_language = "en"
        self._interviewee_language = "en"
        self._status: str | None = None

    def show_question(
        self,
        question: Question,
        staff_language: str,
        interviewee_language: str,
        status: str | None,
    ) -> None:
        """Show `question` (an engine Question); `status` is the guide's status for the language."""
        self._question = question
        self._staff_language = staff_language
        self._interviewee_language = interviewee_language
        self._status = status
        self.retranslateUi()

    def retranslateUi(self) -> None:
        question = self._question
        if question is None:
            return
        audience = getattr(question, "audience", "interviewee")
        for_interviewer = audience == "interviewer"
        kind = getattr(question, "type", "")
        self.observation.setVisible(for_interviewer or kind == "note")
        if for_interviewer:
            self.observation.setText(_("Observation — for you, not to be read out"))
        else:
            self.observation.setText(_("Information to share — no answer needed"))
        self.observation.setAccessibleName(self.observation.text())

        staff = pick(question.text, self._staff_language)
        self.staff_text.setText(staff)
        # a short question stands out in bold; a long passage (a note) is easier to read plain
        font = self.staff_text.font()
        font.setBold(len(staff) <= LONG_TEXT)
        self.staff_text.setFont(font)
        self.staff_text.setAccessibleName(_("Question: {text}").format(text=staff))

        other = self._interviewee_language
        show_other = not for_interviewer and other != self._staff_language
        self.interviewee_box.setVisible(show_other)
        self.same_language_badge.retranslateUi()
        self.same_language_badge.setVisible(
            not for_interviewer
            and not show_other
            and self._status == "draft"
            and has_text(question.text, other)
        )
        if not show_other:
            return
        self.language.setText(language_label(other))
        if has_text(question.text, other):
            text = pick(question.text, other, fallback=False)
            direction = RTL if is_rtl(other) else LTR
            self.interviewee_text.setText(text)
            self.badge.setVisible(self._status == "draft")
        else:
            text = _("Not translated into this language — interpret from the text above.")
            direction = self.layoutDirection()
            self.interviewee_text.setText(text)
            self.badge.setVisible(False)
        self.interviewee_text.setLayoutDirection(direction)
        self.interviewee_text.setAlignment(
            Qt.AlignmentFlag.AlignAbsolute
            | (Qt.AlignmentFlag.AlignRight if direction == RTL else Qt.AlignmentFlag.AlignLeft)
        )
        self.interviewee_text.setAccessibleName(
            _("Question in {language}: {text}").format(language=language_label(other), text=text)
        )
        self.badge.retranslateUi()
