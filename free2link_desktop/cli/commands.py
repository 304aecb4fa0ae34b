# ruff: noqa: I001
"""The list of command modules; each has `register(subparsers)`.

One import and one list entry per line, so branches that add commands merge cleanly.
"""

from __future__ import annotations

from types import ModuleType

from free2link_desktop.cli import case_commands
from free2link_desktop.cli import questionnaire_commands
from free2link_desktop.cli import report_commands
from free2link_desktop.cli import workspace_commands

MODULES: list[ModuleType] = [
    workspace_commands,
    case_commands,
    questionnaire_commands,
    report_commands,
]
