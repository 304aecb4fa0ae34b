"""Interview guide -> XLSForm (.xlsx, written with openpyxl).

survey: one `begin group`/`end group` per section, one row per question; every language as
`label::Name (code)` and `guidance_hint::Name (code)`; yes_no as `select_one` over a list of
yes, no, don't know and declined. choices: the options. settings: form_title, form_id (the
guide id), version, default_language (the source language). Our own data, which XLSForm has
no column for, goes where ODK, Kobo and pyxform ignore it: the survey columns
free2link_audience, free2link_indicators (one `indicator_id: when` per line) and
free2link_urgent, and the sheets described in xlsform_extra.py. Importing the file again
gives the same guide.
"""

from __future__ import annotations

import io
from typing import Any

from free2link_desktop.core.questionnaire.model import Question, Questionnaire, Text
from free2link_desktop.i18n import N_, load_catalog
from free2link_desktop.interop.languages import column_language
from free2link_desktop.interop.xlsform_extra import ASSESSMENT_SHEET, HEADER, SHEET

YES_NO_LIST = "free2link_yes_no"
YES_NO_LABELS = (
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("dont_know", N_("Don't know")),
    ("declined", N_("Prefer not to answer")),
)
_TYPES = {"text": "text", "integer": "integer", "date": "date", "note": "note"}


def export_xlsform(guide: Questionnaire, *, public_key: str | None = None) -> bytes:
    """The .xlsx bytes of `guide` (`public_key`: base64 RSA key for encrypted submissions)."""
    import openpyxl

    languages = list(guide.languages)
    columns = [f"::{column_language(code)}" for code in languages]
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    _append(
        survey,
        [
            "type",
            "name",
            *[f"label{c}" for c in columns],
            *[f"guidance_hint{c}" for c in columns],
            "relevant",
            "required",
            "constraint",
            "free2link_audience",
            "free2link_indicators",
            "free2link_urgent",
        ],
    )
    choices = book.create_sheet("choices")
    _append(choices, ["list_name", "name", *[f"label{c}" for c in columns]])
    yes_no = False
    groups = _group_names(guide)
    for section in guide.sections:
        relevant = section.relevant.source if section.relevant else ""
        _append(
            survey,
            [
                "begin group",
                groups[section.id],
                *_texts(section.title, languages),
                *_texts(section.guidance, languages),
                relevant,
                *[""] * 5,
            ],
        )
        for question in section.questions:
            _append(survey, _question_row(question, languages))
            if question.type in ("single", "multiple"):
                for option in question.options:
                    _append(choices, [question.id, option.value, *_texts(option.label, languages)])
            yes_no = yes_no or question.type == "yes_no"
        _append(survey, ["end group"])
    if yes_no:
        for value, label in YES_NO_LABELS:
            _append(choices, [YES_NO_LIST, value, *_translated(label, languages)])
    settings = book.create_sheet("settings")
    source = guide.source_language
    header: list[Any] = ["form_title", "form_id", "version", "default_language"]
    values: list[Any] = [guide.title.get(source), guide.id, guide.version, column_language(source)]
    if public_key:
        header.append("public_key")
        values.append(public_key)
    _append(settings, header)
    _append(settings, values)
    _extra_sheets(book, guide, columns, groups)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _question_row(question: Question, languages: list[str]) -> list[Any]:
    if question.type == "yes_no":
        kind = f"select_one {YES_NO_LIST}"
    elif question.type == "single":
        kind = f"select_one {question.id}"
    elif question.type == "multiple":
        kind = f"select_multiple {question.id}"
    else:
        kind = _TYPES[question.type]
    triggers = "\n".join(f"{t.id}: {t.when.source}" for t in question.indicators)
    return [
        kind,
        question.id,
        *_texts(question.text, languages),
        *_texts(question.guidance, languages),
        question.relevant.source if question.relevant else "",
        "yes" if question.required else "",
        question.constraint.source if question.constraint else "",
        question.audience if question.audience != "interviewee" else "",
        triggers,
        question.urgent.source if question.urgent else "",
    ]


def _append(sheet: Any, values: list[Any]) -> None:
    """Append a row of plain values: a text that starts with '=' stays text, never a formula
    (a guide's text must not become a spreadsheet formula in the organisation's Excel)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _texts(text: Text, languages: list[str]) -> list[str]:
    return [text.values.get(code, "") for code in languages]


def _translated(message: str, languages: list[str]) -> list[str]:
    return [load_catalog(code).gettext(message) for code in languages]


def _group_names(guide: Questionnaire) -> dict[str, str]:
    """A group name per section: XLSForm names are unique across groups and questions, our
    section and question ids only each among themselves (the section keeps its id through
    the `section` rows of the free2link sheet)."""
    taken = {q.id for q in guide.questions}
    names: dict[str, str] = {}
    for section in guide.sections:
        name, n = section.id, 2
        while name in taken:
            name, n = f"{section.id}_section" + (f"_{n}" if n > 2 else ""), n + 1
        taken.add(name)
        names[section.id] = name
    return names


def _extra_sheets(
    book: Any, guide: Questionnaire, columns: list[str], groups: dict[str, str]
) -> None:
    extra = book.create_sheet(SHEET)
    _append(extra, list(HEADER))
    for section_id, group in groups.items():
        if section_id != group:
            _append(extra, ["section", group, section_id])
    for code, status in guide.languages.items():
        _append(extra, ["language", code, status])
    for code, text in guide.title.values.items():
        _append(extra, ["title", code, text])
    for line in guide.library.source.decode("utf-8").splitlines():
        _append(extra, ["library", "", line])
    rules = book.create_sheet(ASSESSMENT_SHEET)
    languages = list(guide.languages)
    _append(
        rules, ["level", "when", *[f"label{c}" for c in columns], *[f"advice{c}" for c in columns]]
    )
    for rule in guide.assessment:
        _append(
            rules,
            [
                rule.level,
                rule.when.source,
                *_texts(rule.label, languages),
                *_texts(rule.advice, languages),
            ],
        )
