"""Each bundled guide, interviewed from the first question to the result with the keyboard alone.

The driver answers as an interviewer would at the keyboard: letters for yes/no, number keys for
choices, typing for numbers and text, Ctrl+Return to move on. Each run includes a skip, a pause
and resume (a new screen, as after leaving the case), an urgent answer and the result, and checks
the screen against the engine: the questions shown are exactly the relevant ones, and the result
shown is the engine's score of what was stored.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from free2link_desktop.core.questionnaire import find_questionnaire, score
from free2link_desktop.ui.interview.screen import InterviewScreen
from tests.ui.interview.keys import press, show, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
KEYS = {"Y": Key.Key_Y, "N": Key.Key_N, "D": Key.Key_D, "P": Key.Key_P}
DIGITS = {str(n): getattr(Key, f"Key_{n}") for n in range(1, 10)}

SCENARIOS: dict[str, dict[str, Any]] = {
    "first-screening": {
        "language": "ar",
        "answers": {
            "consent": "Y",
            "needs_medical_help": "Y",
            "age": "24",
            "offer_kind": "1",
            "offer_channel": "3",
            "promise_matched": "3",
            "debt": "3",
            "documents_held": "3",
            "threats": "2",
            "phone_control": "1",
            "forced_work": "Y",
            "forced_sex": "N",
        },
        "urgent": "needs_medical_help",
        "pause_at": "debt",
        "skipped": {"no_consent", "on_camera"},
    },
    "full-screening": {
        "language": "el",
        "answers": {
            "consent": "Y",
            "danger_now": "Y",
            "age": "31",
            "age_at_start": "29",
            "offer_channel": "1",
            "recruiter": "1",
            "offer_after_post": "Y",
            "moved_app": "Y",
            "travelled": "N",
            "hours": "14",
            "owes": "Y",
            "debt_grows": "Y",
            "docs_held": "3",
            "passwords": "Y",
            "live_stream": "Y",
            "leave_place": "N",
        },
        "urgent": "danger_now",
        "pause_at": "work_type",
        "skipped": {"journey_paid", "journey_docs_taken", "papers_promised"},
    },
}
DEFAULTS = {"yes_no": "N", "single": "1", "multiple": "1", "integer": "30", "text": "x"}


def answer(qtbot: Any, screen: InterviewScreen, question: Any, choice: str) -> None:
    if question.type == "yes_no":
        press(qtbot, screen, KEYS[choice])
    elif question.type in ("single", "multiple"):
        press(qtbot, screen, DIGITS[choice])
    elif question.type == "integer":
        type_text(qtbot, screen, choice)
        press(qtbot, screen, Key.Key_Return)
    elif question.type == "text":
        type_text(qtbot, screen, "Seen today; calm.")


@pytest.mark.parametrize("guide_id", sorted(SCENARIOS))
def test_bundled_guide_by_keyboard(qtbot: Any, session: Any, case_code: str, guide_id: str) -> None:
    scenario = SCENARIOS[guide_id]
    screening_id = session.screenings.start(case_code, guide_id, scenario["language"]).id
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    visited: list[str] = []
    urgent_seen = paused = False
    for _step in range(200):
        question = screen.current_question()
        if not visited or visited[-1] != question.id:
            visited.append(question.id)
        if question.id == scenario["pause_at"] and not paused:
            with qtbot.waitSignal(screen.paused):
                press(qtbot, screen, Key.Key_P, Qt.KeyboardModifier.AltModifier)
            paused = True
            screen.close()
            screen = InterviewScreen(session, screening_id)
            show(qtbot, screen)
            assert screen.current_question().id == question.id
        if question.audience == "interviewee" and question.type != "note":
            assert screen.question_view.badge.isVisible()  # every guide language is a draft
        choice = scenario["answers"].get(question.id, DEFAULTS.get(question.type))
        if choice is not None and question.type not in ("note", "date"):
            answer(qtbot, screen, question, choice)
            qtbot.waitUntil(  # typed text is saved within a second, the rest at once
                lambda q=question: q.id in session.screenings.answers(screening_id), timeout=1000
            )
        if question.id == scenario["urgent"]:
            assert screen.urgent_visible()
            assert "112" in screen.urgent.emergency.text()
            assert screen.urgent.entries_text()
            press(qtbot, screen, Key.Key_Return)  # Enter alone does not close the alert
            assert screen.urgent_visible()
            screen.urgent.action_buttons["called"].click()
            screen.urgent.continue_button.click()
            urgent_seen = True
        assert not screen.urgent_visible(), question.id
        if screen.next_button.text().startswith("Finish"):
            with qtbot.waitSignal(screen.finished) as done:
                press(qtbot, screen, Key.Key_Return, CTRL)
            break
        press(qtbot, screen, Key.Key_Return, CTRL)
        assert screen.current_question().id != question.id, question.id
    else:
        pytest.fail("the interview did not end")

    assert paused and urgent_seen
    result = done.args[0]
    guide = find_questionnaire(guide_id)
    stored = session.screenings.answers(screening_id)
    expected = score(guide, stored, validate=False)
    assert visited == list(expected.relevant_questions)
    assert not scenario["skipped"] & set(visited)
    assert result.level == expected.level
    assert result.urgent
    shown = screen.result_view.text()
    assert expected.label.get("en") in shown
    for raised in expected.indicators:
        assert raised.indicator.title.get("en") in shown
    assert "No result rules trafficking out" in shown
    assert session.screenings.get(screening_id).status == "completed"
