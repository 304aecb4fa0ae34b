"""The case view hosts the guided interview: start from the case, lock in the middle and come
back to the same question, pause back to the case, resume from the screenings list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.ui.case_view import TAB_SCREENINGS
from free2link_desktop.ui.interview.screen import InterviewScreen
from free2link_desktop.ui.unlock import UnlockScreen

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, on_next_dialog, unlock, unlocked_view


@pytest.fixture
def case_code(existing_workspace) -> str:
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    code = session.cases.create("Amira", centre="Crotone").code
    session.lock()
    workspace.close()
    return code


def _start_first_screening_in_arabic(dialog) -> None:
    ids = [
        dialog.guide_list.item(r).data(Qt.ItemDataRole.UserRole).id
        for r in range(dialog.guide_list.count())
    ]
    dialog.guide_list.setCurrentRow(ids.index("first-screening"))
    dialog.select_language("ar")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_interview_from_the_case_survives_a_lock_and_pauses_back(qtbot, make_window, case_code):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    view.open_case(case_code)
    view.case_view.tabs.setCurrentIndex(TAB_SCREENINGS)
    on_next_dialog(_start_first_screening_in_arabic)
    qtbot.mouseClick(view.case_view.screenings.new_button, Qt.MouseButton.LeftButton)

    screen = view.interview
    assert isinstance(screen, InterviewScreen)
    assert view.stack.currentWidget() is screen
    screening_id = screen.screening_id
    assert window.windowTitle() == f"Free2Link — case {case_code}"
    screen.activateWindow()
    qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_Y)  # answer "yes"
    question = screen.current_question().id
    answers = window.session.screenings.answers(screening_id)

    window.lock()
    assert isinstance(window.stack.currentWidget(), UnlockScreen)
    assert view.interview is None or not view.isVisible()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    screen = view.interview
    assert isinstance(screen, InterviewScreen)
    assert view.stack.currentWidget() is screen
    assert screen.screening_id == screening_id
    assert screen.current_question().id == question
    assert window.session.screenings.answers(screening_id) == answers

    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.interview is None, timeout=2000)
    assert view.stack.currentWidget() is view.case_view
    assert view.case_view.tabs.currentIndex() == TAB_SCREENINGS
    panel = view.case_view.screenings
    assert panel.table.item(0, 2).text() == "Paused"
    assert panel.resume_button.isEnabled()
    qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
    assert isinstance(view.interview, InterviewScreen)
    assert view.interview.current_question().id == question


def test_a_coordinator_reopens_a_stopped_screening_from_the_case(
    qtbot, make_window, existing_workspace, case_code
):
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    first = session.screenings.start(case_code, "first-screening", "en")
    session.screenings.stop(first.id)
    session.lock()
    workspace.close()

    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    view.open_case(case_code)
    view.case_view.tabs.setCurrentIndex(TAB_SCREENINGS)
    panel = view.case_view.screenings
    assert panel.table.item(0, 2).text() == "Stopped"
    assert not panel.resume_button.isEnabled()
    assert panel.reopen_button.isVisible() and panel.reopen_button.isEnabled()
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(0, 2).text() == "Paused"
    assert "Resume" in panel.message.text()
    assert not panel.reopen_button.isEnabled() and panel.resume_button.isEnabled()
    assert window.session.screenings.get(first.id).status == "paused"


def test_the_library_opens_from_the_menu(qtbot, make_window, existing_workspace):
    pytest.importorskip("free2link_desktop.ui.library.browser")
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    window.library_action.trigger()
    library = window.findChild(QDialog, "library_window")
    assert library is not None and library.isVisible()
    assert library.windowTitle() == "Indicator library and guides"
    window.lock()  # the library holds no case data, but a lock closes every dialog anyway
    assert not library.isVisible()


def test_the_newest_screening_is_selected_in_a_right_to_left_layout(
    qtbot, existing_workspace, case_code
):
    """QTableView.selectRow() selects nothing under a right-to-left layout: in Arabic every
    button of the screenings stayed off until a row was clicked."""
    from free2link_desktop.ui.screenings import ScreeningsPanel

    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    try:
        record = session.screenings.start(case_code, "first-screening", "ar")
        session.screenings.stop(record.id)
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        panel = ScreeningsPanel(session, case_code)
        qtbot.addWidget(panel)
        assert panel.selected() == session.screenings.get(record.id)
        assert panel.result_button.isEnabled() and panel.reopen_button.isEnabled()
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        session.lock()
        workspace.close()
