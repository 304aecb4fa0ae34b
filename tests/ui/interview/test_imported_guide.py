"""An interview with a guide imported from an XLSForm runs like a bundled one, and its result
says plainly that the guide has no indicators."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from free2link_desktop.services.forms import import_xlsform_file
from free2link_desktop.ui.interview.screen import InterviewScreen
from free2link_desktop.ui.language import apply_language
from tests.interop.forms import intake_form

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_imported_guide_runs_to_a_plain_result(
    qtbot: Any, session: Any, case_code: str, tmp_path: Path, language: str
) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    import_xlsform_file(form, tmp_path / "intake.yaml")
    guide = session.screenings.install(tmp_path / "intake.yaml")
    record = session.screenings.start(case_code, guide.sha256, "ar")
    for question, value in {"agrees": "yes", "age": 16, "channel": "friend"}.items():
        session.screenings.save_answer(record.id, question, value)
    apply_language(language)
    try:
        screen = InterviewScreen(session, record.id)
        qtbot.addWidget(screen)
        screen.resize(1000, 700)
        screen.show()
        qtbot.waitExposed(screen)
        with qtbot.waitSignal(screen.finished, timeout=10000) as finished:
            for _ in range(20):
                if screen.current_question() is None:
                    break
                screen.go_next()
        result = finished.args[0]
        assert result.level == "none" and result.indicators == ()
        assert "minor_note" in result.relevant_questions
        shown = screen.result_view.text()
        # said in the staff language: the Arabic catalog words it as "…contains no indicators"
        assert {"en": "has no indicators", "ar": "ولا يحتوي على مؤشرات"}[language] in shown
        shots = Path(os.environ.get("XLSFORM_SHOTS") or tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        assert screen.grab().save(str(shots / f"imported-result-{language}.png"))
    finally:
        apply_language("en")
