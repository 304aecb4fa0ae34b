"""Where the bundled files are, in a checkout and in a PyInstaller build.

A leaf module: every layer may import it, and it imports nothing of ours.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder holding questionnaires/, translations/ and resources/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[1]


def questionnaires_dir() -> Path:
    return bundle_root() / "questionnaires"


def translations_dir() -> Path:
    return bundle_root() / "translations"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"
