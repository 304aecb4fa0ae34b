"""The syntax tree of an expression: small frozen dataclasses, compared without their offsets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Literal:
    """A string or a number written in the expression."""

    value: str | float
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Ref:
    """`${question_id}`: the (effective) answer to a question."""

    name: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Current:
    """`.`: the answer being checked by a constraint."""

    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Negate:
    operand: Node
    offset: int = field(default=0, compare=False)


Node = Literal | Ref | Current | Call | Binary | Negate

#: Binding power of each binary operator (higher binds tighter), as in XPath 1.0.
PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
UNARY_PRECEDENCE = 7


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children (left to right), without recursion."""
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        if isinstance(current, Binary):
            stack += (current.right, current.left)
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Negate):
            stack.append(current.operand)
    return out
