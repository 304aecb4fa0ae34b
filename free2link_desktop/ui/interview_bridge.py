"""Where the case screens meet the guided interview (ui/interview, built alongside).

Kept in one place so the rest of the shell depends only on the interview package's public
names (see its __init__): `start_screening` asks for the guide and the interviewee's language
and starts the screening; `InterviewScreen` resumes one at its saved question, or shows the
result of a finished or stopped one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from free2link_desktop.ui import interview


def start_screening(session: Any, case_code: str, parent: QWidget | None = None) -> int | None:
    """The new screening's id, or None when the person cancelled the dialog."""
    result: int | None = interview.start_screening(session, case_code, parent)
    return result


def interview_screen(session: Any, screening_id: int, parent: QWidget | None = None) -> Any:
    """Signals: paused, stopped, finished(result), referral_requested(id), closed."""
    return interview.InterviewScreen(session, screening_id, parent)


def library_browser(parent: QWidget | None = None) -> Any:
    """The offline indicator library and guides (needs no session)."""
    return interview.LibraryBrowser(parent)
