"""The side panel: how to ask — the section's guidance and the question's, for the interviewer.

Guidance is interviewer-only text (trauma-informed advice on wording and pace); it stays in the
staff language and is never read out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from free2link_desktop.i18n import _
from free2link_desktop.ui.interview.answers import scaled_font
from free2link_desktop.ui.interview.texts import pick


class GuidancePanel(QScrollArea):
    """Section and question guidance in a scrollable column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        self.heading = QLabel(inner)
        self.heading.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.section_heading = QLabel(inner)
        self.section_heading.setFont(scaled_font(self.font(), 1.0, bold=True))
        self.section_text = QLabel(inner)
        self.question_heading = QLabel(inner)
        self.question_heading.setFont(scaled_font(self.font(), 1.0, bold=True))
        self.question_text = QLabel(inner)
        for label in (self.section_heading, self.section_text, self.question_heading):
            label.setWordWrap(True)
        self.question_text.setWordWrap(True)
        for label in (self.section_text, self.question_text):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.section_heading)
        layout.addWidget(self.section_text)
        layout.addSpacing(8)
        layout.addWidget(self.question_heading)
        layout.addWidget(self.question_text)
        layout.addStretch(1)
        self.setWidget(inner)
        self._section: object = None
        self._question: object = None
        self._language = "en"
        self.retranslateUi()

    def show_guidance(self, section: object, question: object, language: str) -> None:
        self._section = section
        self._question = question
        self._language = language
        self.retranslateUi()

    def section_guidance(self) -> str:
        return self.section_text.text()

    def retranslateUi(self) -> None:
        self.heading.setText(_("Guidance"))
        self.setAccessibleName(_("Guidance for the interviewer"))
        section_text = pick(getattr(self._section, "guidance", None), self._language)
        question_text = pick(getattr(self._question, "guidance", None), self._language)
        title = pick(getattr(self._section, "title", None), self._language)
        self.section_heading.setText(_("This section: {title}").format(title=title))
        self.section_heading.setVisible(bool(section_text))
        self.section_text.setText(section_text)
        self.section_text.setVisible(bool(section_text))
        self.question_heading.setText(_("This question"))
        self.question_heading.setVisible(bool(question_text))
        self.question_text.setText(question_text)
        self.question_text.setVisible(bool(question_text))
