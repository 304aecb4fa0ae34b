"""mypy strict: core/, storage/, reports/, i18n/ (ARCHITECTURE.md), services/, cli/, ui/, app.py.

The packages and the settings come from [tool.mypy] in pyproject.toml, so this test and a plain
`mypy` in the repository root check the same thing. The cache goes to a temporary folder: a cold
run takes a few seconds, and nothing is left behind in the working tree.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from mypy import api

from tests.conftest import REPO_ROOT

PYPROJECT = REPO_ROOT / "pyproject.toml"


def _typed_packages() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    files: list[str] = config["files"]
    return [str(REPO_ROOT / name) for name in files]


def test_every_layer_is_checked() -> None:
    names = {Path(path).name for path in _typed_packages()}
    assert names == {
        "core",
        "storage",
        "reports",
        "i18n",
        "interop",
        "services",
        "cli",
        "ui",
        "app.py",
    }


def test_mypy_strict_finds_no_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # mypy also looks for modules in the working directory: a stray bidi.py there would hide
    # the installed package, so run it from the repository root like a person would.
    monkeypatch.chdir(REPO_ROOT)
    stdout, stderr, status = api.run(
        [
            "--config-file",
            str(PYPROJECT),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "--no-error-summary",
            *_typed_packages(),
        ]
    )
    assert status == 0, f"mypy found errors (run `mypy` in the repository root):\n{stdout}{stderr}"
