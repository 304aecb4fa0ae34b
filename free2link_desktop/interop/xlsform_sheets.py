"""Reading the sheets of an XLSForm (.xlsx or .xls) with pyxform's own reader.

pyxform's validated tree (`workbook_to_json`) refuses many real forms outright (one unknown
column value, one repeat count it cannot follow) and forgets row numbers, so we take its
reader of the raw sheets and its header parser instead: the same header spelling rules as
ODK and Kobo (case, spacing, `label::English (en)`, the old single-colon `label:English`,
every alias), with the row number of each row kept so a message can name it.

Anything wrong with the file itself becomes a `FormBroken` (exit 2) naming the sheet and row.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_

#: The extra sheets our export writes (read only from .xlsx; pyxform ignores them).
EXTRA_SHEETS = ("free2link", "free2link_assessment")
#: A 300-question form in 7 languages is well under 1 MB; these limits only stop files that
#: would fill the memory (a "zip bomb" unpacks a few kilobytes into gigabytes).
MAX_BYTES = 32 * 2**20
MAX_UNPACKED = 128 * 2**20
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FormBroken(Free2LinkError):
    """The XLSForm cannot be imported as it is (exit 2, like a usage error: fix the file)."""

    exit_code = 2
    default_template = N_("The XLSForm cannot be imported.")


@dataclass(frozen=True)
class Sheets:
    """The sheets of one XLSForm, headers parsed, each row with its spreadsheet row number.

    `survey` rows are pyxform's grouped dicts: `{"type": ..., "name": ..., "label": {"English
    (en)": ...} or "...", "bind": {"relevant": ...}, "__row": 5}`.
    """

    survey: list[dict[str, Any]]
    survey_columns: tuple[tuple[str, ...], ...]
    choices: list[dict[str, Any]]
    choices_columns: tuple[tuple[str, ...], ...]
    settings: dict[str, Any]
    #: our own extra sheets, as rows of cell texts (header row first), exactly as written
    extra: dict[str, list[list[str]]] = field(default_factory=dict)


def read_sheets(data: bytes) -> Sheets:
    """The sheets of the XLSForm in `data`; `FormBroken` when it is not a usable XLSForm."""
    if len(data) > MAX_BYTES:
        raise FormBroken(
            N_("The file is larger than {limit} MB: it is not an XLSForm and was not read."),
            limit=MAX_BYTES // 2**20,
        )
    if data.startswith(_XLSX_MAGIC):
        _refuse_zip_bomb(data)
        file_type = ".xlsx"
    elif data.startswith(_XLS_MAGIC):
        file_type = ".xls"
    else:
        raise FormBroken(N_("The file is not a spreadsheet (.xlsx or .xls)."))
    with warnings.catch_warnings():
        # openpyxl warns about spreadsheet features it does not read (data validation,
        # conditional formatting, extensions): none of them matter to a form.
        warnings.simplefilter("ignore")
        return _read(data, file_type)


def _read(data: bytes, file_type: str) -> Sheets:
    workbook = _raw_workbook(data, file_type)
    if not workbook.survey_header:
        raise FormBroken(N_("The form has no 'survey' sheet."))
    settings = _settings(workbook)
    survey = _grouped("survey", workbook.survey, workbook.survey_header)
    if not any(h[0] == "type" for h in survey.headers):
        raise FormBroken(
            N_("Sheet {sheet}, row {row}: there is no 'type' column."), sheet="survey", row=1
        )
    choices = _grouped("choices", workbook.choices or [], workbook.choices_header or [])
    return Sheets(
        survey=list(survey.data),
        survey_columns=survey.headers,
        choices=list(choices.data),
        choices_columns=choices.headers,
        settings=settings,
        extra=_extra_sheets(data) if file_type == ".xlsx" else {},
    )


def _refuse_zip_bomb(data: bytes) -> None:
    """An .xlsx is a zip: refuse one that unpacks to far more than any form before reading it
    (the zip reader never unpacks more than the sizes declared here)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the reader says so
    if unpacked > MAX_UNPACKED:
        raise FormBroken(
            N_(
                "The spreadsheet unpacks to {size} MB, more than the {limit} MB any form needs: "
                "it was not read."
            ),
            size=unpacked // 2**20,
            limit=MAX_UNPACKED // 2**20,
        )


def _raw_workbook(data: bytes, file_type: str) -> Any:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform

    try:
        return get_xlsform(io.BytesIO(data), file_type=file_type)
    except PyXFormError as error:
        text = str(error)
        if text.startswith("Duplicate column header:"):
            column = text.split(":", 1)[1].strip()
            raise FormBroken(
                N_("Sheet {sheet}, row {row}: the column '{column}' appears twice."),
                sheet=_sheet_with_duplicate(data, column) or "?",
                row=1,
                column=column,
            ) from None
        if "not recognized as a supported type" in text:  # pyxform's words for a damaged file
            raise FormBroken(
                N_("The file cannot be read as a spreadsheet: it is damaged or not .xlsx/.xls.")
            ) from None
        raise FormBroken(
            N_("The file cannot be read as an XLSForm: {reason}"), reason=text
        ) from None
    except Exception as error:  # an untrusted file, read by third-party parsers
        # openpyxl and xlrd raise many kinds of error on a damaged file (zipfile, XML, struct,
        # KeyError, ...): each one means the same thing to the person importing it.
        raise FormBroken(
            N_("The file cannot be read as a spreadsheet: {reason}"),
            reason=f"{type(error).__name__}: {error}",
        ) from None


