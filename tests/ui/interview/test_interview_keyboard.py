"""A whole interview of the fixture guide with the keyboard alone: what is shown, what is stored."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPushButton

from free2link_desktop.ui.interview.screen import InterviewScreen
from tests.ui.interview.keys import focused, press, show, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
Key = Qt.Key


def open_screen(qtbot: Any, session: Any, screening_id: int) -> InterviewScreen:
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    return screen


def at(screen: InterviewScreen) -> str:
    return screen.current_question().id


def test_whole_interview_with_the_keyboard(qtbot: Any, session: Any, screening_id: int) -> None:
    screen = open_screen(qtbot, session, screening_id)
    stored = lambda: session.screenings.answers(screening_id)  # noqa: E731

    # a note: no answer, the focus waits on Next
    assert at(screen) == "intro"
    assert screen.question_view.observation.isVisible()
    assert focused(screen) is screen.next_button
    press(qtbot, screen, Key.Key_Return)

    # yes/no by letter, Enter moves on; the Arabic text is right-to-left with the draft badge
    assert at(screen) == "consent"
    assert screen.question_view.interviewee_text.text() == "هل توافق على التحدث معنا اليوم؟"
    assert screen.question_view.interviewee_text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.question_view.badge.isVisible()
    assert "Explain who you are" in screen.guidance.section_guidance()
    press(qtbot, screen, Key.Key_Y)
    assert stored()["consent"] == "yes"
    assert "Saved" in screen.saved_label.text()
    press(qtbot, screen, Key.Key_Return)

    assert at(screen) == "in_danger_now"
    # one meaning per key: digits pick numbered list options only, never a yes/no answer
    press(qtbot, screen, Key.Key_1)
    press(qtbot, screen, Key.Key_2)
    assert "in_danger_now" not in stored()
    buttons = screen._answer.findChildren(QPushButton)
    assert [b.text().split("\n") for b in buttons] == [
        ["Yes   [Y]", "نعم"],
        ["No   [N]", "لا"],
        ["Don't know   [D]", "لا أعرف"],
        ["Prefer not to answer   [P]", "أفضّل عدم الإجابة"],
    ]
    press(qtbot, screen, Key.Key_N)
    assert stored()["in_danger_now"] == "no"
    assert not screen.urgent_visible()
    press(qtbot, screen, Key.Key_Return)

    # a skip: "no" to the online offer hides the question about the channel
    assert at(screen) == "job_offer_online"
    assert "Section 2 of 2: How the person was recruited" in screen.section_label.text()
    press(qtbot, screen, Key.Key_N)
    press(qtbot, screen, Key.Key_Return)
    assert at(screen) == "age"

    # a number outside the constraint is shown as refused and not saved
    type_text(qtbot, screen, "150")
    press(qtbot, screen, Key.Key_Return)
    assert "Not saved" in screen.problem.message()
    assert "age" not in stored()
    press(qtbot, screen, Key.Key_Backspace)
    press(qtbot, screen, Key.Key_Backspace)
    press(qtbot, screen, Key.Key_Backspace)
    type_text(qtbot, screen, "34")
    press(qtbot, screen, Key.Key_Return)
    assert stored()["age"] == 34
    assert screen.problem.message() == ""
    press(qtbot, screen, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # multiple choice by number keys
    assert at(screen) == "controls"
    press(qtbot, screen, Key.Key_1)
    press(qtbot, screen, Key.Key_3)
    assert set(stored()["controls"]) == {"passport", "passwords"}
    press(qtbot, screen, Key.Key_4)  # "prefer not to answer" stands alone
    assert stored()["controls"] == ("declined",)
    press(qtbot, screen, Key.Key_1)  # and another option takes its place
    assert stored()["controls"] == ("passport",)
    press(qtbot, screen, Key.Key_3)
    assert set(stored()["controls"]) == {"passport", "passwords"}
    press(qtbot, screen, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # a date, typed year-month-day; Enter saves it at once
    assert at(screen) == "arrival"
    type_text(qtbot, screen, "2024-03-15")
    press(qtbot, screen, Key.Key_Return)
    assert stored()["arrival"] == "2024-03-15"
    press(qtbot, screen, Key.Key_PageDown)

    # free text is saved within a second, without leaving the question
    assert at(screen) == "story"
    story = "I was promised a job in a hotel."
    type_text(qtbot, screen, story)
    qtbot.waitUntil(lambda: stored().get("story") == story, timeout=1000)  # within a second
    press(qtbot, screen, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # an observation: no interviewee text, not read out
    assert at(screen) == "signs_of_injury"
    assert not screen.question_view.interviewee_box.isVisible()
    assert "not to be read out" in screen.question_view.observation.text()
    press(qtbot, screen, Key.Key_D)
    assert stored()["signs_of_injury"] == "dont_know"
    assert screen.next_button.text().startswith("Finish")

    with qtbot.waitSignal(screen.finished) as finished:
        press(qtbot, screen, Key.Key_Return)
    result = finished.args[0]
    assert result.level == "high"
    shown = screen.result_view.text()
    assert "Strong indicators — refer now" in shown
    assert "Identity documents withheld" in shown
    assert "Phone or accounts controlled by someone else" in shown
    assert "Passport or ID card, Passwords or accounts" in shown
    assert "Operational indicators of trafficking" in shown
    assert "No result rules trafficking out" in shown
    assert "Job offer received online" not in shown
    assert session.screenings.get(screening_id).status == "completed"
    assert screen.result_view.refer.isEnabled()
    with qtbot.waitSignal(screen.referral_requested) as referral:
        screen.result_view.refer.setFocus()
        press(qtbot, screen, Key.Key_Space)
    assert referral.args == [screening_id]


def test_back_keeps_answers_and_skip_is_live(qtbot: Any, session: Any, screening_id: int) -> None:
    screen = open_screen(qtbot, session, screening_id)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_N)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)  # an online job offer: the channel question appears
    press(qtbot, screen, Key.Key_Return)
    assert at(screen) == "channel"
    row = screen._answer.rows[1]
    assert (row.button.text(), row.label.text(), row.other.text()) == ("2.", "WhatsApp", "واتساب")
    assert row.other.alignment() & Qt.AlignmentFlag.AlignLeft  # beside its radio button
    press(qtbot, screen, Key.Key_2)
    assert session.screenings.answers(screening_id)["channel"] == "whatsapp"
    press(qtbot, screen, Key.Key_PageUp)
    assert at(screen) == "job_offer_online"
    press(qtbot, screen, Key.Key_N)  # changed mind: the channel question goes away
    press(qtbot, screen, Key.Key_Return)
    assert at(screen) == "age"
    press(qtbot, screen, Key.Key_PageUp)
    press(qtbot, screen, Key.Key_PageUp)
    assert at(screen) == "in_danger_now"
    assert screen._answer.value() == "no"


def test_urgent_answer_opens_an_alert_that_no_reflex_closes(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    session.settings.set("sender_organisation", "Centro Aurora")
    session.settings.set("sender_contact", "+39 0962 000000")
    screen = open_screen(qtbot, session, screening_id)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)  # in danger now
    assert screen.urgent_visible()
    assert "112" in screen.urgent.emergency.text()
    listed = screen.urgent.entries_text()
    assert "800 290 290" in listed  # Numero Verde Antitratta, from the bundled directory
    assert "1109" not in listed  # the centre is in Italy, not Greece
    # numbers stay left-to-right inside right-to-left text (else 800 290 290 reads 290 290 800)
    assert "\u2066800 290 290\u2069" in screen.urgent.entries.toPlainText()
    assert "Centro Aurora — +39 0962 000000" in screen.urgent.centre.text()
    assert QAccessible.queryAccessibleInterface(screen.urgent).role() == (
        QAccessible.Role.AlertMessage
    )

    # the reflexes of the interview (Enter, Escape, Ctrl+Enter, a next answer) change nothing
    assert focused(screen) is screen.urgent.action_buttons["called"]
    for key, modifier in (
        (Key.Key_Return, None),
        (Key.Key_Escape, None),
        (Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
        (Key.Key_N, None),
    ):
        press(qtbot, screen, key, modifier)
        assert screen.urgent_visible()
    assert not screen.urgent.continue_button.isEnabled()
    assert session.screenings.answers(screening_id)["in_danger_now"] == "yes"

    # a deliberate choice, then continue: recorded in the case and the audit log
    assert focused(screen) is screen.urgent.action_buttons["called"]
    press(qtbot, screen, Key.Key_2)  # the numbered choices, as on every list
    assert screen.urgent.chosen_action() == "referred"
    assert focused(screen) is screen.urgent.action_buttons["referred"]
    assert screen.urgent.continue_button.isEnabled()
    screen.urgent.continue_button.click()
    assert not screen.urgent_visible()
    assert at(screen) == "in_danger_now"
    code = session.screenings.get(screening_id).case_code
    (note,) = session.notes.list(code)
    assert "Referred the person to a service" in note.text and "in_danger_now" in note.text
    assert any(
        e.action == "screening.urgent_action" and e.details.get("action") == "referred"
        for e in session.audit.entries()
    )


def test_urgent_stop_records_and_stops_the_interview(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    screen = open_screen(qtbot, session, screening_id)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_Y)
    assert not screen.urgent.stop_button.isEnabled()
    screen.urgent.action_buttons["declined"].click()
    with qtbot.waitSignal(screen.stopped):
        screen.urgent.stop_button.click()
    record = session.screenings.get(screening_id)
    assert record.status == "stopped"
    assert "declined help" in session.notes.list(record.case_code)[0].text


def test_required_question_asks_once_before_moving_on(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    screen = open_screen(qtbot, session, screening_id)
    press(qtbot, screen, Key.Key_Return)
    assert at(screen) == "consent"
    screen.next_button.setFocus()
    press(qtbot, screen, Key.Key_Return)
    assert at(screen) == "consent"  # a gentle reminder first, nothing lost
    assert "Prefer not to answer" in screen.problem.message()
    with qtbot.waitSignal(screen.finished) as finished:  # without consent nothing else is asked
        press(qtbot, screen, Key.Key_Return)
    assert finished.args[0].unanswered_required == ("consent",)


def test_a_number_that_is_not_a_number_is_refused_plainly(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    session.screenings.save_answer(screening_id, "consent", "yes")
    session.screenings.save_answer(screening_id, "job_offer_online", "no")
    session.screenings.set_position(screening_id, "age")
    screen = open_screen(qtbot, session, screening_id)
    assert at(screen) == "age"
    type_text(qtbot, screen, "about thirty")
    press(qtbot, screen, Key.Key_Return)
    assert "Type a whole number" in screen.problem.message()
    assert "Not saved" in screen.saved_label.text()
    assert "age" not in session.screenings.answers(screening_id)


# the offscreen platform cannot raise a popup or grab the keyboard for it; the popup still works
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_dates_typed_wrongly_are_refused_and_the_calendar_works_by_keyboard(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    session.screenings.save_answer(screening_id, "consent", "yes")
    session.screenings.set_position(screening_id, "arrival")
    screen = open_screen(qtbot, session, screening_id)
    assert at(screen) == "arrival"
    type_text(qtbot, screen, "15/03/2024")
    press(qtbot, screen, Key.Key_Return)
    assert "YYYY-MM-DD" in screen.problem.message()
    assert "arrival" not in session.screenings.answers(screening_id)

    press(qtbot, screen, Key.Key_Tab)
    assert focused(screen) is screen._answer.calendar_button
    press(qtbot, screen, Key.Key_Space)
    qtbot.waitUntil(screen._answer.popup.isVisible)
    calendar = screen._answer.calendar
    qtbot.keyClick(calendar.focusWidget() or calendar, Key.Key_Return)
    today = calendar.selectedDate().toString("yyyy-MM-dd")
    assert session.screenings.answers(screening_id)["arrival"] == today
    assert screen._answer.edit.text() == today
    assert screen.problem.message() == ""


def test_a_number_typed_slowly_raises_no_alarm_until_it_is_entered(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    session.screenings.save_answer(screening_id, "consent", "yes")
    session.screenings.set_position(screening_id, "age")
    screen = open_screen(qtbot, session, screening_id)
    type_text(qtbot, screen, "1")
    qtbot.waitUntil(lambda: session.screenings.answers(screening_id).get("age") == 1)
    assert not screen.urgent_visible()  # "1" is on the way to "16" or "19", not an answer yet
    type_text(qtbot, screen, "6")
    qtbot.waitUntil(lambda: session.screenings.answers(screening_id).get("age") == 16)
    assert not screen.urgent_visible()
    press(qtbot, screen, Key.Key_Return)  # Enter: this is the answer, and it is a child
    assert screen.urgent_visible()
    press(qtbot, screen, Key.Key_Return)  # Enter again does not close the alert
    assert screen.urgent_visible()
    press(qtbot, screen, Key.Key_2)
    screen.urgent.continue_button.click()
    assert not screen.urgent_visible()
    press(qtbot, screen, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert at(screen) == "controls"  # the panel is not shown twice for the same answer
