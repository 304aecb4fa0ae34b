"""Where the case screens meet the guided interview (built in ui/interview by another module).

Kept in one place so the rest of the shell does not depend on the interview's internals: the
main window asks this module for a screen for a screening id and for a new screening of a case.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def interview_screen(session: Any, screening_id: int, parent: QWidget | None = None) -> Any:
    """`InterviewScreen(session, screening_id)`: resumes at the saved question, or shows the
    result of a finished screening. Signals: paused, stopped, finished(result),
    referral_requested(screening_id), closed."""
    from free2link_desktop.ui.interview.screen import InterviewScreen

    return InterviewScreen(session, screening_id, parent)
