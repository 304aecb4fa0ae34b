"""Errors that a person sees: a message template and its parameters, translated when shown.

The template is marked with `N_` so it is extracted into the catalogs, and translated only in
`message()`, so the same error reads correctly in whatever language is active when it is shown.
Each kind of error maps to one exit status of the command line (SPEC section 7).
"""

from __future__ import annotations

from typing import Any, ClassVar

from free2link_desktop.i18n import N_, _


class Free2LinkError(Exception):
    """Base class: an expected failure caused by input or environment, never a bug."""

    exit_code: ClassVar[int] = 1
    default_template: ClassVar[str] = N_("The request could not be completed.")

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        self.template = template or self.default_template
        self.params = params
        super().__init__(self.template)

    def message(self) -> str:
        try:
            return _(self.template).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.message()


class InputRefused(Free2LinkError):
    """The input does not fit (exit 1)."""


class PermissionDenied(Free2LinkError):
    """The user's role does not allow this action (exit 1)."""

    default_template = N_("Your role does not allow this action.")


class NotFound(Free2LinkError):
    default_template = N_("Not found.")


class AuthenticationFailed(Free2LinkError):
    """Wrong password, unknown user or a locked workspace (exit 3)."""

    exit_code = 3
    default_template = N_("Wrong user name or password.")


class WorkspaceUnavailable(Free2LinkError):
    """The workspace is missing, held by another instance, damaged or not writable."""

    exit_code = 1
