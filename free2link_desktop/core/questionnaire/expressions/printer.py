"""Print a syntax tree back as expression text, with only the parentheses it needs.

Used for messages and tests: `parse(to_source(tree)) == tree` for every tree the parser makes.
"""

from __future__ import annotations

from decimal import Decimal

from free2link_desktop.core.questionnaire.expressions.nodes import (
    PRECEDENCE,
    UNARY_PRECEDENCE,
    Call,
    Current,
    Literal,
    Negate,
    Node,
    Ref,
)


def format_number(value: float) -> str:
    """A number as the tokenizer reads it: no exponent, no trailing `.0`."""
    if value == int(value):
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _string(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError("a text cannot hold both kinds of quote")


def to_source(node: Node) -> str:
    return _print(node, 0)


def _print(node: Node, parent_precedence: int) -> str:
    if isinstance(node, Literal):
        if isinstance(node.value, str):
            return _string(node.value)
        return format_number(node.value)
    if isinstance(node, Ref):
        return "${" + node.name + "}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Call):
        return node.name + "(" + ", ".join(_print(arg, 0) for arg in node.args) + ")"
    if isinstance(node, Negate):
        text = "-" + _print(node.operand, UNARY_PRECEDENCE)
        return f"({text})" if parent_precedence > UNARY_PRECEDENCE else text
    precedence = PRECEDENCE[node.op]
    # left-associative: a right operand of equal precedence needs parentheses
    left = _print(node.left, precedence)
    right = _print(node.right, precedence + 1)
    text = f"{left} {node.op} {right}"
    return f"({text})" if precedence < parent_precedence else text
