"""Reading located YAML values into model fields while collecting every problem.

The loaders ask a `Reader` for "the text at key K of this mapping", "the list at key L", ... and
get a value or None; anything wrong becomes a Problem at the right line and column, and reading
goes on so that an author sees all the problems of a file at once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from free2link_desktop.core.questionnaire.expressions import (
    Expression,
    ExpressionError,
    Scope,
    compile_expression,
)
from free2link_desktop.core.questionnaire.model import EMPTY_TEXT, Text
from free2link_desktop.core.questionnaire.problems import ERROR, WARNING, Problem
from free2link_desktop.core.questionnaire.yaml_loader import AnyMark, LocatedList, LocatedMap
from free2link_desktop.i18n import N_, _

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
#: Language codes already seen to match LANGUAGE_CODE (a guide repeats the same seven).
_KNOWN_CODES: set[str] = set()

_TYPE_NAMES = {
    "map": N_("a mapping (key: value lines)"),
    "list": N_("a list"),
    "text": N_("a text"),
    "yes/no": N_("true or false"),
}


@dataclass(frozen=True)
class TextUse:
    """A translatable text and where it is, for the check of declared languages.

    The place is kept as the container and key and turned into a mark only when a language is
    missing: a guide holds thousands of texts and almost all of them are complete.
    """

    text: Text
    owner: LocatedMap | LocatedList
    key: Any
    what: str

    @property
    def mark(self) -> AnyMark:
        return self.owner.marks[self.key]


def _all_known_texts(value: LocatedMap) -> bool:
    """True when every key is a known language code and every value a non-blank text.

    The common case, checked without a Python loop (a guide holds thousands of texts):
    `str.strip` refuses anything that is not text, and a blank text strips to ''.
    """
    if not _KNOWN_CODES.issuperset(value):
        return False
    try:
        return all(map(str.strip, value.values()))
    except TypeError:
        return False


@functools.cache
def _allowed_keys(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required) | frozenset(optional)


class Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        #: the texts whose languages differ from the declared ones, for `check_languages`
        self.texts: list[TextUse] = []
        self._declared: dict[str, str] | None = None

    # -- problems ---------------------------------------------------------------------------
    def error(self, mark: AnyMark, template: str, **params: Any) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.col, template, params, ERROR))

    def warn(self, mark: AnyMark, template: str, **params: Any) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.col, template, params, WARNING))

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def _wrong_type(self, mark: AnyMark, where: str, expected: str) -> None:
        self.error(
            mark, N_("{where} must be {expected}."), where=where, expected=_TYPE_NAMES[expected]
        )

    # -- structure --------------------------------------------------------------------------
    def as_map(self, value: Any, mark: AnyMark, where: str) -> LocatedMap | None:
        if isinstance(value, LocatedMap):
            return value
        self._wrong_type(mark, where, "map")
        return None

    def as_list(self, value: Any, mark: AnyMark, where: str) -> LocatedList | None:
        if isinstance(value, LocatedList):
            return value
        self._wrong_type(mark, where, "list")
        return None

    def keys(
        self, m: LocatedMap, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> None:
        """Report unknown keys and missing required keys of `m`."""
        allowed = _allowed_keys(required, optional)
        if m.keys() <= allowed and all(key in m for key in required):
            return
        for key in m:
            if key not in allowed:
                self.error(
                    m.key_marks[key],
                    N_("Unknown key '{key}' in {where} (allowed: {allowed})."),
                    key=key,
                    where=where,
                    allowed=", ".join(sorted(allowed)),
                )
        for key in required:
            if key not in m:
                self.error(m.mark, N_("{where} has no '{key}'."), where=where, key=key)

    def items(self, m: LocatedMap, key: str, where: str) -> list[tuple[LocatedMap, AnyMark]]:
        """The mappings in the list at `key` (each with its mark); others are reported."""
        if key not in m:
            return []
        items = m[key]
        if not isinstance(items, LocatedList):
            self._wrong_type(m.marks[key], f"'{key}' in {where}", "list")
            return []
        out: list[tuple[LocatedMap, AnyMark]] = []
        for i, item in enumerate(items):
            if isinstance(item, LocatedMap):
                out.append((item, items.marks[i]))
            else:
                self._wrong_type(items.marks[i], _("Each entry of '{key}'").format(key=key), "map")
        return out

    # -- scalars ----------------------------------------------------------------------------
    def string(
        self,
        m: LocatedMap,
        key: str,
        where: str,
        pattern: re.Pattern[str] | None = None,
        hint: str = "",
    ) -> str | None:
        if key not in m:
            return None
        value = m.text_of(key)
        if not isinstance(value, str) or value == "":
            self._wrong_type(m.marks[key], f"'{key}' in {where}", "text")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.error(
                m.marks[key],
                N_("'{value}' is not a valid {key} in {where}: {hint}"),
                value=value,
                key=key,
                where=where,
                hint=hint,
            )
            return None
        return value

    def boolean(self, m: LocatedMap, key: str, where: str, default: bool = False) -> bool:
        if key not in m:
            return default
        if not isinstance(m[key], bool):
            self._wrong_type(m.marks[key], f"'{key}' in {where}", "yes/no")
            return default
        return bool(m[key])

    def iso_date(self, m: LocatedMap, key: str, where: str) -> date | None:
        if key not in m:
            return None
        value = m[key]
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            m.marks[key],
            N_("'{key}' in {where} must be a date written YYYY-MM-DD."),
            key=key,
            where=where,
        )
        return None

    def strings(
        self, m: LocatedMap, key: str, where: str, single_ok: bool = False
    ) -> tuple[str, ...]:
        """A list of texts (or one text, when `single_ok`)."""
        if key not in m:
            return ()
        value = m.text_of(key)
        if single_ok and isinstance(value, str):
            return (value,)
        items = self.as_list(value, m.marks[key], f"'{key}' in {where}")
        out: list[str] = []
        for i in range(len(items or [])):
            assert items is not None
            item = items.text_of(i)
            if isinstance(item, str) and item:
                out.append(item)
            else:
                self._wrong_type(items.marks[i], _("Each entry of '{key}'").format(key=key), "text")
        return tuple(out)

    def text(self, m: LocatedMap, key: str, where: str, plain_ok: bool = False) -> Text:
        """A `{lang: text}` mapping (or, when `plain_ok`, a plain text counted as English)."""
        if key not in m:
            return EMPTY_TEXT
        return self.text_value(m, key, f"'{key}' in {where}", plain_ok)

    def text_value(
        self, owner: LocatedMap | LocatedList, key: Any, what: str, plain_ok: bool = False
    ) -> Text:
        """The text at `owner[key]` (a mapping or a list item), remembered for check_languages."""
        value = owner.text_of(key)
        if plain_ok and isinstance(value, str):
            return Text({"en": value})
        if not isinstance(value, LocatedMap):
            self.error(
                owner.marks[key],
                N_('{what} must give the text per language, like {{en: "..."}}.'),
                what=what,
            )
            return EMPTY_TEXT
        result = Text(dict(value) if _all_known_texts(value) else self._checked_texts(value, what))
        if self._declared is None or result.values.keys() != self._declared.keys():
            self.texts.append(TextUse(result, owner, key, what))
        return result

    def _checked_texts(self, value: LocatedMap, what: str) -> dict[str, str]:
        """The texts of `value` that are usable; every other entry is reported."""
        values: dict[str, str] = {}
        for lang in value:
            text = value.text_of(lang)
            if isinstance(lang, str) and LANGUAGE_CODE.fullmatch(lang):
                _KNOWN_CODES.add(lang)
            if lang not in _KNOWN_CODES:
                self.error(
                    value.key_marks[lang],
                    N_("'{lang}' is not a language code (like en, it, ar)."),
                    lang=lang,
                )
            elif not isinstance(text, str) or not text.strip():
                self.error(
                    value.marks[lang],
                    N_("The {lang} text of {what} is empty or not text."),
                    lang=lang,
                    what=what,
                )
            else:
                values[lang] = text
        return values

    def expression(self, m: LocatedMap, key: str, where: str, scope: Scope) -> Expression | None:
        if key not in m:
            return None
        value = m[key]
        if isinstance(value, bool):
            value = "true()" if value else "false()"
        if not isinstance(value, str):
            self.error(
                m.marks[key],
                N_("'{key}' in {where} must be an expression in quotes."),
                key=key,
                where=where,
            )
            return None
        try:
            return compile_expression(value, scope)
        except ExpressionError as error:
            mark = m.marks[key]
            at = mark.shifted(error.offset) if "\n" not in value else mark
            self.error(
                at,
                N_("In '{key}' of {where}: {reason}"),
                key=key,
                where=where,
                reason=error.message(),
            )
            return None

    # -- languages --------------------------------------------------------------------------
    def languages(self, m: LocatedMap, key: str = "languages") -> dict[str, str]:
        from free2link_desktop.core.questionnaire.model import LANGUAGE_STATUSES

        if key not in m:
            return {}
        value = self.as_map(m[key], m.marks[key], f"'{key}'")
        out: dict[str, str] = {}
        for lang, status in (value or {}).items():
            assert value is not None
            if not LANGUAGE_CODE.fullmatch(lang):
                self.error(
                    value.key_marks[lang],
                    N_("'{lang}' is not a language code (like en, it, ar)."),
                    lang=lang,
                )
            elif status not in LANGUAGE_STATUSES:
                self.error(
                    value.marks[lang],
                    N_(
                        "The status of language '{lang}' must be source, draft or "
                        "reviewed, not '{status}'."
                    ),
                    lang=lang,
                    status=status,
                )
            else:
                out[lang] = status
        if value is not None and out and "source" not in out.values():
            self.error(value.mark, N_("One language must have the status 'source'."))
        self._declared = out  # a text in exactly these languages needs no later check
        return out

    def check_languages(self, languages: dict[str, str]) -> None:
        """Every text in every declared language: missing is an error, or a warning for drafts."""
        declared = languages.keys()
        for use in self.texts:
            present = use.text.values.keys()  # text_value keeps only non-empty texts
            if not present or present == declared:
                continue
            for lang, status in languages.items():
                if lang in present:
                    continue
                if status == "draft":
                    self.warn(
                        use.mark,
                        N_("{what} has no {lang} text (draft language)."),
                        what=use.what,
                        lang=lang,
                    )
                else:
                    self.error(
                        use.mark,
                        N_("{what} has no {lang} text ({lang} is {status})."),
                        what=use.what,
                        lang=lang,
                        status=status,
                    )
            for lang in present:
                if lang not in declared:
                    self.warn(
                        use.mark,
                        N_("{what} has a {lang} text but '{lang}' is not declared in 'languages'."),
                        what=use.what,
                        lang=lang,
                    )
