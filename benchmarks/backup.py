"""The unlock that makes the day's automatic backup, on the 100,000-case workspace.

The first unlock of a day copies the whole workspace into backups/ (SPEC section 5). This
measures that unlock where people meet it, in fresh processes on a private copy of the cached
benchmark workspace (benchmarks/workload.py; the copy has no backup of today, so the unlock
makes one):

  - GUI: the real window offscreen; the password typed and Unlock pressed as in
    benchmarks/gui_probe.py. Reports the time to the case list drawn, the time until the
    backup is written (it runs on the task runner's worker), the longest pause of the GUI
    thread's event loop meanwhile (a 20 ms timer), and the peak resident memory (ru_maxrss,
    Argon2id's 64 MiB included) once the backup is done. Budget: peak memory <= 300 MB.
  - command line: `free2link case list` as the first command of the day (it makes the backup
    before listing): wall time and peak memory of the process.

    python benchmarks/backup.py            both, printed as a table
    python benchmarks/backup.py --keep     keep the private copy (prints where it is)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.workload import PASSWORD, USER, ensure_workspace  # noqa: E402

BUDGET_MB = 300
TYPING_MS = 1500


# -- child: the GUI ------------------------------------------------------------------------------


def gui_child(workspace: str) -> int:
    """Unlock in the real window, wait for the daily backup, print the figures."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from free2link_desktop import app as free2link_app
    from free2link_desktop.ui.tasks import TaskRunner

    app = QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    state: dict[str, float] = {"longest_gap": 0.0}

    def window():
        for widget in app.topLevelWidgets():
            if widget.objectName() == "main_window" and widget.isVisible():
                return widget
        raise SystemExit("probe: the main window is not shown")

    def tick() -> None:
        now = time.perf_counter()
        last = state.get("last_tick")
        if last is not None and "drawn" in state:
            state["longest_gap"] = max(state["longest_gap"], now - last)
        state["last_tick"] = now

    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(tick)

    def wait_for_backup() -> None:
        if TaskRunner.any_busy():
            return
        done = time.perf_counter() - state["pressed"]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"BACKUP_DONE {done:.6f}", flush=True)
        print(f"LONGEST_GAP {state['longest_gap']:.6f}", flush=True)
        print(f"MAXRSS {peak}", flush=True)
        poller.stop()
        app.quit()

    poller = QTimer()
    poller.setInterval(50)
    poller.timeout.connect(wait_for_backup)

    def unlock() -> None:
        main = window()
        screen = main.stack.currentWidget()
        screen.user.setCurrentIndex(max(screen.user.findText(USER), 0))
        screen.password.setText(sys.stdin.readline().rstrip("\n"))

        def drawn(_session: object) -> None:
            main.grab()
            state["drawn"] = time.perf_counter()
            print(f"UNLOCKED {state['drawn'] - state['pressed']:.6f}", flush=True)
            poller.start()

        screen.unlocked.connect(drawn)
        ticker.start()
        state["pressed"] = time.perf_counter()
        screen.try_unlock()

    QTimer.singleShot(TYPING_MS, unlock)
    return free2link_app.main(["--workspace", workspace])


# -- parent --------------------------------------------------------------------------------------


def private_copy(source: Path, into: Path) -> Path:
    """A copy of the cached workspace without backups (so the next unlock makes today's)."""
    target = into / "workspace"
    target.mkdir(mode=0o700, parents=True)
    for name in ("workspace.db", "keys.json"):
        shutil.copy2(source / name, target / name)
    return target


def run_gui(workspace: Path) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, __file__, "--child-gui", str(workspace)],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=900,
    )
    figures = dict(re.findall(r"^([A-Z_]+) ([0-9.]+)$", child.stdout, re.MULTILINE))
    if "MAXRSS" not in figures:
        raise RuntimeError(f"GUI probe failed: {child.stdout}{child.stderr}")
    return {key: float(value) for key, value in figures.items()}


def run_cli(workspace: Path) -> dict[str, float]:
    started = time.perf_counter()
    command = ["-m", "free2link_desktop", "--workspace", str(workspace), "--user", USER]
    child = subprocess.Popen(
        [sys.executable, *command, "case", "list"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    _out, err = child.communicate(PASSWORD + "\n", timeout=900)
    seconds = time.perf_counter() - started
    if child.returncode:
        raise RuntimeError(f"free2link case list failed: {err}")
    # the largest of the children reaped so far: run first, it is this command's own peak
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"SECONDS": seconds, "MAXRSS": float(peak)}


def backup_size_mb(workspace: Path) -> float:
    found = list((workspace / "backups").glob("*.f2lbackup"))
    return sum(p.stat().st_size for p in found) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child-gui", metavar="WORKSPACE", help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the private copies")
    args = parser.parse_args()
    if args.child_gui:
        return gui_child(args.child_gui)

    generated = ensure_workspace()
    db_mb = (generated.path / "workspace.db").stat().st_size / 2**20
    scratch = Path(tempfile.mkdtemp(prefix="free2link-backup-bench-"))
    try:
        # the command line first: RUSAGE_CHILDREN then holds only its peak
        cli = run_cli(private_copy(generated.path, scratch / "cli"))
        cli_backup = backup_size_mb(scratch / "cli" / "workspace")
        shutil.rmtree(scratch / "cli")
        gui = run_gui(private_copy(generated.path, scratch / "gui"))
        gui_backup = backup_size_mb(scratch / "gui" / "workspace")
    finally:
        if args.keep:
            print(f"kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    rows = [
        ("GUI: unlock to case list drawn (backup still running)", gui["UNLOCKED"], "s", None),
        ("GUI: unlock to daily backup written", gui["BACKUP_DONE"], "s", None),
        ("GUI: longest event-loop pause meanwhile", gui["LONGEST_GAP"] * 1000, "ms", None),
        ("GUI: peak memory, backup-making unlock", gui["MAXRSS"] / 1024, "MB", BUDGET_MB),
        ("CLI: first `case list` of the day (with backup)", cli["SECONDS"], "s", None),
        ("CLI: peak memory of that command", cli["MAXRSS"] / 1024, "MB", BUDGET_MB),
    ]
    print(f"workspace: {generated.cases:,} cases, {db_mb:.0f} MB database")
    print(f"backup file: {gui_backup:.0f} MB (GUI), {cli_backup:.0f} MB (CLI)")
    print(f"| {'what':<52} | {'figure':>10} | {'budget':>9} |")
    print(f"|{'-' * 54}|{'-' * 12}|{'-' * 11}|")
    over = False
    for what, figure, unit, budget in rows:
        limit = f"≤ {budget} {unit}" if budget else ""
        over |= budget is not None and figure > budget
        digits = 0 if unit in ("MB", "ms") else 2
        print(f"| {what:<52} | {figure:>7.{digits}f} {unit:<2} | {limit:>9} |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
