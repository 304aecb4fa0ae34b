"""The error raised for an expression that cannot be read: a message and a character offset."""

from __future__ import annotations

from typing import Any

from free2link_desktop.core.errors import InputRefused


class ExpressionError(InputRefused):
    """A syntax or checking error at `offset` (0-based) inside the expression text.

    The loader turns it into a file problem by adding the offset to the scalar's column.
    """

    def __init__(self, offset: int, template: str, /, **params: Any) -> None:
        self.offset = offset
        super().__init__(template, **params)
