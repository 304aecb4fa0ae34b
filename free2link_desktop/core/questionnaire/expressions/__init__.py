"""The expression language of SPEC 6.3: tokenizer, parser, printer, checker and evaluator.

`compile_expression(text, scope)` parses and checks once (at load time) and returns an
`Expression`; `expression.holds(ctx)` / `expression.value(ctx)` evaluate it. Never `eval`.
"""

from __future__ import annotations

from dataclasses import dataclass

from free2link_desktop.core.questionnaire.expressions.checker import Scope, check
from free2link_desktop.core.questionnaire.expressions.errors import ExpressionError
from free2link_desktop.core.questionnaire.expressions.evaluator import (
    FUNCTIONS,
    Context,
    ScoringFacts,
    evaluate,
    holds,
)
from free2link_desktop.core.questionnaire.expressions.nodes import Node
from free2link_desktop.core.questionnaire.expressions.parser import parse
from free2link_desktop.core.questionnaire.expressions.printer import to_source
from free2link_desktop.core.questionnaire.expressions.values import Value

__all__ = [
    "FUNCTIONS",
    "Context",
    "Expression",
    "ExpressionError",
    "Scope",
    "ScoringFacts",
    "Value",
    "compile_expression",
    "parse",
    "to_source",
]


@dataclass(frozen=True)
class Expression:
    """An expression as written (`source`) and as parsed (`tree`)."""

    source: str
    tree: Node

    def value(self, ctx: Context) -> Value:
        return evaluate(self.tree, ctx)

    def holds(self, ctx: Context) -> bool:
        return holds(self.tree, ctx)

    def __str__(self) -> str:
        return self.source


def compile_expression(source: str, scope: Scope) -> Expression:
    """Parse and check `source`; raise ExpressionError (with the offset) if it cannot be used."""
    tree = parse(source)
    check(tree, scope)
    return Expression(source, tree)
