"""Pause and resume, auto-lock and unlock back to the same question, stop, starting, roles."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from free2link_desktop.i18n import set_language
from free2link_desktop.ui.interview.screen import InterviewScreen
from free2link_desktop.ui.interview.start import StartInterviewDialog, expected_minutes
from tests.ui.interview.conftest import DATA, GUIDE, PASSWORD
from tests.ui.interview.keys import focused, press, show, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
Key = Qt.Key


def open_screen(qtbot: Any, session: Any, screening_id: int) -> InterviewScreen:
    screen = InterviewScreen(session, screening_id)
    show(qtbot, screen)
    return screen


def walk_to_age(qtbot: Any, screen: InterviewScreen) -> None:
    for key in (Key.Key_Return, Key.Key_Y, Key.Key_Return, Key.Key_N, Key.Key_Return):
        press(qtbot, screen, key)
    press(qtbot, screen, Key.Key_N)
    press(qtbot, screen, Key.Key_Return)
    assert screen.current_question().id == "age"


def test_pause_then_resume_from_the_case(qtbot: Any, session: Any, screening_id: int) -> None:
    screen = open_screen(qtbot, session, screening_id)
    walk_to_age(qtbot, screen)
    with qtbot.waitSignal(screen.paused):
        press(qtbot, screen, Key.Key_P, Qt.KeyboardModifier.AltModifier)
    record = session.screenings.get(screening_id)
    assert record.status == "paused"
    assert record.current_question == "age"
    screen.close()

    again = open_screen(qtbot, session, screening_id)
    assert again.current_question().id == "age"
    assert focused(again) is again._answer.edit
    type_text(qtbot, again, "29")
    press(qtbot, again, Key.Key_Return)
    assert session.screenings.answers(screening_id)["age"] == 29
    assert session.screenings.get(screening_id).status == "in_progress"


def test_auto_lock_and_unlock_return_to_the_same_question(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    screen = open_screen(qtbot, session, screening_id)
    walk_to_age(qtbot, screen)
    type_text(qtbot, screen, "41")  # typed, not yet saved by the debounce
    screen.flush()  # what the shell does before it locks
    workspace = session.workspace
    session.lock()
    screen.close()

    unlocked = workspace.unlock("ana", PASSWORD)
    try:
        again = open_screen(qtbot, unlocked, screening_id)
        assert again.current_question().id == "age"
        assert again._answer.edit.text() == "41"
        assert unlocked.screenings.answers(screening_id)["consent"] == "yes"
    finally:
        unlocked.lock()


def test_stop_asks_twice_and_enter_always_goes_back(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    screen = open_screen(qtbot, session, screening_id)
    press(qtbot, screen, Key.Key_Return)
    press(qtbot, screen, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(screen.stop_bar.isVisible)  # a mnemonic clicks after a short animation
    assert focused(screen) is screen.stop_bar.cancel_button
    press(qtbot, screen, Key.Key_Escape)
    assert not screen.stop_bar.isVisible()

    # the habitual Enter goes back, at the first step and at the second
    press(qtbot, screen, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(screen.stop_bar.isVisible)
    press(qtbot, screen, Key.Key_Return)
    assert not screen.stop_bar.isVisible()
    press(qtbot, screen, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(screen.stop_bar.isVisible)
    screen.stop_bar.confirm_button.click()
    assert screen.stop_bar.is_asking_again()
    assert focused(screen) is screen.stop_bar.cancel_button
    press(qtbot, screen, Key.Key_Return)
    assert not screen.stop_bar.isVisible()
    assert session.screenings.get(screening_id).status == "in_progress"

    press(qtbot, screen, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(screen.stop_bar.isVisible)
    assert not screen.stop_bar.is_asking_again()  # every new request starts at the first step
    screen.stop_bar.confirm_button.click()
    with qtbot.waitSignal(screen.stopped):
        screen.stop_bar.confirm_button.click()
    assert session.screenings.get(screening_id).status == "stopped"

    reopened = open_screen(qtbot, session, screening_id)
    assert "stopped early" in reopened.section_label.text()
    assert "No result rules trafficking out" in reopened.result_view.text()


def test_start_dialog_by_keyboard(qtbot: Any, session: Any, case_code: str) -> None:
    dialog = StartInterviewDialog(session, case_code, folder=DATA)
    qtbot.addWidget(dialog)
    assert dialog.guide_list.count() == 1
    assert "Mini screening" in dialog.guide_list.item(0).text()
    rows = [dialog.language_list.item(i).text() for i in range(dialog.language_list.count())]
    assert rows[0].startswith("English") and "source text" in rows[0]
    assert "Greek — Ελληνικά — draft translation" in rows
    assert "Italian — Italiano — reviewed translation" in rows
    french = next(i for i, text in enumerate(rows) if text.startswith("French"))
    flags = dialog.language_list.item(french).flags()
    assert not flags & Qt.ItemFlag.ItemIsEnabled  # the fixture guide has no French

    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: focused(dialog) is dialog.guide_list)
    press(qtbot, dialog, Key.Key_Tab)  # to the language list
    assert focused(dialog) is dialog.language_list
    for _ in range(3):
        press(qtbot, dialog, Key.Key_Down)  # it, el, then ar: pl, fr and uk are not in this guide
    assert dialog.selected_language() == "ar"
    assert "draft" in dialog.note.text()
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, dialog, Key.Key_Return)
    assert dialog.screening_id is not None
    record = session.screenings.get(dialog.screening_id)
    assert record.interviewee_language == "ar"
    assert record.questionnaire_id == "mini-guide"


def test_an_interviewer_cannot_prepare_a_referral(qtbot: Any, session: Any, case_code: str) -> None:
    session.users.add("ivo", "interviewer", PASSWORD)
    ivo = session.workspace.unlock("ivo", PASSWORD)
    try:
        screening_id = ivo.screenings.start(case_code, str(GUIDE), "en").id
        screen = open_screen(qtbot, ivo, screening_id)
        assert not screen.question_view.interviewee_box.isVisible()  # same language as staff
        press(qtbot, screen, Key.Key_Return)
        press(qtbot, screen, Key.Key_N)  # no consent: the rest is not asked
        with qtbot.waitSignal(screen.finished):
            press(qtbot, screen, Key.Key_Return)
        assert "No indicators identified" in screen.result_view.text()
        assert not screen.result_view.refer.isEnabled()
        assert "does not allow" in screen.result_view.refer.toolTip()
    finally:
        ivo.lock()


def test_a_caseworker_reads_an_open_screening_without_answering(
    qtbot: Any, session: Any, screening_id: int
) -> None:
    session.screenings.save_answer(screening_id, "consent", "yes")
    session.users.add("cara", "caseworker", PASSWORD)
    cara = session.workspace.unlock("cara", PASSWORD)
    try:
        screen = open_screen(qtbot, cara, screening_id)
        assert screen.pages.currentWidget() is screen.result_view
        assert "only an interviewer can continue" in screen.section_label.text()
        assert "No result rules trafficking out" in screen.result_view.text()
        assert not screen.result_view.refer.isEnabled()
    finally:
        cara.lock()
    assert session.screenings.get(screening_id).status == "in_progress"


def test_a_broken_guide_file_is_named_and_left_out(
    qtbot: Any, session: Any, case_code: str, tmp_path: Any
) -> None:
    import shutil

    folder = tmp_path / "guides"
    shutil.copytree(DATA, folder)
    broken = folder / "broken.yaml"
    broken.write_text(
        "format: free2link-questionnaire/1\nid: broken\nversion: 1.0.0\n"
        "title: {en: Broken}\nlanguages: {en: source}\nindicators: indicators.yaml\n"
        "sections:\n  - id: s\n    title: {en: S}\n    questions:\n"
        "      - id: q\n        type: maybe\n        text: {en: Q?}\n",
        encoding="utf-8",
    )
    dialog = StartInterviewDialog(session, case_code, folder=folder)
    qtbot.addWidget(dialog)
    assert dialog.guide_list.count() == 1  # the good guide is still offered
    assert not dialog.problems.isHidden()
    assert "broken.yaml:" in dialog.problems.text() and "left out" in dialog.problems.text()


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        (("Tigrinya", "arabo"), "ar"),  # the first language the guide has, as staff wrote it
        (("ελληνικά",), "el"),
        (("EN",), "en"),
        ((), None),  # nothing known: no guess, the interviewer chooses
        (("Farsi",), None),  # the guide has no Farsi: never the staff language instead
    ],
)
def test_the_persons_language_is_preselected_from_the_case(
    qtbot: Any, session: Any, spoken: tuple[str, ...], expected: str | None
) -> None:
    code = session.cases.create("Person", languages=spoken).code
    set_language("it")
    try:
        dialog = StartInterviewDialog(session, code, folder=DATA)
        qtbot.addWidget(dialog)
        assert dialog.selected_language() == expected
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled() == (expected is not None)
    finally:
        set_language("en")


def test_the_guide_list_says_how_long_the_interview_takes(qtbot: Any, session: Any) -> None:
    code = session.cases.create("Person").code
    dialog = StartInterviewDialog(session, code)
    qtbot.addWidget(dialog)
    texts = [dialog.guide_list.item(r).text() for r in range(dialog.guide_list.count())]
    assert any("questions, about" in t and "minutes)" in t for t in texts), texts
    assert [expected_minutes(n) for n in (3, 22, 45, 60)] == [5, 10, 20, 30]


def test_a_reopened_result_reads_by_keyboard_shows_its_level_and_whom_to_call(
    qtbot: Any, session: Any, case_code: str
) -> None:
    record = session.screenings.start(case_code, "first-screening", "ar")
    guide = session.screenings.questionnaire_for(record)
    for question in guide.questions:  # "yes" to every yes/no question: a high result
        if question.type == "yes_no":
            session.screenings.save_answer(record.id, question.id, "yes")
    result = session.screenings.finish(record.id)
    screen = open_screen(qtbot, session, record.id)
    screen.resize(800, 360)  # small, so the result needs scrolling

    assert "First screening" in screen.title.text()  # the title row is filled when reopened
    assert result.level in ("high", "medium")
    assert screen.result_view.level.styleSheet().startswith("color: #")
    shown = screen.result_view.body.toPlainText()
    assert "Numero Verde Antitratta" in shown and "\u2066800 290 290\u2069" in shown
    assert "Emergency (police, ambulance, fire): 112" in shown
    assert screen.result_view.refer.isDefault()
    assert focused(screen) is screen.result_view.body

    bar = screen.result_view.body.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    press(qtbot, screen, Key.Key_PageDown)
    assert bar.value() > 0
    press(qtbot, screen, Key.Key_PageUp)
    assert bar.value() == 0
