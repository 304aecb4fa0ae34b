"""Checks that a translation keeps the `{placeholders}` of its source string.

A translation that renames, drops or adds a `{field}` would make `.format(**params)` raise (or
silently show the wrong value) in one language only, which no English-speaking tester would see.
Such a translation is dropped when the catalog is loaded, so the English source is shown instead,
and tests/i18n fails on it so that it never ships.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

from babel.messages.catalog import Catalog, Message

_FORMATTER = string.Formatter()


def placeholders(text: str) -> frozenset[str] | None:
    """The field names of `text` (`{name}` → "name"), or None when its braces are malformed."""
    names: set[str] = set()
    try:
        for _literal, field, spec, _conversion in _FORMATTER.parse(text):
            if field is None:
                continue
            names.add(field)
            if spec and "{" in spec:
                nested = placeholders(spec)
                if nested is None:
                    return None
                names |= nested
    except ValueError:
        return None
    return frozenset(names)


def _union(texts: Iterable[str]) -> frozenset[str] | None:
    found: set[str] = set()
    for text in texts:
        fields = placeholders(text)
        if fields is None:
            return None
        found |= fields
    return frozenset(found)


def consistent(source: str | Sequence[str], translation: str | Sequence[str]) -> bool:
    """True when `translation` uses the same placeholders as `source`.

    A plural translation may leave the number out of a form that covers a single value (Arabic
    says "two cases" without a digit), so each plural form must use only the source's fields and
    all forms together must use all of them.
    """
    if isinstance(source, str):
        if not isinstance(translation, str):
            return False
        return placeholders(source) == placeholders(translation)
    wanted = _union(source)
    forms = [translation] if isinstance(translation, str) else list(translation)
    forms = [form for form in forms if form]
    if not forms:
        return True
    found = [placeholders(form) for form in forms]
    if wanted is None or any(fields is None for fields in found):
        return wanted is None and all(fields is None for fields in found)
    return all(fields is not None and fields <= wanted for fields in found) and (
        frozenset().union(*[f for f in found if f is not None]) == wanted
    )


_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)


def percent_fields(text: str) -> tuple[frozenset[str], int]:
    """The `%(name)s` names and the number of bare `%s`-style fields (`%%` is a literal)."""
    names: set[str] = set()
    bare = 0
    for match in _PERCENT.finditer(text):
        if match.group(0) == "%%":
            continue
        if match.group("name") is not None:
            names.add(match.group("name"))
        else:
            bare += 1
    return frozenset(names), bare


def percent_consistent(source: str | Sequence[str], translation: str | Sequence[str]) -> bool:
    """True when a %-format translation (argparse's messages) keeps the source's fields."""
    sources = [source] if isinstance(source, str) else list(source)
    forms = [translation] if isinstance(translation, str) else [f for f in translation if f]
    wanted = {percent_fields(text) for text in sources}
    return all(percent_fields(form) in wanted for form in forms)


def is_translated(message: Message) -> bool:
    """True when every form of the message is translated (an empty form shows English)."""
    if isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string or ())


def _differs(message: Message) -> bool:
    if not message.id or message.string is None or not is_translated(message):
        return False
    if not consistent(message.id, message.string):
        return True
    return "python-format" in message.flags and not percent_consistent(message.id, message.string)


def mismatches(catalog: Catalog) -> list[Message]:
    """The translated messages of `catalog` whose placeholders differ from their source."""
    return [message for message in catalog if _differs(message)]
