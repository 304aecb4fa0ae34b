"""Checks for text that people type or paste, and a safe way to show stored text.

One place for the rules, so the GUI and the command line refuse the same things with the same
words:

- Every text must be encodable as UTF-8: a lone surrogate (from a broken paste, or from a
  command-line argument that was not valid UTF-8) cannot be stored or exported.
- A single-line field (an alias, a case field, a directory entry's phone) holds no control
  characters (Unicode category Cc: tab, newline, escape, ...), no line or paragraph separator,
  and no bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069). Each can
  make a listing show a line or an order that is not there: "Tern\\tclosed" forges a column,
  "Tern\\nBR-2025-0001" a whole case, and U+202E turns the rest of a line around. The marks
  U+200E, U+200F and U+061C stay allowed: right-to-left writers need them and they move
  nothing but neutral characters.
- Free text (notes, text answers) may hold newlines and tabs but no other control character,
  and is capped at MAX_FREE_TEXT characters.

Text stored before these rules (or by another tool) is shown through `shown()` /
`shown_multiline()`, which write such characters as visible escapes.
"""

from __future__ import annotations

import re
from typing import Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_, _

#: The most characters a note or a free-text answer may have (about 100 printed pages).
MAX_FREE_TEXT = 200_000

#: Bidirectional embeddings, overrides and isolates: they reorder what follows them.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: Category Cc is exactly U+0000-U+001F and U+007F-U+009F; U+2028/U+2029 break lines too.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_NOT_IN_A_LINE = re.compile(f"[{_CONTROLS}{BIDI_CONTROLS}]")
_NOT_IN_FREE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN_ESCAPED = re.compile(f"[{_CONTROLS}{BIDI_CONTROLS}\ud800-\udfff]")
_SHOWN_ESCAPED_MULTILINE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]"
)


class Label(str):
    """A field's name marked with N_, translated when it is put into a message.

    Errors keep their parameters until they are shown (the language may change meanwhile);
    `"{what}".format(what=Label("The alias"))` gives the alias's name in the current language.
    """

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(_(str(self)), spec)


Problem = tuple[str, dict[str, Any]]


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problem(text: str, *, single_line: bool, limit: int | None = None) -> Problem | None:
    """What is wrong with `text` as a message template and its parameters (None if nothing).

    The template refers to the text as `{what}`; callers add it.
    """
    if limit is not None and len(text) > limit:
        return N_("{what} is too long ({length} characters; at most {limit})."), {
            "length": len(text),
            "limit": limit,
        }
    found = _SURROGATE.search(text)
    if found is not None:
        return N_("{what} is not valid text (a broken character at position {position})."), {
            "position": found.start() + 1
        }
    found = (_NOT_IN_A_LINE if single_line else _NOT_IN_FREE_TEXT).search(text)
    if found is not None:
        template = (
            N_(
                "{what} must be one line without control characters "
                "({char} at position {position})."
            )
            if single_line
            else N_("{what} contains a control character ({char} at position {position}).")
        )
        return template, {"char": _describe(found.group()), "position": found.start() + 1}
    return None


def _refuse(problem: Problem | None, what: str) -> None:
    if problem is not None:
        template, params = problem
        raise InputRefused(template, what=Label(what), **params)


def check_encodable(text: str, what: str) -> str:
    """`text`, or InputRefused when it holds a lone surrogate (not valid Unicode text).

    `what` names the text as the person knows it, marked with N_ ("The search").
    """
    found = _SURROGATE.search(text)
    if found is not None:
        _refuse(text_problem(text, single_line=False), what)
    return text


def check_single_line(text: str, what: str, *, limit: int | None = None) -> str:
    """`text` if it fits on one line as written; InputRefused naming the field otherwise."""
    _refuse(text_problem(text, single_line=True, limit=limit), what)
    return text


def check_free_text(text: str, what: str, *, limit: int = MAX_FREE_TEXT) -> str:
    """`text` (newlines and tabs allowed) if it is valid, not too long and has no other
    control character; InputRefused otherwise."""
    _refuse(text_problem(text, single_line=False, limit=limit), what)
    return text


def _escaped(found: re.Match[str]) -> str:
    char = found.group()
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    """A stored value as one safe line: control, separator, bidi-control and broken characters
    are written as visible escapes (`\\n`, `\\x1b`, `\\u202e`), so stored text can never forge
    a line, a column or a terminal command in a listing."""
    text = "" if value is None else str(value)
    return _SHOWN_ESCAPED.sub(_escaped, text)


def shown_multiline(value: object) -> str:
    """Like `shown`, but newlines and tabs are kept (a note's text; CR LF becomes LF)."""
    text = "" if value is None else str(value).replace("\r\n", "\n")
    return _SHOWN_ESCAPED_MULTILINE.sub(_escaped, text)