def _sheet_with_duplicate(data: bytes, column: str) -> str | None:
    """Which sheet has `column` twice in its first row (pyxform's message does not say)."""
    for name, rows in _all_first_rows(data).items():
        if rows.count(column) > 1:
            return name
    return None


def _all_first_rows(data: bytes) -> dict[str, list[str]]:
    try:
        if data.startswith(_XLSX_MAGIC):
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return {
                    ws.title: [str(c.value) for c in next(ws.iter_rows(max_row=1), ())]
                    for ws in book.worksheets
                }
            finally:
                book.close()
        import xlrd

        xls = xlrd.open_workbook(file_contents=data)
        return {
            sheet.name: [str(v) for v in (sheet.row_values(0) if sheet.nrows else [])]
            for sheet in xls.sheets()
        }
    except Exception:  # only used to name the sheet in a message
        return {}


def _grouped(sheet: str, rows: Any, header: Any) -> _Grouped:
    """pyxform's header parsing (aliases, `::` and `:` languages, case and spacing), with the
    cell texts left exactly as written: pyxform's own row grouping turns typographic quotes
    into straight ones, which would change „Polish” and «French» quotation in labels."""
    from pyxform import aliases
    from pyxform.parsing.sheet_headers import process_header
    from pyxform.question import MultipleChoiceQuestion, Option

    if sheet == "survey":
        header_aliases, columns = (
            aliases.survey_header,
            set(MultipleChoiceQuestion.get_slot_names()),
        )
    else:
        header_aliases, columns = aliases.list_header, set(Option.get_slot_names())
    names = list(header[0]) if header else []
    double_colon = any("::" in name for name in names)
    tokens_of: dict[str, tuple[str, ...]] = {}
    owner: dict[tuple[str, ...], str] = {}
    for name in names:
        _new, tokens = process_header(
            header=name,
            use_double_colon=double_colon,
            header_aliases=header_aliases,
            header_columns=columns,
        )
        if tokens in owner:
            raise FormBroken(
                N_(
                    "Sheet {sheet}, row {row}: the columns '{first}' and '{second}' are the "
                    "same column."
                ),
                sheet=sheet,
                row=1,
                first=owner[tokens],
                second=name,
            )
        owner[tokens] = name
        tokens_of[name] = tokens
    data = []
    for number, row in enumerate(rows, start=2):
        grouped: dict[str, Any] = {}
        for name, value in row.items():
            _put(grouped, tokens_of.get(name) or (name,), value)
        grouped["__row"] = number
        data.append(grouped)
    return _Grouped(tuple(owner), data)


@dataclass(frozen=True)
class _Grouped:
    headers: tuple[tuple[str, ...], ...]
    data: list[dict[str, Any]]


def _put(target: dict[str, Any], tokens: tuple[str, ...], value: Any) -> None:
    """target[t0][t1]... = value; a plain text next to languages is the "default" language."""
    key, rest = tokens[0], tokens[1:]
    if not rest:
        if isinstance(target.get(key), dict):
            target[key]["default"] = value
        else:
            target[key] = value
        return
    inner = target.get(key)
    if not isinstance(inner, dict):
        inner = {} if inner is None else {"default": inner}
        target[key] = inner
    _put(inner, rest, value)


def _settings(workbook: Any) -> dict[str, Any]:
    if not workbook.settings:
        return {}
    from pyxform import aliases
    from pyxform.errors import PyXFormError
    from pyxform.parsing.sheet_headers import dealias_and_group_headers
    from pyxform.survey import Survey

    try:
        grouped = dealias_and_group_headers(
            sheet_name="settings",
            sheet_data=workbook.settings,
            sheet_header=workbook.settings_header,
            header_aliases=aliases.settings_header,
            header_columns=set(Survey.get_slot_names()),
        )
    except PyXFormError as error:
        raise FormBroken(
            N_("Sheet {sheet}, row {row}: {reason}"), sheet="settings", row=1, reason=str(error)
        ) from None
    first = grouped.data[0] if grouped.data else {}
    return dict(first)


def _extra_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Our own sheets, cell text exactly as written (pyxform strips spaces; YAML needs them)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}
    try:
        out: dict[str, list[list[str]]] = {}
        for ws in book.worksheets:
            if ws.title.lower() in EXTRA_SHEETS:
                out[ws.title.lower()] = [
                    ["" if v is None else str(v) for v in row]
                    for row in ws.iter_rows(values_only=True)
                ]
        return out
    finally:
        book.close()
