"""The staff language switches while an interview is open: texts re-read, direction follows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from free2link_desktop.ui.interview.screen import InterviewScreen
from free2link_desktop.ui.language import apply_language
from tests.ui.interview.conftest import GUIDE
from tests.ui.interview.keys import press, show

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


@pytest.fixture
def restore_english() -> Iterator[None]:
    yield
    apply_language("en")


def test_switch_to_italian_and_arabic_and_back(
    qtbot: Any, session: Any, case_code: str, restore_english: None
) -> None:
    screening_id = session.screenings.start(case_code, str(GUIDE), "el").id
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    press(qtbot, screen, Qt.Key.Key_Return)  # past the note
    question = screen.current_question()
    assert screen.question_view.staff_text.text() == question.text.get("en")

    apply_language("it")
    assert screen.question_view.staff_text.text() == question.text.get("it")
    assert "Consenso e sicurezza" in screen.section_label.text()

    apply_language("ar")
    assert QApplication.layoutDirection() == RTL
    assert screen.layoutDirection() == RTL
    assert screen.question_view.staff_text.text() == question.text.get("ar")
    # the interviewee's Greek keeps its own direction inside the right-to-left screen
    assert screen.question_view.interviewee_text.layoutDirection() == LTR
    assert screen.question_view.interviewee_text.text() == question.text.get("el")
    press(qtbot, screen, Qt.Key.Key_Y)  # the answer keys still work after the rebuild
    assert session.screenings.answers(screening_id)["consent"] == "yes"

    apply_language("en")
    assert QApplication.layoutDirection() == LTR
    assert screen.question_view.staff_text.text() == question.text.get("en")
    assert screen._answer.value() == "yes"
