"""The interview screen's widgets and layout (as Qt Designer's `setupUi` would build them).

Kept apart from the behaviour in screen.py so each file stays small: header (title, Pause,
Stop), section line and progress, the inline stop question, then three pages (the question
with its guidance beside it, the urgent panel, the result) and the footer (Back, saved, Next).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.ui.interview.answers import scaled_font
from free2link_desktop.ui.interview.guidance import GuidancePanel
from free2link_desktop.ui.interview.question_view import QuestionView
from free2link_desktop.ui.interview.result_view import ResultView
from free2link_desktop.ui.interview.stop_bar import StopBar
from free2link_desktop.ui.interview.urgent import UrgentPanel
from free2link_desktop.ui.interview.widgets import ProblemLine, SectionProgress

if TYPE_CHECKING:
    from free2link_desktop.ui.interview.screen import InterviewScreen


def setup_ui(screen: InterviewScreen) -> None:
    """Create the screen's child widgets as attributes of `screen` and lay them out."""
    root = QVBoxLayout(screen)
    header = QHBoxLayout()
    screen.title = QLabel(screen)
    screen.title.setFont(scaled_font(screen.font(), 1.1, bold=True))
    screen.title.setWordWrap(True)
    screen.pause_button = QPushButton(screen)
    screen.stop_button = QPushButton(screen)
    for button in (screen.pause_button, screen.stop_button):
        button.setAutoDefault(True)
        button.setMinimumHeight(button.fontMetrics().height() * 2)
    header.addWidget(screen.title, 1)
    header.addWidget(screen.pause_button)
    header.addWidget(screen.stop_button)
    screen.section_label = QLabel(screen)
    screen.section_label.setWordWrap(True)
    screen.progress = SectionProgress(screen)
    screen.stop_bar = StopBar(screen)

    screen.pages = QStackedWidget(screen)
    screen.splitter = QSplitter(Qt.Orientation.Horizontal, screen.pages)
    card = QWidget(screen.splitter)
    card_layout = QVBoxLayout(card)
    screen.question_view = QuestionView(card)
    screen.answer_host = QVBoxLayout()
    screen.problem = ProblemLine(card)
    card_layout.addWidget(screen.question_view)
    card_layout.addSpacing(12)
    card_layout.addLayout(screen.answer_host)
    card_layout.addWidget(screen.problem)
    card_layout.addStretch(1)
    screen.card_scroll = QScrollArea(screen.splitter)
    screen.card_scroll.setWidgetResizable(True)
    screen.card_scroll.setWidget(card)
    screen.guidance = GuidancePanel(screen.splitter)
    screen.splitter.addWidget(screen.card_scroll)
    screen.splitter.addWidget(screen.guidance)
    screen.splitter.setStretchFactor(0, 3)
    screen.splitter.setStretchFactor(1, 1)
    screen.splitter.setChildrenCollapsible(False)
    em = screen.fontMetrics().horizontalAdvance("m")
    screen.guidance.setMinimumWidth(em * 18)
    screen.splitter.setSizes([em * 60, em * 26])
    screen.urgent = UrgentPanel(screen.pages)
    screen.result_view = ResultView(screen.pages)
    screen.pages.addWidget(screen.splitter)
    screen.pages.addWidget(screen.urgent)
    screen.pages.addWidget(screen.result_view)

    screen.footer = QWidget(screen)
    footer = QHBoxLayout(screen.footer)
    footer.setContentsMargins(0, 0, 0, 0)
    screen.back_button = QPushButton(screen.footer)
    screen.saved_label = QLabel(screen.footer)
    screen.next_button = QPushButton(screen.footer)
    for button in (screen.back_button, screen.next_button):
        button.setAutoDefault(True)
        button.setMinimumHeight(button.fontMetrics().height() * 2)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("M") * 8)
    footer.addWidget(screen.back_button)
    footer.addStretch(1)
    footer.addWidget(screen.saved_label)
    footer.addStretch(1)
    footer.addWidget(screen.next_button)

    root.addLayout(header)
    root.addWidget(screen.section_label)
    root.addWidget(screen.progress)
    root.addWidget(screen.stop_bar)
    root.addWidget(screen.pages, 1)
    root.addWidget(screen.footer)
