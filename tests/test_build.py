"""The one-folder PyInstaller build is made from this checkout, starts and answers correctly.

The program is built into a temporary folder (about half a minute on two cores), so the test
never checks a stale dist/ left by an older build; then scripts/smoke_build.sh runs it: `init`,
`case add`, a wrong password (exit 3), a usage error (exit 2), the GUI starting offscreen, and
the 150 MB budget of SPEC section 8.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

NAME = "free2link.exe" if os.name == "nt" else "free2link"


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (it comes with the test extra: pip install -e '.[test]')",
)
@pytest.mark.skipif(sys.platform == "win32", reason="the smoke script is a bash script")
def test_built_program_passes_the_smoke_test(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(REPO_ROOT / "build.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO_ROOT,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    program = tmp_path / "dist" / "free2link" / NAME
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "smoke_build.sh"), str(program)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
