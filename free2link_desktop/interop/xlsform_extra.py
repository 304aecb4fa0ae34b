"""Our own sheets in an exported XLSForm: what XLSForm has no column for, so that exporting a
guide and importing it again gives the same guide.

`free2link` (columns key, language, value): `language` rows (code, status), `title` rows
(code, text), `section` rows (group name, section id) and `library` rows (one line of the
indicator library's YAML each, exactly).
`free2link_assessment` (columns level, when, label::Name (code)…, advice::Name (code)…): the
assessment rules in order. ODK, Kobo and pyxform ignore sheets they do not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from free2link_desktop.interop.languages import language_code

SHEET = "free2link"
ASSESSMENT_SHEET = "free2link_assessment"
HEADER = ("key", "language", "value")


@dataclass(frozen=True)
class Extra:
    languages: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    library: bytes = b""
    #: group name -> section id, where the export had to rename a group
    sections: dict[str, str] = field(default_factory=dict)
    assessment: list[dict[str, Any]] = field(default_factory=list)


def read_extra(sheets: dict[str, list[list[str]]]) -> Extra:
    languages: dict[str, str] = {}
    title: dict[str, str] = {}
    library: list[str] = []
    sections: dict[str, str] = {}
    rows = sheets.get(SHEET, [])
    for row in rows[1:]:
        key, language, value = ([*row, "", "", ""])[:3]
        if key == "language" and language:
            languages[language] = value
        elif key == "title" and language and value:
            title[language] = value
        elif key == "section" and language and value:
            sections[language] = value
        elif key == "library":
            library.append(value)
    if languages and "source" not in languages.values():
        languages = {}
    return Extra(
        languages=languages,
        title=title,
        sections=sections,
        library=("\n".join(library) + "\n").encode("utf-8") if library else b"",
        assessment=_assessment(sheets.get(ASSESSMENT_SHEET, [])),
    )


def _assessment(rows: list[list[str]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    rules: list[dict[str, Any]] = []
    for row in rows[1:]:
        rule: dict[str, Any] = {}
        for column, value in zip(header, row, strict=False):
            key, _sep, language = column.partition("::")
            if key in ("level", "when") and value:
                rule[key] = value
            elif key in ("label", "advice") and value:
                code = language_code(language)
                if code:
                    rule.setdefault(key, {})[code] = value
        if "level" in rule and "when" in rule:
            rules.append(rule)
    return rules
