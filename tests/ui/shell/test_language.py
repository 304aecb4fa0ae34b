"""The staff language switches while the application runs: Italian, Arabic (right to left) and
back to English, on the unlock screen and in the main window, Qt's own words included."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from free2link_desktop import i18n
from free2link_desktop.i18n.qt import installed_qt_translator
from free2link_desktop.ui.unlock import UnlockScreen

from .conftest import ADMIN, ADMIN_PASSWORD, unlock, unlocked_view

WRONG = {
    "en": "Wrong user name or password.",
    "it": "Nome utente o password errati.",
    "ar": "اسم المستخدم أو كلمة المرور غير صحيحة.",
}


def _choose_on_unlock_screen(screen: UnlockScreen, language: str) -> None:
    screen.language.setCurrentIndex(screen.language.findData(language))
    screen.language.activated.emit(screen.language.currentIndex())


def test_language_switches_at_run_time(qtbot, make_window, existing_workspace):
    window = make_window()
    screen = window.stack.currentWidget()
    assert isinstance(screen, UnlockScreen)
    unlock(qtbot, window, ADMIN, "not my password")
    assert screen.message.text() == WRONG["en"]

    _choose_on_unlock_screen(screen, "it")
    assert i18n.current_language() == "it"
    assert screen.message.text() == WRONG["it"]  # a shown message is written again
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert installed_qt_translator(QApplication.instance()) is not None  # Qt's own words too

    _choose_on_unlock_screen(screen, "ar")
    assert screen.message.text() == WRONG["ar"]
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.password.layoutDirection() == Qt.LayoutDirection.RightToLeft

    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=3000)
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft

    # back to English from the Language menu of the main window
    english = next(a for a in window.language_group.actions() if a.data() == "en")
    english.trigger()
    assert i18n.current_language() == "en"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.workspace_menu.title() == "&Workspace"
    assert view.case_list.new_button.text() == "&New case…"
    assert installed_qt_translator(QApplication.instance()) is None
    assert english.isChecked()

    italian = next(a for a in window.language_group.actions() if a.data() == "it")
    italian.trigger()
    assert i18n.current_language() == "it"
    assert window.workspace_menu.title() == i18n._("&Workspace")
    assert view.case_list.count_label.text() == i18n.ngettext("{n} case", "{n} cases", 0).format(
        n=0
    )


def test_the_language_chosen_at_set_up_is_kept_in_the_workspace(qtbot, workspace_dir):
    from free2link_desktop.ui.main_window import MainWindow
    from free2link_desktop.ui.setup_wizard import SetupWizard

    from .conftest import CHEAP

    window = MainWindow(workspace_dir, kdf=CHEAP, follow_stored_language=True)
    qtbot.addWidget(window)
    window.start()
    window.show()
    wizard = window.stack.currentWidget()
    assert isinstance(wizard, SetupWizard)
    wizard.language.setCurrentIndex(wizard.language.findData("el"))
    wizard.language.activated.emit(wizard.language.currentIndex())
    assert i18n.current_language() == "el"
    wizard.country.setCurrentIndex(wizard.country.findData("GR"))
    wizard.centre.setText("Κέντρο υποδοχής")
    qtbot.mouseClick(wizard.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.name, ADMIN)
    qtbot.keyClicks(wizard.password, ADMIN_PASSWORD)
    qtbot.keyClicks(wizard.confirm, ADMIN_PASSWORD)
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=10000)
    wizard.kept.setChecked(True)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.start_work_button, Qt.MouseButton.LeftButton)
    unlocked_view(qtbot, window)
    window.close()

    i18n.set_language("en")  # a new start on a computer set to English
    again = MainWindow(workspace_dir, kdf=CHEAP, follow_stored_language=True)
    qtbot.addWidget(again)
    again.start()
    again.show()
    unlock(qtbot, again, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, again)
    assert i18n.current_language() == "el"  # from the workspace, not from Qt settings
    again.close()
