"""A precedence-climbing parser from tokens to the syntax tree (never `eval`)."""

from __future__ import annotations

from free2link_desktop.core.questionnaire.expressions import tokens as t
from free2link_desktop.core.questionnaire.expressions.errors import ExpressionError
from free2link_desktop.core.questionnaire.expressions.nodes import (
    PRECEDENCE,
    Binary,
    Call,
    Current,
    Literal,
    Negate,
    Node,
    Ref,
)
from free2link_desktop.i18n import N_

MAX_NESTING = 100


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = t.tokenize(source)
        self.pos = 0
        self.depth = 0

    @property
    def current(self) -> t.Token:
        return self.tokens[self.pos]

    def advance(self) -> t.Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, kind: str) -> t.Token:
        token = self.current
        if token.kind != kind:
            raise self.unexpected(token, expected=kind)
        return self.advance()

    def unexpected(self, token: t.Token, expected: str | None = None) -> ExpressionError:
        if token.kind == t.END:
            if expected:
                return ExpressionError(
                    token.offset,
                    N_("The expression ends too early: '{expected}' is missing."),
                    expected=expected,
                )
            return ExpressionError(token.offset, N_("The expression ends too early."))
        if expected:
            return ExpressionError(
                token.offset,
                N_("Expected '{expected}' but found '{found}'."),
                expected=expected,
                found=token.text,
            )
        return ExpressionError(
            token.offset, N_("'{found}' is not expected here."), found=token.text
        )

    def parse(self) -> Node:
        if self.current.kind == t.END:
            raise ExpressionError(0, N_("The expression is empty."))
        node = self.expression(0)
        if self.current.kind != t.END:
            raise self.unexpected(self.current)
        return node

    def expression(self, min_precedence: int) -> Node:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError(self.current.offset, N_("The expression is nested too deeply."))
        left = self.unary()
        while True:
            token = self.current
            precedence = PRECEDENCE.get(token.text) if token.kind == t.OP else None
            if precedence is None or precedence <= min_precedence:
                break
            self.advance()
            right = self.expression(precedence)
            left = Binary(token.text, left, right, token.offset)
        self.depth -= 1
        return left

    def unary(self) -> Node:
        token = self.current
        if token.kind == t.OP and token.text == "-":
            self.advance()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ExpressionError(token.offset, N_("The expression is nested too deeply."))
            operand = self.unary()
            self.depth -= 1
            return Negate(operand, token.offset)
        return self.primary()

    def primary(self) -> Node:
        token = self.current
        if token.kind in (t.NUMBER, t.STRING):
            self.advance()
            assert token.value is not None
            return Literal(token.value, token.offset)
        if token.kind == t.REF:
            self.advance()
            return Ref(str(token.value), token.offset)
        if token.kind == t.DOT:
            self.advance()
            return Current(token.offset)
        if token.kind == t.LPAREN:
            self.advance()
            node = self.expression(0)
            self.expect(t.RPAREN)
            return node
        if token.kind == t.NAME:
            self.advance()
            if self.current.kind != t.LPAREN:
                raise ExpressionError(
                    token.offset,
                    N_(
                        "'{name}' is not understood: write ${{{name}}} for an answer, "
                        "'{name}' for a text, or {name}() for a function."
                    ),
                    name=token.text,
                )
            self.advance()
            args: list[Node] = []
            if self.current.kind != t.RPAREN:
                args.append(self.expression(0))
                while self.current.kind == t.COMMA:
                    self.advance()
                    args.append(self.expression(0))
            self.expect(t.RPAREN)
            return Call(token.text, tuple(args), token.offset)
        raise self.unexpected(token)


def parse(source: str) -> Node:
    """Parse an expression into its syntax tree; raise ExpressionError with the offset."""
    parser = _Parser(source)
    tree = parser.parse()
    # a tree has no more levels than tokens, so only a long expression needs the walk
    if len(parser.tokens) > MAX_NESTING and _depth(tree) > MAX_NESTING:
        # a long chain like 1 + 1 + ... + 1 nests to the left; evaluating it recurses
        raise ExpressionError(0, N_("The expression is nested too deeply."))
    return tree


def _depth(tree: Node) -> int:
    """The depth of the tree, without recursion (the tree may be too deep to recurse into)."""
    deepest = 0
    stack: list[tuple[Node, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, Binary):
            stack.extend(((node.left, depth + 1), (node.right, depth + 1)))
        elif isinstance(node, Negate):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Call):
            stack.extend((arg, depth + 1) for arg in node.args)
    return deepest
