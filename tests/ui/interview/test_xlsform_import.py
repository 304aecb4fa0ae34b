"""The library's "Import XLSForm…": a preview of what was kept, changed and skipped, then save.

Rendered offscreen in English, Greek and Arabic; set XLSFORM_SHOTS=DIR to keep the pictures.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from free2link_desktop.core.questionnaire import load_questionnaire
from free2link_desktop.ui.interview import LibraryBrowser
from free2link_desktop.ui.language import apply_language
from free2link_desktop.ui.library.xlsform_dialog import XlsformImportDialog
from tests.interop.forms import PYXFORM, intake_form

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _close_next_message_box() -> list[str]:
    seen: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(10, close)

    QTimer.singleShot(0, close)
    return seen


def _loaded(qtbot: Any, form: Path) -> XlsformImportDialog:
    dialog = XlsformImportDialog()
    qtbot.addWidget(dialog)
    dialog.resize(900, 560)
    dialog.show()
    dialog.load(form)
    qtbot.waitUntil(lambda: dialog.choose.isEnabled(), timeout=20000)
    return dialog


def test_the_preview_shows_what_changed_and_saving_writes_a_valid_guide(
    qtbot: Any, tmp_path: Path
) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    dialog = _loaded(qtbot, form)
    assert dialog.save.isEnabled()
    summary = dialog.summary.text()
    assert "Intake 2024: 9 questions in 2 sections" in summary
    assert "en (source), el (draft), ar (draft), uk (draft)" in summary
    assert "The guide has no indicators" in summary
    rows = dialog.visible_notes()
    assert rows[0][0] == "Skipped"  # what needs checking comes first
    assert ["Skipped", "survey, row 15", "where", "a location: not imported"] in rows
    assert [
        "Changed",
        "survey, row 7",
        "Age",
        "renamed to 'age' (question ids are lower-case)",
    ] in rows
    assert ["Kept", "survey, row 4", "agrees", "select_one yn -> yes/no"] in rows
    assert not list(tmp_path.glob("*.yaml"))  # nothing written before saving

    out = tmp_path / "intake.yaml"
    messages = _close_next_message_box()
    dialog.save_to(out)
    assert messages and str(out) in messages[0]
    guide = load_questionnaire(out)
    assert guide.id == "intake-form" and len(guide.questions) == 9


def test_a_broken_form_is_explained_and_cannot_be_saved(qtbot: Any) -> None:
    dialog = _loaded(qtbot, PYXFORM / "duplicate_columns.xlsx")
    assert not dialog.save.isEnabled()
    assert dialog.summary.text() == (
        "This form cannot be imported. Sheet survey, row 1: the column 'label' appears twice."
    )
    assert dialog.visible_notes() == []


def test_the_library_offers_the_import(qtbot: Any) -> None:
    browser = LibraryBrowser()
    qtbot.addWidget(browser)
    assert browser.import_xlsform.text() == "Import &XLSForm…"


@pytest.mark.parametrize("language", ["en", "el", "ar"])
def test_the_dialog_renders_in_each_language(qtbot: Any, tmp_path: Path, language: str) -> None:
    apply_language(language)
    try:
        dialog = _loaded(qtbot, PYXFORM / "UCL_Biomass_Plot_Form.xlsx")
        qtbot.wait(50)
        rtl = Qt.LayoutDirection.RightToLeft
        assert (dialog.layoutDirection() == rtl) == (language == "ar")
        shots = Path(os.environ.get("XLSFORM_SHOTS") or tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        picture = shots / f"xlsform-import-{language}.png"
        assert dialog.grab().save(str(picture))
        assert picture.stat().st_size > 10_000
        assert dialog.notes.topLevelItemCount() > 50
    finally:
        apply_language("en")


def test_saving_never_replaces_a_file_silently(qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "ucl.yaml"
    out.write_text("my own guide", encoding="utf-8")
    dialog = _loaded(qtbot, PYXFORM / "UCL_Biomass_Plot_Form.xlsx")
    messages = _close_next_message_box()
    dialog.save_to(out)
    assert messages and "already exists" in messages[0]
    assert out.read_text(encoding="utf-8") == "my own guide"
    assert not (tmp_path / "ucl.indicators.yaml").exists()
    assert dialog.isVisible()  # the preview stays open to choose another name


def test_the_chosen_row_is_shown_in_full_and_each_cell_keeps_its_own_direction(
    qtbot: Any, tmp_path: Path
) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    dialog = _loaded(qtbot, form)
    first = dialog.notes.topLevelItem(0)
    assert first is not None
    assert first.text(3).startswith("\u2068") and first.text(3).endswith("\u2069")
    dialog.notes.setCurrentItem(first)
    assert "(name it like 'label::Local dialect (xx)')" in dialog.detail.text()
