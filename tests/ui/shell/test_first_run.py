"""First run: the set-up wizard creates the workspace and shows the recovery key once."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from free2link_desktop.services.workspace import open_workspace, workspace_exists
from free2link_desktop.ui.setup_wizard import SetupWizard

from .conftest import ADMIN, ADMIN_PASSWORD, CHEAP, unlocked_view

KEY = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){5,}$")


def _to_recovery_page(qtbot: Any, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.start_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 0  # the country is asked, never assumed
    assert wizard.welcome_message.text() == "Choose the country of your centre."
    wizard.country.setCurrentIndex(wizard.country.findData("GR"))
    qtbot.mouseClick(wizard.start_button, Qt.MouseButton.LeftButton)
    assert wizard.welcome_message.text() == "Enter the name of your centre."
    qtbot.keyClicks(wizard.centre, "Reception centre Lesvos")
    qtbot.mouseClick(wizard.start_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 1
    assert "At least 10 characters" in wizard.password_rule.text()  # before the first try
    qtbot.keyClicks(wizard.name, ADMIN)
    qtbot.keyClicks(wizard.password, ADMIN_PASSWORD)
    qtbot.keyClicks(wizard.confirm, "not the same password")
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.admin_message.text() == "The two passwords are not the same."
    assert wizard.pages.currentIndex() == 1
    qtbot.keyClicks(wizard.confirm, ADMIN_PASSWORD)
    qtbot.keyClick(wizard.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=10000)


def test_wizard_creates_workspace_and_shows_the_key_once(qtbot, make_window, workspace_dir):
    window = make_window()
    wizard = window.stack.currentWidget()
    assert isinstance(wizard, SetupWizard)
    assert wizard.folder.text() == str(workspace_dir)
    assert not workspace_exists(workspace_dir)

    _to_recovery_page(qtbot, wizard)

    key = wizard.key_view.text()
    assert KEY.match(key), key
    assert "data is lost for good" in wizard.warning.text()
    assert wizard.key_view.isReadOnly()
    assert not wizard.finish_button.isEnabled()  # not before the key is confirmed as kept
    qtbot.mouseClick(wizard.kept, Qt.MouseButton.LeftButton)
    assert wizard.finish_button.isEnabled()
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 3  # what is set up and what is left to do
    checklist = wizard.checklist.text()
    assert "Country: Greece" in checklist and "Centre: Reception centre Lesvos" in checklist
    assert "Users: only you so far" in checklist and "Backups" in checklist
    qtbot.mouseClick(wizard.start_work_button, Qt.MouseButton.LeftButton)

    view = unlocked_view(qtbot, window)
    assert window.session.settings.get("country") == "GR"
    assert window.session.settings.get("default_centre") == "Reception centre Lesvos"
    assert window.session.settings.get("sender_organisation") == "Reception centre Lesvos"
    assert view.case_list.model.total == 0
    assert window.session.user.name == ADMIN
    assert workspace_exists(workspace_dir)
    window.close()

    # The key shown was the real one: it resets the admin's password.
    workspace = open_workspace(workspace_dir, CHEAP)
    workspace.reset_password_with_recovery_key(key, ADMIN, "a brand new password")
    workspace.unlock(ADMIN, "a brand new password").lock()
    workspace.close()


def test_wizard_saves_a_printable_recovery_sheet(qtbot, make_window, tmp_path: Path):
    window = make_window()
    wizard = window.stack.currentWidget()
    _to_recovery_page(qtbot, wizard)
    assert wizard.save_sheet_button.isEnabled()
    target = tmp_path / "sheet.pdf"
    wizard.write_recovery_sheet(target)
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for group in wizard.key_view.text().split("-"):
        assert group in text
    assert str(target) in wizard.recovery_message.text()


def test_wizard_refuses_a_short_password_with_the_service_message(qtbot, make_window):
    window = make_window()
    wizard = window.stack.currentWidget()
    wizard.country.setCurrentIndex(wizard.country.findData("PL"))
    wizard.centre.setText("Warszawa")
    qtbot.mouseClick(wizard.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.name, ADMIN)
    qtbot.keyClicks(wizard.password, "short")
    qtbot.keyClicks(wizard.confirm, "short")
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert "at least 10 characters" in wizard.admin_message.text()
    assert wizard.pages.currentIndex() == 1
