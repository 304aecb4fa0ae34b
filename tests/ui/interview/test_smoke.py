from __future__ import annotations

from typing import Any

import pytest

from free2link_desktop.ui.interview.screen import InterviewScreen

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_opens_on_first_question(qtbot: Any, session: Any, screening_id: int) -> None:
    screen = InterviewScreen(session, screening_id)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.current_question().id == "intro"
