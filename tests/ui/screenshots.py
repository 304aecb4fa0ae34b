"""Render every screen of the application shell in English, Greek and Arabic into PNG files.

    QT_QPA_PLATFORM=offscreen python tests/ui/screenshots.py OUT_DIR [LANG ...]

A throw-away encrypted workspace (cheap Argon2id) is created per language and driven through the
real window: set-up wizard, unlock (and a wrong password), case list, case view tabs, the new
case dialog, users and settings, the lock screen, and the "held by another instance" page. The
interview screens and the library come from tests/ui/screenshots_interview.py when it is there.
Look at every picture before calling a change done: Greek is long, Arabic is right to left.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from free2link_desktop.core.cases import Consent  # noqa: E402
from free2link_desktop.services.workspace import KdfParams, open_workspace  # noqa: E402
from free2link_desktop.ui.admin import AdminDialog  # noqa: E402
from free2link_desktop.ui.case_form import CaseFormDialog  # noqa: E402
from free2link_desktop.ui.case_view import TAB_FOLLOWUPS, TAB_NOTES, TAB_SCREENINGS  # noqa: E402
from free2link_desktop.ui.language import apply_language  # noqa: E402
from free2link_desktop.ui.main_window import MainWindow  # noqa: E402
from free2link_desktop.ui.recovery import RecoveryDialog  # noqa: E402

CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse battery"
SIZE = (1100, 720)
PEOPLE = (
    ("Amira", "Crotone", "NG", ("en", "ar")),
    ("Joy E.", "Athens", "NG", ("en",)),
    ("Olena K.", "Warsaw", "UA", ("uk", "pl")),
)
NOTE = {
    "en": "Met at the reception desk. She says the job offer came through Instagram.",
    "el": "Συνάντηση στην υποδοχή. Λέει ότι η προσφορά εργασίας ήρθε μέσω Instagram.",
    "ar": "التقينا عند مكتب الاستقبال. تقول إن عرض العمل جاء عبر إنستغرام.",
}


class Shooter:
    def __init__(self, out: Path, language: str) -> None:
        self.out, self.language = out, language

    def __call__(self, widget: QWidget, name: str) -> None:
        settle()
        path = self.out / f"{self.language}-{name}.png"
        widget.grab().save(str(path))
        print(path)


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()
        time.sleep(0.01)


def wait_idle(window: MainWindow) -> None:
    while window.runner.busy:
        settle(1)
    settle()


def render(language: str, out: Path, workdir: Path) -> None:
    shoot = Shooter(out, language)
    apply_language(language)
    path = workdir / f"ws-{language}"
    window = MainWindow(path, kdf=CHEAP, follow_stored_language=False)
    window.resize(*SIZE)
    window.start()
    window.show()
    wizard: Any = window.stack.currentWidget()
    wizard.country.setCurrentIndex(wizard.country.findData("IT"))
    wizard.centre.setText("Crotone")
    shoot(window, "01-setup-welcome")
    wizard.start_button.click()
    shoot(window, "02-setup-admin")
    wizard.name.setText("maria")
    wizard.password.setText(PASSWORD)
    wizard.confirm.setText("typo")
    wizard.create_workspace()
    shoot(window, "02-setup-admin-mismatch")
    wizard.confirm.setText(PASSWORD)
    wizard.create_workspace()
    wait_idle(window)
    shoot(window, "03-setup-recovery-key")
    wizard.kept.setChecked(True)
    wizard.finish_button.click()
    shoot(window, "04-setup-checklist")
    wizard.start_work_button.click()
    settle()

    session = window.session
    session.settings.set("default_centre", "Crotone")
    for alias, centre, nationality, languages in PEOPLE:
        case = session.cases.create(
            alias, birth_year=1999, nationality=nationality, languages=languages, centre=centre
        )
        session.notes.add(case.code, NOTE[language])
    first = session.cases.list_page(0, 10, sort="code_asc")[0].code
    session.cases.record_consent(
        first, Consent(given=True, date=date(2026, 11, 20), witness="Dr. Rossi", language="ar")
    )
    session.followups.add(first, case.created_at.date(), "Call the legal advisor")
    session.screenings.start(first, "first-screening", "ar")
    view = window.view
    assert view is not None
    view.case_list.refresh()
    shoot(window, "04-case-list")
    view.open_case(first)
    shoot(window, "05-case-details")
    for tab, name in (
        (TAB_NOTES, "06-case-notes"),
        (TAB_SCREENINGS, "07-case-screenings"),
        (TAB_FOLLOWUPS, "08-case-followups"),
    ):
        view.case_view.tabs.setCurrentIndex(tab)
        shoot(window, name)

    form = CaseFormDialog(session, None, window)
    form.show()
    shoot(form, "09-new-case")
    form.close()
    admin = AdminDialog(session, window.runner, window)
    admin.show()
    shoot(admin, "10-users")
    admin.tabs.setCurrentIndex(1)
    shoot(admin, "11-settings")
    admin.close()

    window.lock()
    shoot(window, "12-locked")
    screen: Any = window.stack.currentWidget()
    screen.password.setText("not the password")
    screen.try_unlock()
    wait_idle(window)
    shoot(window, "13-unlock-wrong-password")
    window.close()

    held = open_workspace(path, CHEAP)  # a second window meets a workspace already open
    try:
        second = MainWindow(path, kdf=CHEAP, follow_stored_language=False)
        second.resize(*SIZE)
        second.start()
        second.show()
        shoot(second, "14-held-by-another-instance")
        second.close()
    finally:
        held.close()
    first_unlock = MainWindow(path, kdf=CHEAP, follow_stored_language=False)
    first_unlock.resize(*SIZE)
    first_unlock.start()
    first_unlock.show()
    shoot(first_unlock, "15-unlock")
    recovery = RecoveryDialog(first_unlock.workspace, first_unlock.runner, "maria", first_unlock)
    recovery.show()
    shoot(recovery, "16-forgotten-password")
    recovery.close()
    first_unlock.close()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    languages = argv[1:] or ["en", "el", "ar"]
    app = QApplication.instance() or QApplication([])
    extra = HERE / "screenshots_interview.py"
    interview: Any = None
    if extra.is_file():
        spec = importlib.util.spec_from_file_location("screenshots_interview", extra)
        assert spec is not None and spec.loader is not None
        interview = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(interview)
        except ImportError as error:  # the shell's pictures are still worth having
            print(f"interview screens skipped: {error}", file=sys.stderr)
            interview = None
    with tempfile.TemporaryDirectory() as tmp:
        for language in languages:
            render(language, out, Path(tmp) / "shell")
            if interview is not None and hasattr(interview, "render"):
                (Path(tmp) / "interview").mkdir(exist_ok=True)
                interview.render(language, out, Path(tmp) / "interview")
    apply_language("en")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
