"""Nothing about a person reaches the disk in plaintext.

A canary string is written as a case alias, in a note and in an interview answer (a screening
imported from a file kept outside the machine's folders), through the real command line in
separate processes whose home, config, cache, data and temp folders all point into one folder;
then every byte of every file the app wrote is searched for it, as UTF-8 and as UTF-16.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import machine_env

CANARY = "Zqxcanary Ñandú Őrség 7731"
PASSWORD = "canary test password"


def _encodings(text: str) -> list[bytes]:
    return [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _run(root: Path, args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    env = machine_env(root, root / "data" / "workspace")
    return subprocess.run(
        [sys.executable, "-m", "free2link_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_canary_never_reaches_the_disk_in_plaintext(tmp_path: Path):
    root = tmp_path / "machine"
    pw = PASSWORD + "\n"
    assert _run(root, ["init", "--user", "ana"], pw * 2).returncode == 0
    added = _run(root, ["--user", "ana", "case", "add", "--alias", CANARY], pw)
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip()
    note = _run(root, ["--user", "ana", "note", "add", code], pw + f"Met {CANARY} today.\n")
    assert note.returncode == 0, note.stderr
    shown = _run(root, ["--user", "ana", "case", "show", code, "--json"], pw)
    assert CANARY in shown.stdout  # it is really stored (and shown when asked for)
    answers = tmp_path / "input" / "answers.json"  # the caller's file, outside the machine
    answers.parent.mkdir()
    answers.write_text(
        json.dumps(
            {
                "questionnaire": "first-screening",
                "version": "1.0.0",
                "interview_date": "2026-11-23",
                "answers": {"consent": "yes", "obs_notes": f"Said {CANARY} twice."},
            }
        ),
        encoding="utf-8",
    )
    screening = _run(
        root, ["--user", "ana", "screening", "import", code, "first-screening", str(answers)], pw
    )
    assert screening.returncode == 0, screening.stderr
    (root / "usb").mkdir()  # the stick's folder: outputs never create missing folders
    backup = _run(
        root, ["--user", "ana", "backup", "create", "--out", str(root / "usb" / "b.f2lbackup")], pw
    )
    assert backup.returncode == 0, backup.stderr
    assert _run(root, ["--user", "ana", "verify"], pw).returncode == 0

    written = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "workspace.db" for p in written)
    assert any(p.suffix == ".f2lbackup" for p in written)
    needles = _encodings(CANARY) + _encodings("Zqxcanary")
    leaks = [str(p) for p in written for n in needles if n in p.read_bytes()]
    assert not leaks, f"plaintext found in: {leaks}"
