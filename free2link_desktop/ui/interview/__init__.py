"""The guided interview, its result, and the offline indicator library and guides browser.

NOTE FOR THE SHELL (how to host these screens; everything else in this package is internal):

- `start_screening(session, case_code, parent) -> int | None`: shows the modal
  `StartInterviewDialog` (choose the guide and the interviewee's language, each with its
  translation status) and calls `session.screenings.start`; returns the new screening's id, or
  None when the user cancelled. Raises nothing for a cancel; a Free2LinkError from the service
  propagates (show `error.message()`).
- `InterviewScreen(session, screening_id, parent=None)`: a QWidget to put on your stack.
  It resumes at the saved position (`record.current_question`), so after an auto-lock you simply
  build a new one for the same id. A completed or stopped screening opens on its result page,
  and so does an open one for a role without "screening.run" (read-only, result so far).
  Signals: `paused()`, `stopped()`, `finished(result)` (a core ScreeningResult; the screen then
  shows the result page itself), `referral_requested(int screening_id)` (the "Prepare referral"
  button; disabled unless `session.can("report.export")`), `closed()` (the person left the result
  page with "Back to the case").
  Call `flush()` before locking or removing it (saves a pending typed answer at once).
  `screening_id` attribute: the id it shows.
- `LibraryBrowser(parent=None)`: a QWidget with two tabs, the indicator library (search, filter
  by dimension, strength and online) and the bundled guides section by section. Needs no session
  (bundled files only).

All widgets retranslate on QEvent.LanguageChange (they re-read `i18n._`) and follow the
application's layout direction; the interviewee's text keeps its own direction.
"""

from __future__ import annotations

from typing import Any

__all__ = ["InterviewScreen", "LibraryBrowser", "StartInterviewDialog", "start_screening"]


def __getattr__(name: str) -> Any:
    """Import the Qt modules only when a screen is asked for (keeps start-up light)."""
    if name == "InterviewScreen":
        from free2link_desktop.ui.interview.screen import InterviewScreen

        return InterviewScreen
    if name in ("StartInterviewDialog", "start_screening"):
        from free2link_desktop.ui.interview import start

        return getattr(start, name)
    if name == "LibraryBrowser":
        from free2link_desktop.ui.library.browser import LibraryBrowser

        return LibraryBrowser
    raise AttributeError(name)
