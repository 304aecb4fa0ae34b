"""Statistics export, the referral directory editor and guide installation, on a real workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow

from free2link_desktop.ui.coordinator_menu import CoordinatorActions
from free2link_desktop.ui.directory_dialog import DirectoryDialog
from free2link_desktop.ui.interview.start import StartInterviewDialog
from free2link_desktop.ui.statistics_dialog import StatisticsDialog
from free2link_desktop.ui.tasks import TaskRunner
from tests.conftest import first_screening_copy
from tests.ui.shell.conftest import on_next_dialog


def test_statistics_export_writes_csv_and_pdf(qtbot, admin_session, tmp_path: Path):
    admin_session.cases.create("Secret Alias")
    dialog = StatisticsDialog(admin_session, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.csv_path.setText(str(tmp_path / "stats.csv"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=20000)
    csv_text = (tmp_path / "stats.csv").read_text(encoding="utf-8")
    assert "Secret Alias" not in csv_text and "IT-" not in csv_text
    assert (tmp_path / "stats.pdf").read_bytes().startswith(b"%PDF")


def test_statistics_into_a_missing_folder_is_refused(qtbot, admin_session, tmp_path: Path):
    dialog = StatisticsDialog(admin_session, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.csv_path.setText(str(tmp_path / "nowhere" / "stats.csv"))
    dialog.export()
    assert "does not exist" in dialog.message.text()


def test_coordinator_adds_and_corrects_a_directory_entry(qtbot, admin_session):
    dialog = DirectoryDialog(admin_session)
    qtbot.addWidget(dialog)
    bundled = dialog.entries.count()
    assert bundled >= 6 and "Source:" in dialog.provenance.text()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.fields["id"], "casa-aurora")
    qtbot.keyClicks(dialog.fields["name"], "Casa Aurora shelter")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "reach" in dialog.message.text()  # no phone, e-mail or website yet
    qtbot.keyClicks(dialog.fields["phone"], "+39 080 000 0000, +39 080 111 1111")
    dialog.services.setPlainText("Shelter for women\nLegal advice")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = admin_session.directory.get("casa-aurora")
    assert saved.phone == ("+39 080 000 0000", "+39 080 111 1111")
    assert [s.get("en") for s in saved.services] == ["Shelter for women", "Legal advice"]
    assert dialog.entries.count() == bundled + 1
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.entries.count() == bundled


def test_a_caseworker_reads_the_directory_but_cannot_edit(qtbot, admin_session):
    admin_session.users.add("cw", "caseworker", "caseworker pw 1")
    admin_session.lock()
    session = admin_session.workspace.unlock("cw", "caseworker pw 1")
    dialog = DirectoryDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.entries.count() > 0
    assert dialog.save_button.isHidden() and not dialog.fields["name"].isEnabled()
    session.lock()


def test_admin_changes_a_role_and_keeps_the_last_admin(qtbot, admin_session):
    from free2link_desktop.ui.admin import UsersPanel

    admin_session.users.add("bea", "caseworker", "bea password 1")
    panel = UsersPanel(admin_session, TaskRunner())
    qtbot.addWidget(panel)
    names = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    panel.table.selectRow(names.index("bea"))
    assert panel.new_role.currentData() == "caseworker"
    panel.new_role.setCurrentIndex(panel.new_role.findData("coordinator"))
    qtbot.mouseClick(panel.role_button, Qt.MouseButton.LeftButton)
    assert {u.name: str(u.role) for u in admin_session.users.list()}["bea"] == "coordinator"
    assert "bea" in panel.message.text()
    panel.table.selectRow(names.index("admin"))
    panel.new_role.setCurrentIndex(panel.new_role.findData("caseworker"))
    qtbot.mouseClick(panel.role_button, Qt.MouseButton.LeftButton)
    assert "last administrator" in panel.message.text()


def test_coordinator_installs_a_guide_that_new_screenings_offer(qtbot, admin_session, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = CoordinatorActions(window, TaskRunner())
    actions.update(admin_session)
    assert actions.guide_action.isVisible()
    said: list[str] = []

    def read_and_close(box) -> None:
        said.append(box.text() + "\n" + box.informativeText())
        box.accept()

    on_next_dialog(read_and_close, seconds=60)  # shown once the worker has checked the file
    actions.install_guide_file(first_screening_copy(tmp_path / "new", "1.5.0"))
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    assert said[0].startswith("Installed: First screening")
    assert "version 1.5.0" in said[0]

    code = admin_session.cases.create("Ibis").code
    dialog = StartInterviewDialog(admin_session, code)
    qtbot.addWidget(dialog)
    offered = [
        dialog.guide_list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(dialog.guide_list.count())
    ]
    assert {g.id: g.version for g in offered}["first-screening"] == "1.5.0"
    dialog.guide_list.setCurrentRow(next(r for r, g in enumerate(offered) if g.version == "1.5.0"))
    dialog.select_language("en")
    dialog.start()
    assert admin_session.screenings.get(dialog.screening_id).version == "1.5.0"

    said.clear()
    broken = first_screening_copy(tmp_path / "broken", "2.0.0")
    broken.write_text(broken.read_text("utf-8").replace("type: yes_no", "type: maybe", 1), "utf-8")
    on_next_dialog(read_and_close, seconds=60)  # shown once the worker has checked the file
    actions.install_guide_file(broken)
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    assert said[0].startswith("The guide was not installed.")
    assert f"{broken}:" in said[0] and "unknown type 'maybe'" in said[0]
