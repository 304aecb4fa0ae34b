"""The notes of an XLSForm import: what was kept, changed or skipped, and where."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from free2link_desktop.i18n import _

KEPT, CHANGED, SKIPPED = "kept", "changed", "skipped"


@dataclass(frozen=True)
class Lazy:
    """A message inside a note, translated only when the note is shown."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return _(self.template).format(**self.params)


@dataclass(frozen=True)
class ImportNote:
    """One line of the import summary: where in the form, which question, and what happened."""

    kind: str
    sheet: str
    row: int
    name: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        params = {k: str(v) if isinstance(v, Lazy) else v for k, v in self.params.items()}
        return _(self.template).format(**params)

    def where(self) -> str:
        if self.row:
            return _("{sheet}, row {row}").format(sheet=self.sheet, row=self.row)
        return self.sheet

    def __str__(self) -> str:
        name = f" '{self.name}'" if self.name else ""
        return f"{self.where()}{name}: {self.message()}"


#: note(kind, sheet, row, name, template, **params)
NoteSink = Callable[..., None]
