"""A case is created, a note written (autosaved as it is typed), the window closed and opened
again: the note is there, found by the full-text search."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.ui import case_model
from free2link_desktop.ui.case_form import CaseFormDialog
from free2link_desktop.ui.case_view import TAB_FOLLOWUPS, TAB_NOTES, CaseView
from free2link_desktop.ui.language import apply_language
from free2link_desktop.ui.notes import AUTOSAVE_MS

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, on_next_dialog, unlock, unlocked_view

NOTE = "Met at the reception desk. Says the job offer came through Instagram."


def _fill_new_case(dialog: QWidget) -> None:
    assert isinstance(dialog, CaseFormDialog)
    dialog.alias.setText("Amira")
    dialog.birth_year.setValue(2001)
    dialog.nationality.setText("NG")
    dialog.languages.setText("en, ar")
    dialog.centre.setEditText("Crotone")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_case_and_note_survive_closing_the_window(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    on_next_dialog(_fill_new_case)
    qtbot.mouseClick(view.case_list.new_button, Qt.MouseButton.LeftButton)

    case_view = view.case_view
    assert isinstance(case_view, CaseView)
    code = case_view.code
    assert window.windowTitle() == f"Free2Link — case {code}"
    assert "Amira" not in window.windowTitle()
    assert case_view.details.detail_labels["centre"][1].text() == "Crotone"

    case_view.tabs.setCurrentIndex(TAB_NOTES)
    notes = case_view.notes
    qtbot.keyClicks(notes.editor, NOTE)
    assert notes.state.text() == "Saving…"
    qtbot.waitUntil(lambda: notes.state.text() == "All changes saved.", timeout=AUTOSAVE_MS * 3)
    assert "Written by maria" in notes.info.text().replace("\u2068", "").replace("\u2069", "")
    qtbot.keyClicks(notes.editor, " Second visit planned.")
    qtbot.waitUntil(lambda: not notes.has_unsaved_text, timeout=AUTOSAVE_MS * 3)
    assert notes.info.text().endswith("· 1 earlier version")

    case_view.tabs.setCurrentIndex(TAB_FOLLOWUPS)
    qtbot.keyClicks(case_view.followups.text, "Call the legal advisor")
    qtbot.keyClick(case_view.followups.text, Qt.Key.Key_Return)
    assert case_view.followups.list.count() == 1
    window.close()

    again = make_window()
    unlock(qtbot, again, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, again)
    assert view.case_list.model.total == 1
    qtbot.keyClicks(view.case_list.search, "instagram")
    qtbot.keyClick(view.case_list.search, Qt.Key.Key_Return)
    model = view.case_list.model
    assert model.total == 1
    assert model.data(model.index(0, 0)) == code
    assert model.data(model.index(0, 1)).strip("\u2068\u2069") == "Amira"

    qtbot.keyClicks(view.case_list.search, "nothing like this")
    qtbot.keyClick(view.case_list.search, Qt.Key.Key_Return)
    assert model.total == 0
    view.case_list.search.clear()
    qtbot.keyClick(view.case_list.search, Qt.Key.Key_Return)

    view.case_list.table.setFocus()
    view.case_list.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view.case_list.table, Qt.Key.Key_Return)
    case_view = view.case_view
    assert case_view is not None and case_view.code == code
    assert case_view.notes.editor.toPlainText() == NOTE + " Second visit planned."
    assert "Call the legal advisor" in case_view.followups.list.item(0).text()


def test_case_list_pages_filters_and_sorts(qtbot, make_window, existing_workspace):
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    count = case_model.PAGE + 30
    for number in range(count):
        session.cases.create(f"Person {number}", centre="Athens" if number % 2 else "Crotone")
    session.lock()
    workspace.close()

    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    model = view.case_list.model
    assert model.total == count
    assert model.rowCount() == case_model.PAGE  # only the first page was fetched
    assert model.canFetchMore()
    view.case_list.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == count, timeout=3000)

    centre = view.case_list.centre
    centre.setCurrentIndex(centre.findData("Athens"))
    centre.activated.emit(centre.currentIndex())
    assert model.total == count // 2
    assert {
        model.data(model.index(r, 3)).strip("\u2068\u2069") for r in range(model.rowCount())
    } == {"Athens"}

    view.case_list.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    codes = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert codes == sorted(codes)
    header = view.case_list.table.horizontalHeader()
    view.case_list.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # alias: not sortable
    assert header.sortIndicatorSection() == 0  # the arrow stays where the sorting is
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == codes


def test_consent_is_recorded_with_date_witness_and_language(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    code = window.session.cases.create("Amira").code
    view.open_case(code)
    details = view.case_view.details
    details.consent_given.setCurrentIndex(details.consent_given.findData(True))
    details.consent_given.activated.emit(details.consent_given.currentIndex())
    assert details.consent_has_date.isChecked()  # giving consent offers today's date
    qtbot.keyClicks(details.consent_witness, "Dr. Rossi")
    details.consent_language.setCurrentIndex(details.consent_language.findData("ar"))
    qtbot.mouseClick(details.consent_save, Qt.MouseButton.LeftButton)
    assert details.consent_message.text() == "Consent recorded."
    consent = window.session.cases.get(code).consent
    assert consent.given is True and consent.witness == "Dr. Rossi"
    assert consent.language == "ar" and consent.date is not None

    details.consent_language.setEditText("Tigrinya")  # a language not in the list
    qtbot.mouseClick(details.consent_save, Qt.MouseButton.LeftButton)
    assert window.session.cases.get(code).consent.language == "Tigrinya"
    view.show_list()
    view.open_case(code)
    assert view.case_view.details.consent_language.currentText() == "Tigrinya"


def test_date_fields_follow_a_language_switch_with_four_digit_years(
    qtbot, make_window, existing_workspace
):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    view.open_case(window.session.cases.create("Amira").code)
    consent_date, due = view.case_view.details.consent_date, view.case_view.followups.due
    assert consent_date.displayFormat() == due.displayFormat() == "M/d/yyyy"
    due.setDate(QDate(2026, 3, 4))
    try:
        apply_language("el")
        assert consent_date.displayFormat() == due.displayFormat() == "d/M/yyyy"
        assert due.text() == "4/3/2026"
        apply_language("pl")
        assert due.text() == "4.03.2026"
    finally:
        apply_language("en")
    assert due.text() == "3/4/2026"
