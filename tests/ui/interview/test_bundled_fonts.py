"""The interview can show Urdu and Pashto letters even where the system fonts lack them.

Why (issue 15): on a machine whose fonts cover Arabic but not the letters Urdu and Pashto add,
those letters were drawn as empty boxes in front of the person being interviewed. The bundled
Noto Naskh Arabic (already embedded in the PDF reports) is now registered with Qt.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from free2link_desktop.ui.interview.screen import InterviewScreen

URDU_AND_PASHTO = "ہےںٹڈڑښږځڅټډړګ"


def test_the_interview_registers_a_font_for_urdu_and_pashto(
    qtbot: Any, session: Any, case_code: str
) -> None:
    screening_id = session.screenings.start(case_code, "first-screening", "ur").id
    screen = InterviewScreen(session, screening_id)
    qtbot.addWidget(screen)
    assert "Noto Naskh Arabic" in QFontDatabase.families()
    metrics = QFontMetrics(QFont("Noto Naskh Arabic"))
    missing = [ch for ch in URDU_AND_PASHTO if not metrics.inFontUcs4(ord(ch))]
    assert missing == []
