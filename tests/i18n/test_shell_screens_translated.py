"""The application's own screens in every staff language: first run, unlock, case list, a case
with each of its tabs, users and settings, referral and statistics export, the referral
directory, the indicator library.

Each language is checked on screens built while it is active and after switching to it while
the window is open (the staff switch language without restarting). Data (the case's alias, a
guide's texts) is allowed; see tests/i18n/visible.py for what counts as leaked English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from free2link_desktop.i18n.catalogs import SHIPPED_LANGUAGES
from free2link_desktop.paths import questionnaires_dir
from free2link_desktop.services.workspace import create_workspace
from free2link_desktop.ui.admin import AdminDialog
from free2link_desktop.ui.case_view import TAB_DETAILS, TAB_FOLLOWUPS, TAB_NOTES, TAB_SCREENINGS
from free2link_desktop.ui.directory_dialog import DirectoryDialog
from free2link_desktop.ui.export_dialog import ExportDialog
from free2link_desktop.ui.language import apply_language
from free2link_desktop.ui.main_window import MainWindow
from free2link_desktop.ui.statistics_dialog import StatisticsDialog
from free2link_desktop.ui.tasks import TaskRunner
from tests.i18n.visible import data_strings, english_leaks, visible_texts
from tests.ui.shell.conftest import ADMIN, ADMIN_PASSWORD, CHEAP, unlock, unlocked_view

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

UI_DATA = Path(__file__).resolve().parents[1] / "ui" / "data"
ALIAS = "Rosa"
TABS = {
    TAB_DETAILS: "details tab",
    TAB_NOTES: "notes tab",
    TAB_SCREENINGS: "screenings tab",
    TAB_FOLLOWUPS: "follow-ups tab",
}


@pytest.fixture(scope="module")
def data() -> frozenset[str]:
    bundled = sorted(questionnaires_dir().rglob("*.yaml"))
    names = {ALIAS, ADMIN, "Free2Link"}
    return data_strings(*sorted(UI_DATA.glob("*.yaml")), *bundled) | names


@pytest.fixture(autouse=True)
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_language("en")


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    path = tmp_path / "workspace"
    session, _recovery = create_workspace(path, ADMIN, ADMIN_PASSWORD, kdf=CHEAP)
    code = session.cases.create(ALIAS).code
    screening = session.screenings.start(code, str(UI_DATA / "guide.yaml"), "ar")
    session.screenings.save_answer(screening.id, "consent", "yes")
    session.screenings.finish(screening.id)
    session.lock()
    session.workspace.close()
    return path


def _window(qtbot: Any, path: Path) -> MainWindow:
    window = MainWindow(path, kdf=CHEAP, follow_stored_language=False)
    qtbot.addWidget(window)
    window.start()
    window.resize(1100, 750)
    window.show()
    return window


class Findings:
    def __init__(self, language: str, data: frozenset[str]) -> None:
        self.language, self.data, self.problems = language, data, list[str]()

    def check(self, widget: QWidget, where: str) -> None:
        QApplication.processEvents()
        leaks = english_leaks(visible_texts(widget), self.language, self.data)
        self.problems += [f"[{self.language}] {where}: {leak}" for leak in leaks]

    def assert_none(self) -> None:
        assert not self.problems, "English left on screen:\n" + "\n".join(self.problems)


def _walk_unlocked(qtbot: Any, window: MainWindow, found: Findings, how: str) -> None:
    view = unlocked_view(qtbot, window)
    found.check(window, f"case list ({how})")
    code = window.session.cases.list_page(0, 1)[0].code
    view.open_case(code)
    for index, name in TABS.items():
        view.case_view.tabs.setCurrentIndex(index)
        found.check(window, f"{name} ({how})")
    admin = AdminDialog(window.session, window)
    qtbot.addWidget(admin)
    admin.show()
    found.check(admin, f"users and settings ({how})")
    admin.close()
    for dialog, name in (
        (ExportDialog(window.session, code, TaskRunner()), "referral export"),
        (StatisticsDialog(window.session, TaskRunner()), "statistics export"),
        (DirectoryDialog(window.session), "referral directory"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        found.check(dialog, f"{name} ({how})")
        dialog.close()
    window.open_library()
    found.check(window.library_window, f"indicator library ({how})")
    window.library_window.close()


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_first_run_in_the_language(
    qtbot: Any, tmp_path: Path, data: frozenset[str], language: str
) -> None:
    apply_language(language)
    found = Findings(language, data)
    window = _window(qtbot, tmp_path / "new-workspace")
    found.check(window, "first run")
    found.assert_none()


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_screens_built_in_the_language(
    qtbot: Any, workspace_dir: Path, data: frozenset[str], language: str
) -> None:
    apply_language(language)
    found = Findings(language, data)
    window = _window(qtbot, workspace_dir)
    found.check(window, "unlock")
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    _walk_unlocked(qtbot, window, found, "built in the language")
    window.lock()
    found.check(window, "locked")
    found.assert_none()


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_screens_switched_while_open(
    qtbot: Any, workspace_dir: Path, data: frozenset[str], language: str
) -> None:
    found = Findings(language, data)
    window = _window(qtbot, workspace_dir)
    unlock(qtbot, window, ADMIN, ADMIN_PASSWORD)
    unlocked_view(qtbot, window)
    window.choose_language(language)
    _walk_unlocked(qtbot, window, found, "switched while open")
    window.lock()
    found.check(window, "locked after switching")
    found.assert_none()
