"""The list of command modules; each has `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from free2link_desktop.cli import questionnaire_commands

MODULES: list[ModuleType] = [questionnaire_commands]
