"""A writing process killed with SIGKILL at random moments loses no acknowledged write.

Each round starts a real process that unlocks the workspace and adds notes (each in its own
transaction), printing the note's text once the service call has returned. The test kills it
at a random moment, then reopens the workspace (taking over the stale lock) and checks that
every acknowledged note is there and the database passes its integrity checks.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from free2link_desktop.services.workspace import create_workspace, open_workspace
from tests.conftest import ADMIN, CHEAP_KDF, PASSWORD, cli_env

WRITER = textwrap.dedent(
    """
    import sys
    from free2link_desktop.services.workspace import KdfParams, open_workspace
    workspace = open_workspace(sys.argv[1], KdfParams(1024, 1, 1))
    session = workspace.unlock(sys.argv[2], sys.argv[3])
    code, round_no = sys.argv[4], sys.argv[5]
    print("READY", flush=True)
    i = 0
    while True:
        text = f"round {round_no} note {i}"
        session.notes.add(code, text)
        print(text, flush=True)
        i += 1
    """
)

ROUNDS = 12


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_during_writes_loses_no_acknowledged_write(tmp_path: Path):
    folder = tmp_path / "ws"
    session, _ = create_workspace(folder, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    code = session.cases.create("Crash test").code
    session.lock()
    session.workspace.close()
    rng = random.Random(20261123)
    acknowledged: list[str] = []
    for round_no in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), ADMIN, PASSWORD, code, str(round_no)],
            stdout=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        acknowledged.extend(line for line in out.splitlines() if line.startswith("round"))

    assert len(acknowledged) > ROUNDS  # the writers really wrote
    workspace = open_workspace(folder, CHEAP_KDF)
    session = workspace.unlock(ADMIN, PASSWORD)
    stored = {note.text for note in session.notes.list(code)}
    missing = [text for text in acknowledged if text not in stored]
    assert not missing
    assert session.db.integrity_problems() == []
    assert session.audit.verify().ok
    session.lock()
    workspace.close()
