"""The languages of an XLSForm's columns, and the texts of a row in our `{code: text}` form.

`label::English (en)`, `hint::Ελληνικά (el)`, `label:French`, plain `label`: each column's
language becomes a code (interop/languages.py). Plain columns are the form's default language
(settings `default_language`, else English). The default language is the guide's source; the
others are drafts, to be checked by a translator as for any guide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from free2link_desktop.i18n import N_, load_catalog
from free2link_desktop.interop.languages import language_code
from free2link_desktop.interop.xlsform_extra import Extra
from free2link_desktop.interop.xlsform_notes import CHANGED, SKIPPED, NoteSink
from free2link_desktop.interop.xlsform_sheets import Sheets

#: survey columns (pyxform's grouped keys) whose value is text in a language
TEXT_COLUMNS = {("label",), ("hint",), ("guidance_hint",), ("bind", "jr:constraintMsg")}
#: survey columns the import reads; any other column with a value is reported as ignored
USED_COLUMNS = {
    ("type",),
    ("name",),
    *TEXT_COLUMNS,
    ("bind", "relevant"),
    ("bind", "constraint"),
    ("bind", "required"),
    ("bind", "calculate"),
    ("choice_filter",),
    ("free2link_audience",),
    ("free2link_indicators",),
    ("free2link_urgent",),
}
DEFAULT = "default"


class Columns:
    def __init__(self, sheets: Sheets, extra: Extra, note: NoteSink) -> None:
        self.note = note
        declared = sheets.settings.get("default_language")
        self.default_code = (language_code(str(declared)) if declared else None) or "en"
        self.codes: dict[str, str] = {DEFAULT: self.default_code}
        order: list[str] = []
        for sheet, headers in (
            ("survey", sheets.survey_columns),
            ("choices", sheets.choices_columns),
        ):
            for tokens in headers:
                key, language = _split(tokens)
                if key in TEXT_COLUMNS and language is not None:
                    self._language(sheet, tokens, language, order)
                elif self._unused(sheet, key, tokens, sheets):
                    note(
                        SKIPPED,
                        "survey",
                        1,
                        _column_name(tokens),
                        N_("this column is not imported"),
                    )
        has_plain = any(
            _split(t)[1] is None and _split(t)[0] in TEXT_COLUMNS for t in sheets.survey_columns
        )
        if extra.languages:
            self.source = next(c for c, s in extra.languages.items() if s == "source")
        elif declared or has_plain or not order:
            self.source = self.default_code
        else:
            self.source = order[0]
        self.languages = [self.source, *[c for c in order if c != self.source]]
        if extra.languages:
            self.languages = list(extra.languages)

    @staticmethod
    def _unused(sheet: str, key: tuple[str, ...], tokens: tuple[str, ...], sheets: Sheets) -> bool:
        if sheet != "survey" or key in USED_COLUMNS:
            return False
        return any(_has(row, tokens) for row in sheets.survey)

    def _language(
        self, sheet: str, tokens: tuple[str, ...], language: str, order: list[str]
    ) -> None:
        if language in self.codes:
            code: str | None = self.codes[language]
        else:
            code = language_code(language)
            if code is None:
                self.note(
                    SKIPPED,
                    sheet,
                    1,
                    "::".join(tokens),
                    N_(
                        "the language '{language}' has no language code, so this column was "
                        "not imported (name it like 'label::{language} (xx)')"
                    ),
                    language=language,
                )
                self.codes[language] = ""
                return
            self.codes[language] = code
        if code and code not in order:
            order.append(code)

    # -- texts ---------------------------------------------------------------------------------
    def values(self, value: Any) -> dict[str, str]:
        """`{code: text}` of one grouped cell value (plain text or `{language: text}`)."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            value = {DEFAULT: value}
        out: dict[str, str] = {}
        for language, text in value.items():
            code = self.codes.get(str(language))
            if code is None:
                code = language_code(str(language)) or ""
            text = str(text).strip()
            if code and text and (code not in out or language != DEFAULT):
                out[code] = text
        return out

    def text(self, row: Mapping[str, Any], key: str, line: int, name: str) -> dict[str, str]:
        """The row's `key` text in every language, the source language filled in if missing."""
        return self.complete(self.values(row.get(key)), line, name, key)

    def complete(
        self, values: dict[str, str], line: int, name: str, what: str, sheet: str = "survey"
    ) -> dict[str, str]:
        if values and self.source not in values:
            first = next(iter(values))
            values = {self.source: values[first], **values}
            self.note(
                CHANGED,
                sheet,
                line,
                name,
                N_("the {what} has no {source} text: the {lang} text was used for it"),
                what=what,
                source=self.source,
                lang=first,
            )
        return {code: values[code] for code in self.ordered(values)}

    def ordered(self, values: Mapping[str, str]) -> list[str]:
        known = [c for c in self.languages if c in values]
        return known + [c for c in values if c not in known]

    def guidance(self, row: Mapping[str, Any], line: int, message: Any = None) -> dict[str, str]:
        """hint, guidance_hint and the constraint message, joined per language."""
        parts = [self.values(row.get("hint")), self.values(row.get("guidance_hint"))]
        if message is not None:
            parts.append(self.values(message))
        joined: dict[str, str] = {}
        for part in parts:
            for code, text in part.items():
                joined[code] = f"{joined[code]}\n\n{text}" if code in joined else text
        return self.complete(joined, line, str(row.get("name") or ""), "guidance")

    def same_text(self, text: str) -> dict[str, str]:
        return {code: text for code in self.languages}

    def translated(self, message: str) -> dict[str, str]:
        """One of our own texts in every language of the guide (English where we have none)."""
        return {code: load_catalog(code).gettext(message) for code in self.languages}

    def statuses(self) -> dict[str, str]:
        return {code: "source" if code == self.source else "draft" for code in self.languages}


def _split(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """(`("label",)`, "English (en)") for the column `label::English (en)`."""
    if tokens[0] == "bind" and len(tokens) >= 2:
        return tokens[:2], tokens[2] if len(tokens) > 2 else None
    return tokens[:1], tokens[1] if len(tokens) > 1 else None


def _column_name(tokens: tuple[str, ...]) -> str:
    """A column as its author knows it: `appearance`, not pyxform's `control::appearance`."""
    if tokens[0] in ("bind", "control", "media") and len(tokens) > 1:
        tokens = tokens[1:]
    return "::".join(tokens)


def _has(row: Mapping[str, Any], tokens: tuple[str, ...]) -> bool:
    value: Any = row
    for token in tokens:
        if not isinstance(value, Mapping) or token not in value:
            return False
        value = value[token]
    return bool(value)
