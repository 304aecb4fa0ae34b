"""Benchmark of the interview screen (SPEC section 8: next question drawn after an answer,
p95 ≤ 50 ms).

Opens the real InterviewScreen offscreen on a new encrypted workspace (cheap Argon2id: the
unlock is not measured here), answers each question as an interviewer would (the answer key
or a typed number, saved through the service with synchronous=FULL), then times `go_next()`
until the next question is painted (`repaint()`, which draws synchronously). Both bundled
guides, walked several times in Arabic (right to left, the longest texts), so the sample holds
every kind of question. An urgent answer's panel is answered outside the timing.

Run: `QT_QPA_PLATFORM=offscreen python benchmarks/interview.py [--walks 5]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from free2link_desktop.services.workspace import KdfParams, create_workspace
from free2link_desktop.ui.interview.screen import InterviewScreen

BUDGET_MS = 50.0
GUIDES = ("first-screening", "full-screening")


def _answer(screen: InterviewScreen) -> None:
    """What an interviewer gives: "yes" to consent and "no" to other yes/no questions (so the
    whole guide is walked without urgent stops), the first option, a plausible number."""
    question = screen.current_question()
    widget = screen._answer
    if question is None:
        return
    if question.type == "yes_no":
        widget.choose(0 if "consent" in question.id else 1)  # type: ignore[attr-defined]
    elif question.type == "single":
        widget.choose(0)  # type: ignore[attr-defined]
    elif question.type == "multiple":
        widget.toggle(0)  # type: ignore[attr-defined]
    elif question.type == "integer":
        widget.edit.setText("30")  # type: ignore[attr-defined]
        widget.flush()


def walk(session: object, code: str, guide: str, app: QApplication) -> list[float]:
    """One interview from the first question to the end; milliseconds per move."""
    record = session.screenings.start(code, guide, "ar")  # type: ignore[attr-defined]
    screen = InterviewScreen(session, record.id)
    screen.resize(1100, 720)
    screen.show()
    app.processEvents()
    times: list[float] = []
    for _step in range(200):
        if screen.current_question() is None or screen.result is not None:
            break
        if screen.urgent_visible():
            screen.urgent.action_buttons["called"].click()
            screen.urgent.continue_button.click()
        _answer(screen)
        app.processEvents()
        before = screen.current_question()
        start = time.perf_counter()
        screen.go_next()
        if screen.current_question() is before and not screen.urgent_visible():
            screen.go_next()  # a required question asks once: the second Next moves on
        screen.repaint()
        times.append((time.perf_counter() - start) * 1000)
    screen.close()
    screen.deleteLater()
    app.processEvents()
    return times


def measure(walks: int = 5) -> list[float]:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        session, _key = create_workspace(
            Path(folder) / "ws", "bench", "bench password 1", kdf=KdfParams(1024, 1, 1)
        )
        try:
            code = session.cases.create("Benchmark").code
            times: list[float] = []
            for _ in range(walks):
                for guide in GUIDES:
                    times += walk(session, code, guide, app)  # type: ignore[arg-type]
            return times
        finally:
            session.lock()
            session.workspace.close()


def measure_in_own_process(walks: int = 5) -> list[float]:
    """The same, in a fresh process: a Qt application of another kind may already exist in the
    caller's (run_all.py's PDF and probe work), and a QWidget needs a QApplication."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--walks", str(walks), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(value) for value in json.loads(done.stdout.strip().splitlines()[-1])]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the times (ms) as JSON")
    args = parser.parse_args()
    times = measure(args.walks)
    if args.json:
        print(json.dumps(times))
        return 0
    verdict = "ok" if p95(times) <= BUDGET_MS else "OVER BUDGET"
    print(f"next question drawn after an answer: {len(times)} moves")
    print(
        f"  p50 {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms, max {max(times):.1f} ms"
    )
    print(f"  budget p95 ≤ {BUDGET_MS:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
