"""Time of a referral PDF: a case with 3 screenings and 50 notes, Arabic included.

Budget (SPEC section 8): 1.5 s. Two measurements: the PDF writer alone on prepared data, and the
whole export through the session (gathering the case, scoring the screenings, rendering, writing
the file and the audit entry) on a fresh workspace in a temporary folder. Prints a table; run
from the repository root:

    python benchmarks/report.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.questionnaire import parse_answers_document
from free2link_desktop.reports.fonts import register_fonts
from free2link_desktop.reports.referral import referral_pdf
from free2link_desktop.services.workspace import KdfParams, create_workspace
from tests.reports import samples

BUDGET = 1.5
RUNS = 5
GUIDE = Path(__file__).resolve().parents[1] / "tests" / "core" / "data" / "guide.yaml"


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def writer_rows() -> list[tuple[str, float]]:
    data = samples.referral(notes=50, screenings=3)
    cold = _timed(lambda: (register_fonts(), referral_pdf(data)))
    warm = [_timed(lambda: referral_pdf(data)) for _ in range(RUNS)]
    encrypted = _timed(lambda: referral_pdf(data, password="benchmark password"))
    return [
        ("PDF writer, first run (fonts loaded)", cold),
        (f"PDF writer, median of {RUNS}", statistics.median(warm)),
        ("PDF writer, AES-256 password", encrypted),
    ]


def service_rows() -> list[tuple[str, float]]:
    texts = [samples.LATIN_NOTE, samples.ARABIC_NOTE, samples.GREEK_NOTE, samples.CYRILLIC_NOTE]
    document = parse_answers_document(
        {
            "questionnaire": "test-screening",
            "version": "1.2.0",
            "interview_date": date.today().isoformat(),
            "answers": {"consent": "yes", "job_offer_online": "yes", "paid": "no"},
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        cheap = KdfParams(memory_kib=1024, iterations=1, lanes=1)
        session, _key = create_workspace(Path(folder) / "ws", "bench", "bench password", kdf=cheap)
        try:
            code = session.cases.create("Bench").code
            session.cases.record_consent(code, Consent(True, date.today(), None, "ar"))
            for _ in range(3):
                session.screenings.import_answers(code, GUIDE, document)
            for index in range(50):
                session.notes.add(code, texts[index % len(texts)])
            out = Path(folder) / "referral.pdf"
            times = [
                _timed(lambda: session.reports.export_referral(code, out, language="en"))
                for _ in range(RUNS)
            ]
        finally:
            session.lock()
            session.workspace.close()
    return [(f"export through the session, median of {RUNS}", statistics.median(times))]


def measure() -> tuple[list[tuple[str, float]], int]:
    """For benchmarks/run_all.py: the writer's rows (first run first) and the PDF's size."""
    rows = writer_rows()
    size = len(referral_pdf(samples.referral(notes=50, screenings=3)))
    return rows, size


def main() -> int:
    rows = writer_rows() + service_rows()
    print(f"{'what (3 screenings, 50 notes incl. Arabic)':<46} {'seconds':>8} {'budget':>7}  ok")
    for what, seconds in rows:
        ok = "yes" if seconds <= BUDGET else "NO"
        print(f"{what:<46} {seconds:>8.3f} {BUDGET:>7.1f}  {ok}")
    return 0 if all(seconds <= BUDGET for _what, seconds in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
