"""The list of command modules; each has `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

MODULES: list[ModuleType] = []
