"""XLSForm names and expressions made into ours: ids renamed, references followed.

XLSForm allows names our guides do not (`Seedling_1`, `q-2`), expressions that call functions
our evaluator does not have, and references to questions the import had to skip. Each
expression is rewritten (`${Old}` -> `${old}`, a skipped `calculate` inlined in brackets)
and checked with the guide's own checker; what still cannot be used is reported, never kept
half-working.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from free2link_desktop.core.questionnaire.expressions import (
    ExpressionError,
    Scope,
    compile_expression,
)
from free2link_desktop.i18n import N_

_ID_BAD = re.compile(r"[^a-z0-9_]+")
_SECTION_BAD = re.compile(r"[^a-z0-9_-]+")
_GUIDE_BAD = re.compile(r"[^a-z0-9-]+")
_REFERENCE = re.compile(r"\$\{\s*([^}\s]*)\s*\}")
_SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
#: How deep calculations that use other calculations are inlined before giving up.
_MAX_INLINE_DEPTH = 8


def _ascii(name: str) -> str:
    """`âge` -> `age`: accents dropped rather than whole letters (ids are ASCII)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def question_id(name: str, taken: set[str]) -> str:
    """A question id (`[a-z][a-z0-9_]*`, unique among `taken`) for an XLSForm name."""
    base = _ID_BAD.sub("_", _ascii(name)).strip("_") or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    return _unique(base, taken, "_")


def section_id(name: str, taken: set[str]) -> str:
    base = _SECTION_BAD.sub("_", _ascii(name)).strip("_-") or "section"
    if not base[0].isalpha():
        base = f"s_{base}"
    return _unique(base, taken, "_")


def guide_id(name: str) -> str:
    return _GUIDE_BAD.sub("-", _ascii(name)).strip("-") or "imported-form"


def _unique(base: str, taken: set[str], joiner: str) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{joiner}{n}", n + 1
    taken.add(candidate)
    return candidate


class Unusable(Exception):
    """An expression that cannot be kept; `template`/`params` say why (translated later)."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


@dataclass(frozen=True)
class Names:
    """What each XLSForm name became: a question id, or a skipped row (maybe a calculation)."""

    ids: Mapping[str, str]
    #: skipped calculations: XLSForm name -> their calculation (XLSForm text)
    calculations: Mapping[str, str]
    scope: Scope
    #: XLSForm name of an "or_other" select -> the id of the text question added for it
    others: Mapping[str, str] = field(default_factory=dict)

    def translate(self, source: str, *, constraint: bool = False) -> str:
        """`source` as an expression of the guide; `Unusable` when it cannot be one."""
        source = source.translate(_SMART_QUOTES)  # as XLSForm does for expressions
        text = self._rewrite(source.strip(), 0)
        try:
            compile_expression(text, self.scope.for_constraint if constraint else self.scope)
        except ExpressionError as error:
            raise Unusable(
                N_("the expression '{expression}' cannot be used: {reason}"),
                expression=source.strip(),
                reason=error.message(),
            ) from None
        return text

    def _rewrite(self, source: str, depth: int) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in self.ids:
                return "${" + self.ids[name] + "}"
            if name.endswith("_other") and name.removesuffix("_other") in self.others:
                return "${" + self.others[name.removesuffix("_other")] + "}"
            if name in self.calculations and depth < _MAX_INLINE_DEPTH:
                return "(" + self._rewrite(self.calculations[name], depth + 1) + ")"
            raise Unusable(
                N_("the expression '{expression}' refers to '{name}', which was not imported"),
                expression=source,
                name=name,
            )

        return _REFERENCE.sub(replace, source)


def references(source: str) -> list[str]:
    """The names an XLSForm expression refers to with `${name}`."""
    return _REFERENCE.findall(source)
