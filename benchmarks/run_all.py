"""Every budget of SPEC section 8, measured on this machine, in one table.

    python benchmarks/run_all.py            measure and print the table
    python benchmarks/run_all.py --write    also write it to docs/performance.md
    python benchmarks/run_all.py --quick    a smaller store-ratio workload (20,000 notes)

The first run generates the 100,000-case, 1,000,000-note workspace (benchmarks/workload.py,
a few minutes) and caches it under the temporary folder; later runs reuse it.
Start-up and unlock are measured in fresh child processes running the real GUI offscreen
(benchmarks/gui_probe.py); the rest runs here through the real services and the real
CaseListModel. Figures are medians or 95th percentiles as the row says.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import interview as interview_bench  # noqa: E402
from benchmarks import report as report_bench  # noqa: E402
from benchmarks import store as store_bench  # noqa: E402
from benchmarks import xlsform as xlsform_bench  # noqa: E402
from benchmarks.store import WORDS  # noqa: E402
from benchmarks.workload import PASSWORD, USER, ensure_workspace  # noqa: E402

PROBE = ROOT / "benchmarks" / "gui_probe.py"
DIST = ROOT / "dist" / "free2link"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


@dataclass
class Row:
    what: str
    figure: float | None
    unit: str
    budget: float
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.figure is None:
            return "not measured"
        return "ok" if self.figure <= self.budget else "OVER"

    def cells(self) -> tuple[str, str, str, str]:
        figure = "—" if self.figure is None else f"{self.figure:.{_digits(self.unit)}f} {self.unit}"
        return (self.what, figure, f"≤ {self.budget:g} {self.unit}", self.verdict)


def _digits(unit: str) -> int:
    return {"s": 2, "ms": 1, "×": 2, "MB": 0}.get(unit, 2)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


# -- child processes: the real GUI ------------------------------------------------------------


def start_to_unlock_window(workspace: Path, runs: int = 5) -> list[float]:
    results = []
    for _ in range(runs):
        launched = time.monotonic()
        child = subprocess.run(
            [sys.executable, str(PROBE), "start", str(workspace)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        match = re.search(r"^DRAWN ([0-9.]+)$", child.stdout, re.MULTILINE)
        if not match:
            raise RuntimeError(f"start probe failed: {child.stdout}{child.stderr}")
        results.append(float(match.group(1)) - launched)
    return results


def unlock_to_case_list(workspace: Path, runs: int = 3) -> tuple[list[float], int]:
    """Seconds from pressing Unlock to the case list drawn, and the peak RSS (KiB)."""
    seconds, peak = [], 0
    for _ in range(runs):
        child = subprocess.run(
            [sys.executable, str(PROBE), "unlock", str(workspace), USER],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=300,
        )
        unlocked = re.search(r"^UNLOCKED ([0-9.]+)$", child.stdout, re.MULTILINE)
        rss = re.search(r"^MAXRSS (\d+)$", child.stdout, re.MULTILINE)
        if not unlocked or not rss:
            raise RuntimeError(f"unlock probe failed: {child.stdout}{child.stderr}")
        seconds.append(float(unlocked.group(1)))
        peak = max(peak, int(rss.group(1)))
    return seconds, peak


# -- in this process: services and the case list model ----------------------------------------


def search_terms(seed: int = 13) -> list[str]:
    """What people type: domain words, rarer words, word beginnings, two words, codes, aliases."""
    rng = random.Random(seed)
    domain = ["passport", "telegram", "debt", "visa", "lawyer", "whatsapp", "instagram"]
    rare = [WORDS[32 + rng.randrange(len(WORDS) - 32)] for _ in range(8)]
    prefixes = [w[:4] for w in (WORDS[32 + rng.randrange(3000)] for _ in range(5))]
    pairs = [f"{rng.choice(domain)} {rng.choice(rare)}" for _ in range(4)]
    pairs += [f"{a} {b}" for a, b in (("debt", "passport"), ("telegram", "visa"))]
    codes = [f"IT-2026-{rng.randrange(1, 100_000):06d}" for _ in range(4)] + ["IT-2026-0123"]
    aliases = [WORDS[32 + rng.randrange(5000)][:5].capitalize() for _ in range(4)]
    return domain + rare + prefixes + pairs + codes + aliases


def measure_workspace(workspace: Path) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication

    from free2link_desktop.services.workspace import open_workspace
    from free2link_desktop.ui.case_model import PAGE, CaseListModel

    _app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    opened = open_workspace(workspace)
    try:
        started = time.perf_counter()
        session = opened.unlock(USER, PASSWORD)
        unlock = time.perf_counter() - started
        try:
            model = CaseListModel(session)

            def first_page() -> None:
                session.cases.centres()  # the screen fills its centre filter first
                model.reload()

            cold = timed(first_page)
            warm = [timed(first_page) for _ in range(20)]
            assert model.rowCount() == PAGE and model.total > 0
            searches, counts = [], []
            for term in search_terms():
                searches.append(timed(lambda term=term: model.set_query(search=term)))
                counts.append(model.total)
            model.set_query(search="")
            autosaves = measure_autosave(session)
        finally:
            session.lock()
    finally:
        opened.close()
    return {
        "unlock": unlock,
        "first_page_cold": cold,
        "first_page_warm": warm,
        "searches": searches,
        "search_hits": counts,
        "autosaves": autosaves,
    }


def measure_autosave(session: object, saves: int = 200) -> list[float]:
    """One answer saved through the service (validation, transaction, audit entry) each time."""
    cases = session.cases  # type: ignore[attr-defined]
    screenings = session.screenings  # type: ignore[attr-defined]
    code = cases.list_page(0, 1)[0].code
    record = screenings.start(code, "first-screening", "en")
    guide = screenings.questionnaire_for(record)
    question = next(q for q in guide.questions if q.type == "yes_no")
    values = ("yes", "no", "dont_know")
    return [
        timed(lambda i=i: screenings.save_answer(record.id, question.id, values[i % 3]))
        for i in range(saves)
    ]


def folder_size_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return total / (1024 * 1024)


# -- the table -------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import sqlcipher3
    from PySide6 import __version__ as pyside

    sqlcipher = sqlcipher3.connect(":memory:").execute("SELECT sqlite_version()").fetchone()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PySide6 {pyside}, SQLite (SQLCipher) {sqlcipher}"
    )


def markdown(rows: list[Row], notes: list[str]) -> str:
    lines = ["| what | figure | budget | verdict |", "|---|---:|---:|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines + [""] + [f"- {note}" for note in notes]) + "\n"


def print_table(rows: list[Row]) -> None:
    width = max(len(r.what) for r in rows)
    print(f"{'what':<{width}}  {'figure':>12}  {'budget':>12}  verdict")
    for row in rows:
        what, figure, budget, verdict = row.cells()
        print(f"{what:<{width}}  {figure:>12}  {budget:>12}  {verdict}")


def write_doc(table: str, when: str, where: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"{START}\n{END}\n"
    block = f"{START}\nMeasured {when} on {where}.\n\n{table}{END}"
    head, _sep, rest = text.partition(START)
    _old, _sep, tail = rest.partition(END)
    DOC.write_text(head + block + tail, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write docs/performance.md")
    parser.add_argument("--quick", action="store_true", help="smaller store-ratio workload")
    args = parser.parse_args()

    generated = ensure_workspace()
    print(
        f"workspace: {generated.cases:,} cases, {generated.notes:,} notes in {generated.path}"
        + (f" (generated in {generated.seconds:.0f} s)" if generated.seconds else " (cached)"),
        file=sys.stderr,
    )
    print("start-up …", file=sys.stderr)
    starts = start_to_unlock_window(generated.path)
    print("unlock …", file=sys.stderr)
    unlocks, peak_kib = unlock_to_case_list(generated.path)
    print("case list, search, autosave …", file=sys.stderr)
    figures = measure_workspace(generated.path)
    print("referral PDF …", file=sys.stderr)
    pdf_rows, _size = report_bench.measure()
    print("encrypted / plain store …", file=sys.stderr)
    store = store_bench.measure(notes=20_000 if args.quick else 100_000)
    print("XLSForm import …", file=sys.stderr)
    xlsform_imports = xlsform_bench.measure()
    print("interview: next question …", file=sys.stderr)
    moves = interview_bench.measure_in_own_process()
    searches = figures["searches"]
    hits = figures["search_hits"]
    build = folder_size_mb(DIST) if DIST.exists() else None

    rows = [
        Row("start to unlock window drawn (median of 5)", statistics.median(starts), "s", 0.8),
        Row(
            "unlock (Argon2id) to case list drawn (median of 3)",
            statistics.median(unlocks),
            "s",
            1.0,
        ),
        Row(
            "100k cases / 1M notes: first page of the case list",
            figures["first_page_cold"] * 1000,
            "ms",
            100,
        ),
        Row("same: full-text search, p50", statistics.median(searches) * 1000, "ms", 50),
        Row("same: full-text search, p95", p95(searches) * 1000, "ms", 50),
        Row(
            "autosave of one answer, p95 (synchronous=FULL)",
            p95(figures["autosaves"]) * 1000,
            "ms",
            10,
        ),
        Row("referral PDF, 3 screenings + 50 notes, Arabic (first)", pdf_rows[0][1], "s", 1.5),
        Row("encrypted / plain sqlite3, same workload, same run", store["ratio"], "×", 1.3),
        Row("peak memory, 100k workspace open, case list shown", peak_kib / 1024, "MB", 300),
        Row("PyInstaller one-folder build", build, "MB", 150),
        Row(
            "import a 300-question XLSForm (read, map, check; median of 7)",
            statistics.median(xlsform_imports),
            "s",
            2.0,
        ),
        Row(
            f"interview: next question drawn after an answer, p95 ({len(moves)} moves)",
            p95(moves),
            "ms",
            50,
        ),
    ]
    notes = [
        f"start-up runs: {', '.join(f'{s:.2f}' for s in starts)} s; unlock runs: "
        f"{', '.join(f'{s:.2f}' for s in unlocks)} s (shipped Argon2id m=64 MiB, t=3, p=4; "
        f"Workspace.unlock alone, in-process: {figures['unlock']:.2f} s)",
        f"first page warm: median {statistics.median(figures['first_page_warm']) * 1000:.1f} ms "
        "(counting, centres filter and 200 rows through CaseListModel.reload)",
        f"search: {len(searches)} queries through CaseListModel.set_query (count + first page); "
        f"max {max(searches) * 1000:.0f} ms; matching cases from {min(hits):,} to {max(hits):,}",
        f"autosave median {statistics.median(figures['autosaves']) * 1000:.1f} ms over "
        f"{len(figures['autosaves'])} saves through session.screenings.save_answer",
        f"referral PDF: {'; '.join(f'{what} {s:.2f} s' for what, s in pdf_rows)}",
        f"store ratio: plain {store['total_plain']:.2f} s, SQLCipher "
        f"{store['total_encrypted']:.2f} s (benchmarks/store.py workload, "
        f"{20_000 if args.quick else 100_000:,} notes)",
        "build: " + ("dist/free2link" if build is not None else "not built (scripts/build.sh)"),
    ]
    print_table(rows)
    for note in notes:
        print(f"  {note}")
    if args.write:
        when = datetime.now().strftime("%Y-%m-%d %H:%M")
        write_doc(markdown(rows, notes), when, machine())
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(row.verdict in ("ok", "not measured") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
