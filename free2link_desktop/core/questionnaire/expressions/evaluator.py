"""Evaluate a syntax tree against answers: our own tree walker, never Python's `eval`.

`and`, `or` and `if()` evaluate only what they need. Functions are looked up in a fixed table
(`FUNCTIONS`); the checker has already refused unknown names and wrong arity at load time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from free2link_desktop.core.questionnaire.expressions import values as v
from free2link_desktop.core.questionnaire.expressions.nodes import (
    Binary,
    Call,
    Current,
    Literal,
    Negate,
    Node,
    Ref,
)
from free2link_desktop.core.questionnaire.expressions.values import Value


class ScoringFacts(Protocol):
    """What assessment rules may ask about the indicators raised so far."""

    def count(self, dimension: str, strength: str) -> int: ...

    def raised(self, indicator_id: str) -> bool: ...

    def total(self) -> int: ...


@dataclass
class Context:
    """The answers as expression values (empty string when unanswered or not relevant)."""

    answers: Mapping[str, Value]
    today: date = field(default_factory=date.today)
    current: Value = ""
    facts: ScoringFacts | None = None


def evaluate(node: Node, ctx: Context) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return ctx.answers.get(node.name, "")
    if isinstance(node, Current):
        return ctx.current
    if isinstance(node, Negate):
        return -v.to_number(evaluate(node.operand, ctx))
    if isinstance(node, Binary):
        return _binary(node, ctx)
    return FUNCTIONS[node.name].call(node, ctx)


def holds(node: Node, ctx: Context) -> bool:
    """The expression's value as a condition (XPath boolean())."""
    return v.to_boolean(evaluate(node, ctx))


def _binary(node: Binary, ctx: Context) -> Value:
    op = node.op
    if op == "and":
        return holds(node.left, ctx) and holds(node.right, ctx)
    if op == "or":
        return holds(node.left, ctx) or holds(node.right, ctx)
    left, right = evaluate(node.left, ctx), evaluate(node.right, ctx)
    if op == "=":
        return v.equal(left, right)
    if op == "!=":
        return not v.equal(left, right)
    if op in ("<", "<=", ">", ">="):
        return v.compare(op, left, right)
    return v.arithmetic(op, left, right)


# -- functions ----------------------------------------------------------------------------------

QUESTION = "question"  # usable everywhere
ASSESSMENT = "assessment"  # only in assessment rules


@dataclass(frozen=True)
class Function:
    name: str
    arity: int
    where: str
    call: Callable[[Call, Context], Value]
    #: argument positions that must be a literal naming a dimension / an indicator
    names: str | None = None


def _arg(node: Call, ctx: Context, i: int) -> Value:
    return evaluate(node.args[i], ctx)


def _tokens(value: Value) -> list[str]:
    return v.to_string(value).split()


def _int(node: Call, ctx: Context) -> Value:
    number = v.to_number(_arg(node, ctx, 0))
    if math.isnan(number) or math.isinf(number):
        return number
    return float(math.trunc(number))


def _age(node: Call, ctx: Context) -> Value:
    born = v.parse_iso_date(_arg(node, ctx, 0))
    if born is None:
        return math.nan
    return float(v.age_in_years(born, ctx.today))


def _coalesce(node: Call, ctx: Context) -> Value:
    first = _arg(node, ctx, 0)
    return first if v.to_string(first) != "" else _arg(node, ctx, 1)


def _if(node: Call, ctx: Context) -> Value:
    return _arg(node, ctx, 1) if holds(node.args[0], ctx) else _arg(node, ctx, 2)


def _facts(ctx: Context) -> ScoringFacts:
    if ctx.facts is None:  # the checker keeps these functions inside assessment rules
        raise RuntimeError("assessment function outside an assessment")
    return ctx.facts


def _strength(strength: str) -> Callable[[Call, Context], Value]:
    def count(node: Call, ctx: Context) -> Value:
        return float(_facts(ctx).count(v.to_string(_arg(node, ctx, 0)), strength))

    return count


_TABLE = [
    Function("not", 1, QUESTION, lambda n, c: not holds(n.args[0], c)),
    Function(
        "selected",
        2,
        QUESTION,
        lambda n, c: v.to_string(_arg(n, c, 1)).strip() in _tokens(_arg(n, c, 0)),
    ),
    Function("count-selected", 1, QUESTION, lambda n, c: float(len(_tokens(_arg(n, c, 0))))),
    Function("string-length", 1, QUESTION, lambda n, c: float(len(v.to_string(_arg(n, c, 0))))),
    Function("if", 3, QUESTION, _if),
    Function("coalesce", 2, QUESTION, _coalesce),
    Function("int", 1, QUESTION, _int),
    Function("number", 1, QUESTION, lambda n, c: v.to_number(_arg(n, c, 0))),
    Function("true", 0, QUESTION, lambda n, c: True),
    Function("false", 0, QUESTION, lambda n, c: False),
    Function("age", 1, QUESTION, _age),
    Function("strong", 1, ASSESSMENT, _strength("strong"), names="dimension"),
    Function("medium", 1, ASSESSMENT, _strength("medium"), names="dimension"),
    Function("weak", 1, ASSESSMENT, _strength("weak"), names="dimension"),
    Function(
        "indicator",
        1,
        ASSESSMENT,
        lambda n, c: _facts(c).raised(v.to_string(_arg(n, c, 0))),
        names="indicator",
    ),
    Function("indicators", 0, ASSESSMENT, lambda n, c: float(_facts(c).total())),
]
FUNCTIONS: dict[str, Function] = {f.name: f for f in _TABLE}
