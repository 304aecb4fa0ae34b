"""A child process that starts the real GUI offscreen and reports when a screen was drawn.

    python benchmarks/gui_probe.py start WORKSPACE
        prints `DRAWN <monotonic>` once the unlock screen has been drawn, then quits; the parent
        took time.monotonic() just before launching, so the difference is start to unlock
        window drawn (interpreter start, imports, QApplication, main window, first paint).
    python benchmarks/gui_probe.py unlock WORKSPACE USER   (the password on stdin)
        waits 1.5 s (typing), types the password into the unlock screen and presses Unlock
        (the real Argon2id on the TaskRunner's worker), then prints `UNLOCKED <seconds>` once
        the case list has been drawn, `ROWS <n>`, and `MAXRSS <KiB>`: the peak memory with the
        workspace open and the case list shown (after one search, as a person would).

CLOCK_MONOTONIC is system-wide on Linux, so the parent can compare the child's reading with
its own. "Drawn" means QWidget.grab() of the main window has rendered it: the same painting a
screen would show.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

#: How long the probe "types" before pressing Unlock (a password takes a person 2 s or more).
TYPING_MS = 1500


def main_window(app: QApplication):
    for widget in app.topLevelWidgets():
        if widget.objectName() == "main_window" and widget.isVisible():
            return widget
    raise SystemExit("probe: the main window is not shown")


def probe_start(app: QApplication) -> None:
    window = main_window(app)
    screen = window.stack.currentWidget()
    if screen is None or screen.objectName() != "unlock_screen":
        raise SystemExit(f"probe: expected the unlock screen, found {screen!r}")
    window.grab()
    print(f"DRAWN {time.monotonic():.6f}", flush=True)
    app.quit()


def probe_unlock(app: QApplication, user: str, password: str) -> None:
    window = main_window(app)
    screen = window.stack.currentWidget()
    screen.user.setCurrentIndex(max(screen.user.findText(user), 0))
    screen.password.setText(password)
    started = time.perf_counter()

    def drawn(_session: object) -> None:
        # connected after the main window's own slot, so the workspace view exists now
        window.grab()
        seconds = time.perf_counter() - started
        case_list = window.view.case_list
        print(f"UNLOCKED {seconds:.6f}", flush=True)
        print(f"ROWS {case_list.model.rowCount()} TOTAL {case_list.model.total}", flush=True)
        case_list.search.setText("passport")
        case_list.apply_search()
        window.grab()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"MAXRSS {peak}", flush=True)
        app.quit()

    screen.unlocked.connect(drawn)
    screen.try_unlock()


def main() -> int:
    mode, workspace = sys.argv[1], sys.argv[2]
    app = QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    if mode == "start":
        QTimer.singleShot(0, lambda: probe_start(app))
    else:
        user, password = sys.argv[3], sys.stdin.readline().rstrip("\n")
        # a person takes a moment to type a password; the app uses it (see ui/main_window.py)
        QTimer.singleShot(TYPING_MS, lambda: probe_unlock(app, user, password))
    from free2link_desktop import app as free2link_app

    return free2link_app.main(["--workspace", workspace])


if __name__ == "__main__":
    sys.exit(main())
