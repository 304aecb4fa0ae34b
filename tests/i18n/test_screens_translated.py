"""Walk the screens in every staff language and fail on visible English that should be translated.

Each screen is checked twice per language: built while the language is already active, and
built in English and then switched while it is open (the language changes without a restart,
so every widget must retranslate itself). Text that comes from data (a guide's questions, the
referral directory, the case's alias) is allowed; see tests/i18n/visible.py for the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from free2link_desktop import i18n
from free2link_desktop.i18n.catalogs import SHIPPED_LANGUAGES
from free2link_desktop.i18n.qt import install_qt_translations
from free2link_desktop.paths import questionnaires_dir
from free2link_desktop.services.workspace import KdfParams, create_workspace
from tests.i18n.visible import data_strings, english_leaks, visible_texts

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

UI_DATA = Path(__file__).resolve().parents[1] / "ui" / "data"
GUIDE = UI_DATA / "guide.yaml"
CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)
ALIAS = "Rosa"
ANSWERS = {"consent": "yes", "in_danger_now": "yes", "job_offer_online": "yes"}


@pytest.fixture(scope="module")
def data() -> frozenset[str]:
    bundled = sorted(questionnaires_dir().rglob("*.yaml"))
    return data_strings(*sorted(UI_DATA.glob("*.yaml")), *bundled) | {ALIAS, "ana"}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Any]:
    session, _recovery = create_workspace(
        tmp_path / "ws", "ana", "correct horse battery", kdf=CHEAP
    )
    workspace = session.workspace
    yield session
    if not session.is_locked:
        session.lock()
    workspace.close()


@pytest.fixture
def in_language(qapp: QApplication) -> Iterator[Callable[[str, QWidget | None], None]]:
    """Switch the whole application's language, as the settings screen does."""

    def switch(language: str, window: QWidget | None = None) -> None:
        i18n.set_language(language)
        install_qt_translations(qapp, language)
        if window is not None:
            QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
        QCoreApplication.processEvents()

    yield switch
    switch("en")


def _check(widget: QWidget, language: str, data: frozenset[str], where: str) -> list[str]:
    return [
        f"[{language}] {where}: {problem}"
        for problem in english_leaks(visible_texts(widget), language, data)
    ]


def _walk_interview(qtbot: Any, screen: Any, language: str, data: frozenset[str]) -> list[str]:
    """Every question, the urgent panel and the result page, as Next takes the person through."""
    problems: list[str] = []
    for step in range(60):
        problems += _check(screen, language, data, f"interview step {step}")
        if screen.result is not None:
            return problems
        if screen.urgent_visible():
            screen.urgent.continue_button.click()
        else:
            screen.go_next()
        qtbot.wait(1)
    raise AssertionError("the interview did not reach its result page in 60 steps")


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_interview_screens_built_in_the_language(
    qtbot: Any, session: Any, in_language: Any, data: frozenset[str], language: str
) -> None:
    from free2link_desktop.ui.interview.screen import InterviewScreen
    from free2link_desktop.ui.interview.start import StartInterviewDialog

    code = session.cases.create(ALIAS).code
    screening_id = session.screenings.start(code, str(GUIDE), "ar").id
    for question, value in ANSWERS.items():
        session.screenings.save_answer(screening_id, question, value)
    in_language(language)

    dialog = StartInterviewDialog(session, code, folder=UI_DATA)
    qtbot.addWidget(dialog)
    dialog.show()
    problems = _check(dialog, language, data, "start dialog")
    dialog.reject()

    screen = InterviewScreen(session, screening_id)
    qtbot.addWidget(screen)
    screen.resize(1100, 750)
    screen.show()
    qtbot.waitExposed(screen)
    problems += _walk_interview(qtbot, screen, language, data)
    assert not problems, "English left on screen:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_interview_screen_switched_while_open(
    qtbot: Any, session: Any, in_language: Any, data: frozenset[str], language: str
) -> None:
    from free2link_desktop.ui.interview.screen import InterviewScreen

    code = session.cases.create(ALIAS).code
    screening_id = session.screenings.start(code, str(GUIDE), "ar").id
    for question, value in ANSWERS.items():
        session.screenings.save_answer(screening_id, question, value)
    screen = InterviewScreen(session, screening_id)
    qtbot.addWidget(screen)
    screen.resize(1100, 750)
    screen.show()
    qtbot.waitExposed(screen)
    screen.go_next()

    in_language(language, screen)
    problems = _check(screen, language, data, "after switching")
    problems += _walk_interview(qtbot, screen, language, data)
    assert not problems, "English left on screen:\n" + "\n".join(problems)
