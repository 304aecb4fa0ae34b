"""Render the interview screens and the library in English, Greek and Arabic into PNG files.

    QT_QPA_PLATFORM=offscreen python tests/ui/screenshots_interview.py [OUT_DIR]

F2L_SHOT_SIZE=800x560 renders a small window (an old laptop, a split screen) instead of 1100x720.
English is rendered a second time with a dark palette (files named en-dark-*), to check that
every colour comes from the palette.

Uses a throw-away encrypted workspace (cheap Argon2id) and the bundled first screening with the
interviewee's language chosen to show both directions (Arabic when the staff read Greek or
English, Greek when the staff read Arabic). Look at every picture before calling a change done.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from free2link_desktop.services.workspace import KdfParams, create_workspace  # noqa: E402
from free2link_desktop.ui.interview import LibraryBrowser  # noqa: E402
from free2link_desktop.ui.interview.screen import InterviewScreen  # noqa: E402
from free2link_desktop.ui.interview.start import StartInterviewDialog  # noqa: E402
from free2link_desktop.ui.language import apply_language  # noqa: E402

SIZE = tuple(int(v) for v in os.environ.get("F2L_SHOT_SIZE", "1100x720").split("x"))
INTERVIEWEE = {"en": "ar", "el": "ar", "ar": "el"}


def grab(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#333333",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#4a4224",
        QPalette.ColorRole.ToolTipText: "#ffefb0",
        QPalette.ColorRole.PlaceholderText: "#a0a0a0",
        QPalette.ColorRole.Mid: "#555555",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def render(language: str, out: Path, workdir: Path, prefix: str | None = None) -> None:
    apply_language(language)
    language_prefix = prefix or language
    folder = workdir / f"interview-ws-{language_prefix}"
    session, _key = create_workspace(
        folder, "ana", "correct horse battery", kdf=KdfParams(1024, 1, 1)
    )
    try:
        code = session.cases.create("Screenshot").code
        dialog = StartInterviewDialog(session, code)
        dialog.select_language(INTERVIEWEE[language])
        dialog.show()
        grab(dialog, out, f"{language_prefix}-interview-start")
        dialog.close()

        sid = session.screenings.start(code, "first-screening", INTERVIEWEE[language]).id
        screen = InterviewScreen(session, sid)
        screen.resize(*SIZE)
        screen.show()
        grab(screen, out, f"{language_prefix}-interview-observation")
        screen.go_next()
        grab(screen, out, f"{language_prefix}-interview-note")
        screen.go_next()
        screen._answer.choose(0)  # consent: yes
        grab(screen, out, f"{language_prefix}-interview-yes-no")
        screen.go_next()
        screen._answer.choose(0)  # in danger now: yes -> the urgent panel
        grab(screen, out, f"{language_prefix}-interview-urgent")
        screen.urgent.action_buttons["called"].click()
        screen.urgent.continue_button.click()
        screen.go_next()
        screen._answer.choose(1)
        screen.go_next()
        screen._answer.edit.setText("150")
        screen._answer.flush()
        grab(screen, out, f"{language_prefix}-interview-integer-refused")
        screen._answer.edit.setText("16")
        screen._answer.flush_now()  # Enter: a child, so the urgent panel opens
        screen.urgent.action_buttons["referred"].click()
        screen.urgent.continue_button.click()
        screen.go_next()
        screen._answer.choose(0)  # the child's short path: who they are here with
        grab(screen, out, f"{language_prefix}-interview-child-path")
        screen.go_next()
        screen._answer.choose(1)
        grab(screen, out, f"{language_prefix}-interview-child-path-2")
        for _ in range(40):
            if screen.result is not None:
                break
            question = screen.current_question()
            if question.type == "yes_no":
                screen._answer.choose(0)
            if screen.urgent_visible():
                screen.urgent.action_buttons["called"].click()
                screen.urgent.continue_button.click()
            screen.go_next()
            screen.go_next()  # past a "needed" reminder, if any
        grab(screen, out, f"{language_prefix}-interview-result")
        screen.close()

        browser = LibraryBrowser()
        browser.resize(*SIZE)
        browser.show()
        browser.indicators.search.setText("phone")
        grab(browser, out, f"{language_prefix}-library-indicators")
        browser.tabs.setCurrentIndex(1)
        guides = browser.guides
        guides.language.setCurrentIndex(max(0, guides.language.findData(INTERVIEWEE[language])))
        guides.tree.setCurrentItem(guides.tree.topLevelItem(1).child(0))
        grab(browser, out, f"{language_prefix}-library-guides")
        browser.close()
    finally:
        workspace = session.workspace
        session.lock()
        workspace.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/free2link-screens/interview")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as workdir:
        for language in ("en", "el", "ar"):
            render(language, out, Path(workdir))
        light = app.palette()
        app.setPalette(dark_palette())
        render("en", out, Path(workdir) / "dark", prefix="en-dark")
        app.setPalette(light)
    apply_language("en")
    print(f"screenshots in {out}", flush=True)
    for widget in app.topLevelWidgets():
        widget.deleteLater()
    app.processEvents()
    os._exit(0)  # PySide6 may crash tearing down at interpreter exit; the pictures are written


if __name__ == "__main__":
    main()
