"""Care: every control a person can reach with the keyboard has a name a screen reader can say,
and Tab moves through the case list in reading order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from free2link_desktop.ui.admin import AdminDialog
from free2link_desktop.ui.case_form import CaseFormDialog
from free2link_desktop.ui.case_view import TAB_NOTES
from free2link_desktop.ui.password import ChangePasswordDialog
from free2link_desktop.ui.recovery import RecoveryDialog

from .conftest import ADMIN, ADMIN_PASSWORD, on_next_dialog, unlock, unlocked_view

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls that take focus but have neither an accessible name nor a buddy label."""
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QTabBar):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if _inside(widget, QComboBox | QAbstractSpinBox):
            continue  # the line edit and popup list of a combo box, the edit of a spin box
        if type(widget).__name__ in {"QScrollBar", "QToolButton"} and not widget.text():
            continue  # scroll arrows and the like, reached through their owner
        if widget.accessibleName() or widget in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue  # Qt gives a button its text as its accessible name
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {root.objectName()}")
    return missing


def _inside(widget: QWidget, kinds: object) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):  # type: ignore[arg-type]
            return True
        parent = parent.parent()
    return False


def test_every_control_has_a_name(qtbot, make_window, existing_workspace):
    window = make_window()
    assert unnamed_controls(window) == []  # the unlock screen
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert unnamed_controls(window) == []  # the case list
    case = window.session.cases.create("Amira")
    view.open_case(case.code)
    for tab in range(view.case_view.tabs.count()):
        view.case_view.tabs.setCurrentIndex(tab)
        assert unnamed_controls(window) == [], tab
    dialogs = [
        AdminDialog(window.session, window.runner, window),
        CaseFormDialog(window.session, None, window),
        RecoveryDialog(window.workspace, window.runner, ADMIN, window),
        ChangePasswordDialog(window.session, window.runner, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == []
        dialog.close()


def test_tab_goes_through_the_case_list_in_reading_order(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    screen = unlocked_view(qtbot, window).case_list
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    screen.search.setFocus()
    order = [screen.search, screen.status, screen.centre, screen.table, screen.new_button]
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_the_note_editor_is_reached_from_the_tab_bar_by_keyboard(
    qtbot, make_window, existing_workspace
):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    case = window.session.cases.create("Joy")
    view.open_case(case.code)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "N&otes"
    assert view.case_view.tabs.currentIndex() == TAB_NOTES
    editor = view.case_view.notes.editor
    for _press in range(3):  # the list of notes, "New note", then the editor
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if editor.hasFocus():
            break
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Typed without the mouse")
    qtbot.waitUntil(lambda: not view.case_view.notes.has_unsaved_text, timeout=3000)
    assert window.session.notes.list(case.code)[0].text == "Typed without the mouse"


def test_a_case_and_a_note_with_the_keyboard_alone(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)

    focus_in_dialog: list[str] = []

    def type_alias_and_press_enter(dialog: QWidget) -> None:
        focus_in_dialog.append(dialog.focusWidget().accessibleName())
        qtbot.keyClicks(dialog.alias, "Keyboard Person")
        qtbot.keyClick(dialog.alias, Qt.Key.Key_Return)
        if dialog.isVisible():  # never leave a test hanging on a modal dialog
            dialog.reject()

    on_next_dialog(type_alias_and_press_enter)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focus_in_dialog == ["Alias"]  # the cursor starts in the alias
    case_view = view.case_view
    assert case_view is not None and case_view.case.alias == "Keyboard Person"

    window.activateWindow()  # the dialog has gone; the main window has the keyboard again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert case_view.tabs.currentIndex() == TAB_NOTES
    editor = case_view.notes.editor
    for _press in range(3):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        if editor.hasFocus():
            break
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "First meeting")
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back to the list
    assert view.case_view is None  # leaving the case saved the note at once
    assert window.session.notes.list(case_view.code)[0].text == "First meeting"
    assert view.case_list.model.total == 1
    assert QApplication.focusWidget() is view.case_list.search
