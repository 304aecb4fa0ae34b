"""The desktop application leaves no plaintext about a person on the disk either.

A real GUI process (offscreen) with its home, config, cache, data and temp folders inside one
folder: it unlocks a workspace, opens a case whose alias is a canary, types a note holding the
canary (autosaved), searches for it in the case list, locks with Ctrl+L and quits. Then every
byte of every file under that folder is searched for the canary, as UTF-8 and UTF-16.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import machine_env

CANARY = "Qvxcanary Żółw Ψάρι 5519"

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from free2link_desktop.services.workspace import KdfParams, create_workspace
    from free2link_desktop.ui.main_window import MainWindow

    folder, canary = Path(sys.argv[1]), sys.argv[2]
    kdf = KdfParams(1024, 1, 1)
    session, _key = create_workspace(folder, "ana", "canary gui password", kdf=kdf)
    code = session.cases.create(canary).code
    session.lock()
    session.workspace.close()

    app = QApplication([])

    def wait(condition, seconds=20):
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.01)

    window = MainWindow(folder, kdf=kdf, follow_stored_language=False)
    window.start()
    window.show()
    wait(lambda: hasattr(window.stack.currentWidget(), "password"))
    screen = window.stack.currentWidget()
    screen.password.setText("canary gui password")
    screen.try_unlock()
    wait(lambda: window.view is not None)
    view = window.view
    QTest.keyClicks(view.case_list.search, canary.split()[0])
    view.open_case(code)
    notes = view.case_view.notes
    notes.start_new_note()
    QTest.keyClicks(notes.editor, "Spoke with ")
    notes.editor.insertPlainText(canary)  # QTest types ASCII only; this is a paste
    QTest.keyClicks(notes.editor, " about the job advert.")
    wait(lambda: not notes.has_unsaved_text, 10)
    window.runner.wait()
    saved = [n.text for n in window.session.notes.list(code)]
    assert any(canary in text for text in saved), saved  # really written (encrypted)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait(lambda: window.is_locked)
    window.close()
    app.processEvents()
    print("DONE", flush=True)
    """
)


def test_gui_writes_no_plaintext(tmp_path: Path):
    root = tmp_path / "machine"
    env = machine_env(root)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root / "data" / "workspace"), CANARY],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert "DONE" in result.stdout, result.stderr[-3000:]

    written = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "workspace.db" for p in written)
    needles = [
        text.encode(enc)
        for text in (CANARY, "Qvxcanary")
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
    ]
    leaks = [str(p) for p in written for n in needles if n in p.read_bytes()]
    assert not leaks, f"plaintext found in: {leaks}"
