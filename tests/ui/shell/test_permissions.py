"""An interviewer is refused the coordinator's actions: hidden in the window and refused by the
services when asked all the same. A coordinator may erase a case but not manage users."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from free2link_desktop.core.errors import PermissionDenied
from free2link_desktop.services.workspace import open_workspace
from free2link_desktop.ui.case_view import TAB_DETAILS

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    CHEAP,
    COORDINATOR,
    COORDINATOR_PASSWORD,
    INTERVIEWER,
    INTERVIEWER_PASSWORD,
    on_next_dialog,
    unlock,
    unlocked_view,
)


@pytest.fixture
def case_code(existing_workspace) -> str:
    workspace = open_workspace(existing_workspace, CHEAP)
    session = workspace.unlock(ADMIN, ADMIN_PASSWORD)
    code = session.cases.create("Olena", centre="Warsaw").code
    session.lock()
    workspace.close()
    return code


def test_interviewer_is_refused_coordinator_actions(qtbot, make_window, case_code):
    window = make_window()
    unlock(qtbot, window, INTERVIEWER, INTERVIEWER_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert window.user_label.text() == "ivan (Interviewer)"
    assert not window.admin_action.isVisible()
    assert not window.admin_action.isEnabled()
    assert view.case_list.new_button.isHidden()  # interviewers do not open cases
    assert not window.new_case_action.isEnabled()

    view.open_case(case_code)
    case_view = view.case_view
    assert case_view.erase_button.isHidden()
    assert case_view.referral_button.isHidden()  # interviewers do not export
    assert not window.coordinator.statistics_action.isVisible()
    assert not window.coordinator.guide_action.isVisible()
    assert case_view.details.edit_button.isHidden()
    assert not case_view.details.status.isEnabled()
    assert not case_view.screenings.new_button.isHidden()  # they do run screenings
    assert not case_view.notes.editor.isReadOnly()  # and write notes

    window.open_admin()  # even if asked directly, nothing opens
    assert window.findChild(type(window), "admin_dialog") is None

    session = window.session
    with pytest.raises(PermissionDenied):
        session.cases.erase(case_code)
    with pytest.raises(PermissionDenied):
        session.users.add("mallory", "admin", "a long password")
    with pytest.raises(PermissionDenied):
        session.settings.set("autolock_minutes", 60)
    with pytest.raises(PermissionDenied):
        session.reports.export_referral(case_code, "/nonexistent/referral.pdf")
    refusal: list[str] = []

    def read_and_close(box) -> None:
        refusal.append(box.text())
        box.accept()

    on_next_dialog(read_and_close)
    assert case_view.erase() is False  # the view's own erase is refused by the service too
    assert refusal == ["Your role (interviewer) does not allow you to erase cases."]
    assert session.cases.get(case_code).alias == "Olena"


def test_coordinator_erases_but_does_not_manage_users(qtbot, make_window, case_code):
    window = make_window()
    unlock(qtbot, window, COORDINATOR, COORDINATOR_PASSWORD)
    view = unlocked_view(qtbot, window)
    assert not window.admin_action.isVisible()
    view.open_case(case_code)
    assert not view.case_view.erase_button.isHidden()
    assert not view.case_view.referral_button.isHidden()
    assert window.coordinator.statistics_action.isVisible()
    assert window.coordinator.guide_action.isVisible()
    assert view.case_view.tabs.currentIndex() == TAB_DETAILS
    assert view.case_view.erase() is True
    qtbot.waitUntil(lambda: view.case_view is None, timeout=2000)
    assert view.case_list.model.total == 0


def test_admin_adds_a_user_who_can_then_unlock(qtbot, make_window, existing_workspace):
    window = make_window()
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    assert window.admin_action.isVisible()
    from free2link_desktop.ui.admin import AdminDialog

    dialog = AdminDialog(window.session, window.runner, window)
    qtbot.addWidget(dialog)
    users = dialog.users
    assert users is not None and dialog.settings is not None
    qtbot.keyClicks(users.name, "bea")
    users.role.setCurrentIndex(users.role.findData("caseworker"))
    qtbot.keyClicks(users.password, "caseworker password")
    qtbot.keyClicks(users.confirm, "caseworker password")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert not users.busy.isHidden()  # Argon2id runs on a worker
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert users.message.text() == "User bea added."
    assert "bea" in [users.table.item(r, 0).text() for r in range(users.table.rowCount())]
    users.table.selectRow([u.name for u in users._users].index("bea"))
    users.reset_password("bea", "a newer password")
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert users.message.text() == "The password of bea was reset."

    settings = dialog.settings
    settings.autolock.setValue(12)
    settings.centre.setText("Lesvos")
    settings.organisation.setText("Casa Aurora")
    settings.contact.setText("+39 0962 000000")
    assert settings.save()
    assert window.session.settings.get("sender_organisation") == "Casa Aurora"
    assert window.session.settings.get("sender_contact") == "+39 0962 000000"
    dialog.close()
    assert window.session.settings.get("default_centre") == "Lesvos"
    assert window.autolock.minutes == 5  # not applied until saved through the dialog's button
    window._settings_saved()
    assert window.autolock.minutes == 12

    window.lock()
    unlock(qtbot, window, "bea", "a newer password")
    unlocked_view(qtbot, window)
    assert window.user_label.text() == "bea (Caseworker)"
