"""Autosave of one answer, p50 / p95, through the real service (SPEC section 8: p95 <= 10 ms).

The same measurement as the autosave row of benchmarks/run_all.py (200 answers saved with
`session.screenings.save_answer`: validation, one transaction with synchronous=FULL, the audit
entry), run alone so that a change to the journal or the checkpointing can be measured without
the whole table. It works on a private copy of the cached 100,000-case workspace
(benchmarks/workload.py; generated first when it is not cached, which takes minutes), so the
shared cache is never written to; `--small` uses a new workspace with 100 cases instead.

    python benchmarks/autosave.py [--saves 200] [--small] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import workload
from benchmarks.run_all import measure_autosave


def small_workspace(folder: Path) -> Path:
    from free2link_desktop.services.workspace import create_workspace

    session, _recovery = create_workspace(folder, workload.USER, workload.PASSWORD)
    try:
        for i in range(100):
            session.cases.create(f"Bench {i}")
    finally:
        session.lock()
        session.workspace.close()
    return folder


def measure(folder: Path, saves: int) -> tuple[list[float], str]:
    from free2link_desktop.services.workspace import open_workspace

    opened = open_workspace(folder)
    try:
        session = opened.unlock(workload.USER, workload.PASSWORD)
        try:
            mode = str(session.db.scalar("PRAGMA journal_mode"))
            return measure_autosave(session, saves), mode
        finally:
            session.lock()
    finally:
        opened.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="a new 100-case workspace")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="free2link-autosave-") as tmp:
        folder = Path(tmp) / "workspace"
        if args.small:
            small_workspace(folder)
            label = "new workspace, 100 cases"
        else:
            shutil.copytree(workload.ensure_workspace().path, folder)
            label = "copy of the 100,000-case workspace"
        if hasattr(os, "sync"):
            os.sync()  # the copy's write-back must not be measured as autosave time
        print(f"autosave of one answer ({label}), {args.saves} saves per round")
        print(f"{'round':<8}{'journal':>10}{'p50 (ms)':>11}{'p95 (ms)':>11}{'max (ms)':>11}")
        for round_no in range(1, args.rounds + 1):
            times, mode = measure(folder, args.saves)
            print(
                f"{round_no:<8}{mode:>10}{statistics.median(times) * 1000:>11.2f}"
                f"{p95(times) * 1000:>11.2f}{max(times) * 1000:>11.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
