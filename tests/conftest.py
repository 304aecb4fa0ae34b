"""Shared test set-up: offscreen Qt, cheap Argon2id parameters, GUI tests marked automatically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/ui is a GUI test, so `pytest -m "not gui"` runs the fast ones."""
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)
