"""The one-folder PyInstaller build starts and answers with the right exit codes.

Building takes minutes, so CI does not build; this test runs scripts/smoke_build.sh against
dist/free2link when a build is there (scripts/build.sh makes it) and is skipped otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

PROGRAM = REPO_ROOT / "dist" / "free2link" / ("free2link.exe" if os.name == "nt" else "free2link")


@pytest.mark.slow
@pytest.mark.skipif(
    not PROGRAM.exists(), reason="no build in dist/free2link: run scripts/build.sh first"
)
@pytest.mark.skipif(sys.platform == "win32", reason="the smoke script is a bash script")
def test_built_program_passes_the_smoke_test() -> None:
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "smoke_build.sh"), str(PROGRAM)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
