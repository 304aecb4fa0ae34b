"""The tokenizer of the expression language (SPEC 6.3), a small subset of XPath as XLSForm uses it.

Tokens carry their offset so that an error can name the column in the author's file.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, NoReturn

from free2link_desktop.core.questionnaire.expressions.errors import ExpressionError
from free2link_desktop.i18n import N_

NUMBER = "number"
STRING = "string"
REF = "ref"
DOT = "dot"
NAME = "name"
OP = "op"
LPAREN = "("
RPAREN = ")"
COMMA = ","
END = "end"

QUESTION_ID = r"[a-z][a-z0-9_]*"
_REF = re.compile(r"\$\{\s*(" + QUESTION_ID + r")\s*\}")
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*")
WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})


_ALL = re.compile(
    r"\s*(?:"
    r"(?P<ref>\$\{\s*(?P<refname>" + QUESTION_ID + r")\s*\})"
    r"|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<number>\d+(?:\.\d*)?|\.\d+)"
    r"|(?P<dot>\.)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)"
    r"|(?P<punct>[(),])"
    r"|(?P<op>!=|<=|>=|=|<|>|\+|-|\*)"
    r"|(?P<stuck>\S)"
    r")"
)


class Token(NamedTuple):
    kind: str
    text: str
    offset: int
    value: str | float | None = None


#: Token((kind, text, offset, value)) without NamedTuple's Python-level constructor: a guide's
#: expressions make thousands of tokens when it is loaded.
_token = functools.partial(tuple.__new__, Token)


def tokenize(source: str) -> list[Token]:
    """Split `source` into tokens, ending with an END token; raise ExpressionError when stuck.

    One regular expression does the work, and its last alternative matches any other
    character; there `_explain` says what is wrong.
    """
    tokens: list[Token] = []
    append = tokens.append
    for match in _ALL.finditer(source):
        kind = match.lastgroup or "stuck"  # every alternative is a named group
        start, text = match.start(kind), match.group(kind)
        if kind == "ref":
            append(_token((REF, text, start, match.group("refname"))))
        elif kind == "string":
            append(_token((STRING, text, start, text[1:-1])))
        elif kind == "number":
            append(_token((NUMBER, text, start, float(text))))
        elif kind == "op" or kind == "punct":
            append(_token((OP if kind == "op" else text, text, start, None)))
        elif kind == "name":
            append(_token((OP if text in WORD_OPERATORS else NAME, text, start, None)))
        elif kind == "dot":
            append(_token((DOT, text, start, None)))
        else:
            _explain(source, start)
    append(Token(END, "", len(source)))
    return tokens


def _explain(source: str, pos: int) -> NoReturn:
    """Raise the ExpressionError for the character at `pos` (after spaces) that stops us."""
    _tokenize_slowly(source)
    raise ExpressionError(
        pos, N_("The character '{char}' is not understood here."), char=source[pos:].lstrip()[:1]
    )


def _tokenize_slowly(source: str) -> list[Token]:
    """Character by character: only used to explain an error precisely."""
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char.isspace():
            i += 1
            continue
        if char == "$":
            match = _REF.match(source, i)
            if not match:
                raise ExpressionError(
                    i,
                    N_("Write a reference as ${{question_id}} (lower-case letters, digits, _)."),
                )
            tokens.append(Token(REF, match.group(0), i, match.group(1)))
            i = match.end()
            continue
        if char in "'\"":
            end = source.find(char, i + 1)
            if end < 0:
                raise ExpressionError(
                    i, N_("This text has no closing quote ({quote})."), quote=char
                )
            tokens.append(Token(STRING, source[i : end + 1], i, source[i + 1 : end]))
            i = end + 1
            continue
        match = _NUMBER.match(source, i)
        if match:
            tokens.append(Token(NUMBER, match.group(0), i, float(match.group(0))))
            i = match.end()
            continue
        if char == ".":
            tokens.append(Token(DOT, ".", i))
            i += 1
            continue
        match = _NAME.match(source, i)
        if match:
            word = match.group(0)
            kind = OP if word in WORD_OPERATORS else NAME
            tokens.append(Token(kind, word, i))
            i = match.end()
            continue
        if char in "(),":
            tokens.append(Token(char, char, i))
            i += 1
            continue
        for op in _OPERATORS:
            if source.startswith(op, i):
                tokens.append(Token(OP, op, i))
                i += len(op)
                break
        else:
            raise ExpressionError(
                i, N_("The character '{char}' is not understood here."), char=char
            )
    tokens.append(Token(END, "", n))
    return tokens
