"""The list of command modules; each has `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from free2link_desktop.cli import case_commands, workspace_commands

MODULES: list[ModuleType] = [workspace_commands, case_commands]
