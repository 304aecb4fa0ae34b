"""Answers nobody should give, typed or pasted into the interview: refused with a reason the
interviewer can act on, and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from free2link_desktop.core.text import MAX_FREE_TEXT
from free2link_desktop.ui.interview.screen import InterviewScreen
from tests.ui.interview.keys import press, show, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def open_at(qtbot: Any, session: Any, screening_id: int, question: str) -> InterviewScreen:
    session.screenings.save_answer(screening_id, "consent", "yes")
    session.screenings.save_answer(screening_id, "job_offer_online", "no")
    session.screenings.set_position(screening_id, question)
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    assert screen.current_question().id == question
    return screen


@pytest.mark.parametrize("digits", [20, 5000])
def test_a_huge_number_is_refused_as_too_large(
    qtbot: Any, session: Any, screening_id: int, digits: int
) -> None:
    screen = open_at(qtbot, session, screening_id, "age")
    screen._answer.edit.setText("9" * digits)  # pasted
    press(qtbot, screen, Qt.Key.Key_Return)
    if digits <= 4300:  # Python reads it as a number, which is too large
        assert "The number is too large (at most 15 digits)" in screen.problem.message()
    else:  # Python refuses to read it at all: it is no whole number
        assert "Type a whole number" in screen.problem.message()
    assert "Not saved" in screen.saved_label.text()
    assert "age" not in session.screenings.answers(screening_id)


def test_a_pasted_answer_longer_than_a_note_is_refused(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    screen = open_at(qtbot, session, screening_id, "story")
    screen._answer.edit.setPlainText("x" * (MAX_FREE_TEXT + 1))
    screen._answer.flush()
    assert "The answer is too long (200001 characters; at most 200000)" in (
        screen.problem.message()
    )
    assert "Not saved" in screen.saved_label.text()
    assert "story" not in session.screenings.answers(screening_id)
    screen._answer.edit.setPlainText("It started with a message.")
    type_text(qtbot, screen, "")
    screen._answer.flush()
    assert session.screenings.answers(screening_id)["story"] == "It started with a message."
