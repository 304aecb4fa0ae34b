"""Time of a referral PDF: a case with 3 screenings and 50 notes, Arabic included.

Budget (SPEC section 8): 1.5 s. Prints a table; run from the repository root:
    python benchmarks/report.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from free2link_desktop.reports.fonts import register_fonts
from free2link_desktop.reports.referral import referral_pdf
from tests.reports import samples

BUDGET = 1.5
RUNS = 5


def main() -> int:
    data = samples.referral(notes=50, screenings=3)
    started = time.perf_counter()
    register_fonts()
    first = referral_pdf(data)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(RUNS):
        started = time.perf_counter()
        referral_pdf(data)
        warm.append(time.perf_counter() - started)
    encrypted_start = time.perf_counter()
    referral_pdf(data, password="benchmark password")
    encrypted = time.perf_counter() - encrypted_start
    rows = [
        ("referral PDF, first (fonts loaded)", cold),
        (f"referral PDF, median of {RUNS}", statistics.median(warm)),
        ("referral PDF, AES-256 password", encrypted),
    ]
    print(f"{'what':<40} {'seconds':>8} {'budget':>7}  ok")
    for what, seconds in rows:
        ok = "yes" if seconds <= BUDGET else "NO"
        print(f"{what:<40} {seconds:>8.3f} {BUDGET:>7.1f}  {ok}")
    print(f"(3 screenings, 50 notes incl. Arabic; {len(first) // 1024} KiB)")
    return 0 if all(seconds <= BUDGET for _what, seconds in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
