"""The referral export dialog, driven as a coordinator would, writing a real PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.questionnaire import parse_answers_document
from free2link_desktop.ui.export_dialog import ExportDialog
from free2link_desktop.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parents[2] / "core" / "data"


@pytest.fixture
def case_with_screening(admin_session, tmp_path: Path) -> str:
    shutil.copytree(FIXTURES, tmp_path / "guides")
    code = admin_session.cases.create("Zephyr Alias", birth_year=1999, nationality="ER").code
    document = parse_answers_document(
        {
            "questionnaire": "test-screening",
            "version": "1.2.0",
            "interview_date": "2026-11-20",
            "answers": {"consent": "yes", "job_offer_online": "yes", "paid": "no", "debt": 5000},
        }
    )
    admin_session.screenings.import_answers(code, tmp_path / "guides" / "guide.yaml", document)
    admin_session.notes.add(code, "Wants help with housing.")
    admin_session.notes.add(code, "Private remark not for the partner.")
    return code


def _click_export(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_export_without_consent_needs_the_override(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    runner = TaskRunner()
    dialog = ExportDialog(admin_session, case_with_screening, runner)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "r.pdf"))
    _click_export(qtbot, dialog)
    assert "Type a password" in dialog.message.text()  # protected by default
    dialog.password.setText("a long secret")
    dialog.password_again.setText("a long secret")
    _click_export(qtbot, dialog)
    assert "No consent" in dialog.message.text()
    assert not (tmp_path / "r.pdf").exists()
    dialog.consent_override.setChecked(True)
    _click_export(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    actions = [e.action for e in admin_session.audit.entries(50)]
    assert any("export" in a for a in actions)


def test_export_with_choices_leaves_out_what_was_unticked(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    admin_session.cases.record_consent(case_with_screening, Consent(True, date.today(), "A", "en"))
    dialog = ExportDialog(admin_session, case_with_screening, TaskRunner())
    qtbot.addWidget(dialog)
    assert dialog.consent_override.isHidden()
    dialog.notes.item(0).setCheckState(Qt.CheckState.Checked)  # notes are chosen one by one
    dialog.redactions["nationality"].setChecked(True)
    recipient = dialog.recipient.findData("it-numero-verde-antitratta")
    assert recipient > 0
    dialog.recipient.setCurrentIndex(recipient)
    assert dialog.language.currentData() == "it"  # the recipient's language
    dialog.protect.setChecked(False)
    assert dialog.unprotected_warning.isVisibleTo(dialog)
    assert not dialog.password.isEnabled()
    dialog.path.setText(str(tmp_path / "r.pdf"))
    _click_export(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert case_with_screening in text
    assert "Wants help with housing." in text
    assert "Private remark" not in text
    assert "Zephyr" not in text  # the alias stays out unless chosen
    assert "ER" not in text.split()


def test_the_defaults_share_as_little_as_possible(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    admin_session.settings.set("country", "GR")
    dialog = ExportDialog(admin_session, case_with_screening, TaskRunner())
    qtbot.addWidget(dialog)
    notes = [dialog.notes.item(i).checkState() for i in range(dialog.notes.count())]
    assert notes == [Qt.CheckState.Unchecked] * 2
    assert dialog.protect.isChecked() and dialog.password.isEnabled()
    assert not dialog.unprotected_warning.isVisibleTo(dialog)
    entries = [dialog.recipient.itemText(i) for i in range(1, dialog.recipient.count())]
    countries = [text.rsplit("(", 1)[-1].rstrip(")") for text in entries if "(" in text]
    assert countries[0] == "GR" and countries == sorted(countries, key=lambda c: c != "GR")
    assert "112" not in " ".join(entries)  # an emergency number is called, not sent a report


def test_mismatched_passwords_are_refused(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    dialog = ExportDialog(admin_session, case_with_screening, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.password.setText("one secret")
    dialog.password_again.setText("another")
    _click_export(qtbot, dialog)
    assert "differ" in dialog.message.text()


def test_a_typed_path_inside_the_workspace_is_refused_before_anything_is_asked(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    """Typing the database's own path into "Save as": refused on the spot, nothing written."""
    database = admin_session.workspace.layout.db
    before = database.stat().st_size
    dialog = ExportDialog(admin_session, case_with_screening, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.consent_override.setChecked(True)
    dialog.protect.setChecked(False)
    dialog.path.setText(str(database))
    _click_export(qtbot, dialog)  # no "replace it?" question: it would block here
    assert "inside the workspace folder" in dialog.message.text()
    assert dialog.written is None and database.stat().st_size == before
    assert admin_session.cases.get(case_with_screening).alias == "Zephyr Alias"


def test_replacing_a_typed_existing_file_is_asked_first(
    qtbot, admin_session, case_with_screening, tmp_path: Path
):
    from tests.ui.shell.conftest import on_next_dialog

    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"an earlier referral")
    dialog = ExportDialog(admin_session, case_with_screening, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.consent_override.setChecked(True)
    dialog.protect.setChecked(False)
    dialog.path.setText(str(existing))
    asked: list[str] = []

    def say_no(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    on_next_dialog(say_no)
    _click_export(qtbot, dialog)
    assert asked and "already exists" in asked[0]
    assert existing.read_bytes() == b"an earlier referral"

    def say_yes(box) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_dialog(say_yes)
    _click_export(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert existing.read_bytes().startswith(b"%PDF")
