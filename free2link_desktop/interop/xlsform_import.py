"""XLSForm -> interview guide data (`format: free2link-questionnaire/1`), with a note for
everything that was kept, changed or skipped on the way.

The mapping (docs/questionnaire-format.md has the table): groups -> sections (a group inside a
group is merged into its section and its `relevant` moved onto its questions); select_one over
a yes/no list -> yes_no; other select_one -> single; select_multiple -> multiple; text,
integer, date, note -> the same; decimal -> text; `relevant`, `constraint` (its message goes
into the guidance), `required`, `hint` and `guidance_hint` -> guidance. What a guide cannot
express (repeats, calculations, choice filters, lists from files, locations, media, metadata)
is skipped with a note naming the sheet, the row and the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from free2link_desktop.core.questionnaire.expressions import Scope
from free2link_desktop.core.questionnaire.model import YES_NO_VALUES
from free2link_desktop.i18n import N_
from free2link_desktop.interop.xlsform_columns import Columns
from free2link_desktop.interop.xlsform_extra import Extra, read_extra
from free2link_desktop.interop.xlsform_names import (
    Names,
    Unusable,
    guide_id,
    question_id,
    section_id,
)
from free2link_desktop.interop.xlsform_notes import CHANGED, KEPT, SKIPPED, ImportNote, Lazy
from free2link_desktop.interop.xlsform_question import QuestionBuilder
from free2link_desktop.interop.xlsform_sheets import FormBroken, Sheets, read_sheets
from free2link_desktop.interop.xlsform_types import Kind, classify

QUESTIONS_TITLE = N_("Questions")
NO_INDICATORS_LABEL = N_(
    "Answers recorded. This guide was imported from an XLSForm and has no indicators: its "
    "result says nothing about trafficking."
)


@dataclass(frozen=True)
class ImportedGuide:
    """A guide document (YAML-ready) and its indicator library, with the import's notes."""

    guide: dict[str, Any]
    library: bytes
    notes: tuple[ImportNote, ...]

    def count(self, kind: str) -> int:
        return sum(1 for note in self.notes if note.kind == kind)

    @property
    def questions(self) -> list[dict[str, Any]]:
        return [q for s in self.guide["sections"] for q in s["questions"]]


@dataclass
class _Row:
    row: dict[str, Any]
    kind: Kind
    line: int
    name: str
    skip: str | None = None  # why it is skipped (a template), or None


class _Importer:
    def __init__(self, sheets: Sheets, file_stem: str) -> None:
        self.sheets = sheets
        self.file_stem = file_stem
        self.notes: list[ImportNote] = []
        self.extra: Extra = read_extra(sheets.extra)
        self.columns = Columns(sheets, self.extra, self.note)
        self.lists = self._choice_lists()

    def note(
        self, kind: str, sheet: str, row: int, name: str, template: str, **params: Any
    ) -> None:
        self.notes.append(ImportNote(kind, sheet, row, name, template, params))

    # -- choices -----------------------------------------------------------------------------
    def _choice_lists(self) -> dict[str, list[dict[str, Any]]]:
        lists: dict[str, list[dict[str, Any]]] = {}
        allowed = str(self.sheets.settings.get("allow_choice_duplicates") or "").lower()
        duplicates_allowed = allowed in ("yes", "true", "true()")
        for row in self.sheets.choices:
            list_name, value = row.get("list name"), row.get("name")
            if not list_name or value is None:
                continue
            entries = lists.setdefault(str(list_name), [])
            if any(str(e["name"]) == str(value) for e in entries):
                if duplicates_allowed:
                    self.note(
                        CHANGED,
                        "choices",
                        row["__row"],
                        str(value),
                        N_("the choice appears twice in list '{list}': only the first is kept"),
                        list=list_name,
                    )
                    continue
                raise FormBroken(
                    N_(
                        "Sheet {sheet}, row {row}: the choice '{value}' appears twice in list "
                        "'{list}'."
                    ),
                    sheet="choices",
                    row=row["__row"],
                    value=value,
                    list=list_name,
                )
            entries.append(row)
        return lists

    # -- pass 1: what each row is ------------------------------------------------------------
    def classify_rows(self) -> list[_Row]:
        rows: list[_Row] = []
        seen: dict[str, int] = {}
        for row in self.sheets.survey:
            line = int(row["__row"])
            raw_type = str(row.get("type") or "").strip()
            name = str(row.get("name") or "").strip()
            if not raw_type:
                if name:
                    self.note(SKIPPED, "survey", line, name, N_("no type: the row was skipped"))
                continue
            kind = classify(raw_type)
            if kind.family == "unknown":
                raise FormBroken(
                    N_("Sheet {sheet}, row {row}: unknown question type '{type}'."),
                    sheet="survey",
                    row=line,
                    type=raw_type,
                )
            if kind.ours == "note" and not name:
                name = f"note_{line}"
                self.note(
                    CHANGED,
                    "survey",
                    line,
                    name,
                    N_("a note without a name: named '{id}'"),
                    id=name,
                )
            if kind.family in ("begin", "question", "skip") and not name:
                raise FormBroken(
                    N_("Sheet {sheet}, row {row}: the '{type}' row has no name."),
                    sheet="survey",
                    row=line,
                    type=raw_type,
                )
            if kind.family in ("question", "skip"):
                if name in seen:
                    raise FormBroken(
                        N_(
                            "Sheet {sheet}, row {row}: the name '{name}' is already used in "
                            "row {first}."
                        ),
                        sheet="survey",
                        row=line,
                        name=name,
                        first=seen[name],
                    )
                seen[name] = line
            if kind.list_name and kind.list_name not in self.lists:
                raise FormBroken(
                    N_(
                        "Sheet {sheet}, row {row}: the choice list '{list}' is not on the "
                        "choices sheet."
                    ),
                    sheet="survey",
                    row=line,
                    list=kind.list_name,
                )
            rows.append(_Row(row, kind, line, name, kind.skip_reason))
        self._mark_repeats(rows)
        return rows

    def _mark_repeats(self, rows: list[_Row]) -> None:
        depth: list[_Row] = []
        repeat: _Row | None = None
        for item in rows:
            if item.kind.family == "begin":
                depth.append(item)
                if item.kind.control == "repeat" and repeat is None:
                    repeat = item
            elif item.kind.family == "end":
                if not depth or depth[-1].kind.control != item.kind.control:
                    raise FormBroken(
                        N_("Sheet {sheet}, row {row}: '{type}' without a matching begin."),
                        sheet="survey",
                        row=item.line,
                        type=str(item.row.get("type")),
                    )
                if depth.pop() is repeat:
                    repeat = None
            elif repeat is not None and item.kind.family in ("question", "skip"):
                item.skip = N_(
                    "inside the repeat '{repeat}' (row {repeat_row}): repeats are not imported"
                )
                item.row = {**item.row, "__repeat": (repeat.name, repeat.line)}
        if depth:
            raise FormBroken(
                N_("Sheet {sheet}, row {row}: '{type}' is never ended."),
                sheet="survey",
                row=depth[-1].line,
                type=str(depth[-1].row.get("type")),
            )

    # -- pass 2: the guide -------------------------------------------------------------------
    def names(self, rows: list[_Row]) -> Names:
        taken: set[str] = set()
        ids: dict[str, str] = {}
        calculations: dict[str, str] = {}
        for item in rows:
            if item.kind.family != "question" or item.skip:
                calc = (item.row.get("bind") or {}).get("calculate")
                if item.kind.base == "calculate" and calc and "__repeat" not in item.row:
                    calculations[item.name] = str(calc)
                continue
            ids[item.name] = question_id(item.name, taken)
        # the text questions "or_other" adds come last, so the form's own names keep their ids
        others = {
            item.name: question_id(f"{item.name}_other", taken)
            for item in rows
            if item.kind.family == "question" and not item.skip and item.kind.or_other
        }
        scope = Scope(frozenset([*ids.values(), *others.values()]))
        return Names(ids, calculations, scope, others)

    def build(self) -> ImportedGuide:
        rows = self.classify_rows()
        names = self.names(rows)
        sections = _SectionBuilder(self, names).build(rows)
        if not any(q["type"] != "note" for s in sections for q in s["questions"]):
            raise FormBroken(
                N_(
                    "The form has no question that can be imported (sheet survey): every row "
                    "was skipped or is a note."
                )
            )
        settings = self.sheets.settings
        guide: dict[str, Any] = {
            "format": "free2link-questionnaire/1",
            "id": guide_id(str(settings.get("id_string") or self.file_stem)),
            "version": str(settings.get("version") or "1"),
            "title": self.extra.title
            or self.columns.same_text(
                str(settings.get("title") or settings.get("id_string") or self.file_stem)
            ),
            "languages": self.extra.languages or self.columns.statuses(),
            "indicators": "",
            "sections": sections,
            "assessment": self.extra.assessment or self._no_indicators_rule(),
        }
        return ImportedGuide(guide, self.extra.library or _EMPTY_LIBRARY, tuple(self.notes))

    def _no_indicators_rule(self) -> list[dict[str, Any]]:
        return [
            {
                "level": "none",
                "when": "true()",
                "label": self.columns.translated(NO_INDICATORS_LABEL),
            }
        ]


_EMPTY_LIBRARY = b"format: free2link-indicators/1\ndimensions: []\nindicators: []\n"


class _SectionBuilder:
    """Walks the classified rows and fills sections with questions."""

    def __init__(self, importer: _Importer, names: Names) -> None:
        self.imp = importer
        self.names = names
        self.columns = importer.columns
        self.sections: list[dict[str, Any]] = []
        self.section_ids: set[str] = set()
        self.current: dict[str, Any] | None = None
        #: relevant expressions of the groups we are inside (below the section's own group)
        self.group_relevants: list[str | None] = []
        self.group_depth = 0
        self.repeat_depth = 0

    def build(self, rows: list[_Row]) -> list[dict[str, Any]]:
        for item in rows:
            family = item.kind.family
            if item.skip:
                self._skip(item)
            elif family == "begin":
                self._begin(item)
            elif family == "end":
                self._end()
            else:
                self._question(item)
        self._close()
        return self.sections

    def _skip(self, item: _Row) -> None:
        params: dict[str, Any] = {"type": str(item.row.get("type"))}
        if "__repeat" in item.row:
            params["repeat"], params["repeat_row"] = item.row["__repeat"]
        template = item.skip or ""
        self.imp.note(SKIPPED, "survey", item.line, item.name, template, **params)

    def _begin(self, item: _Row) -> None:
        self.group_depth += 1
        if item.kind.control == "repeat" or self.repeat_depth:
            if not self.repeat_depth:
                self.imp.note(
                    SKIPPED,
                    "survey",
                    item.line,
                    item.name,
                    N_("a repeat: its questions are not imported"),
                )
            self.repeat_depth += 1
            return
        relevant = self._expression(item, "relevant")
        if self.group_depth == 1:
            self._close()
            self.current = self._new_section(item.name, item.row, item.line, relevant)
            self.group_relevants = []
            return
        self.group_relevants.append(relevant)
        note = N_("a group inside a group: its questions were put in the section around it")
        if relevant:
            note = N_(
                "a group inside a group: its questions were put in the section around it, "
                "each with the group's relevant"
            )
        self.imp.note(CHANGED, "survey", item.line, item.name, note)

    def _end(self) -> None:
        self.group_depth -= 1
        if self.repeat_depth:
            self.repeat_depth -= 1
        elif self.group_depth == 0:
            self._close()
        elif self.group_relevants:
            self.group_relevants.pop()

    def _new_section(
        self, name: str, row: Mapping[str, Any], line: int, relevant: str | None = None
    ) -> dict[str, Any]:
        name = self.imp.extra.sections.get(name, name)
        section: dict[str, Any] = {"id": section_id(name, self.section_ids)}
        section["title"] = self.columns.text(row, "label", line, name) or self.columns.same_text(
            name
        )
        guidance = self.columns.guidance(row, line)
        if guidance:
            section["guidance"] = guidance
        if relevant:
            section["relevant"] = relevant
        section["questions"] = []
        section["__line"] = line
        return section

    def _close(self) -> None:
        if self.current is None:
            return
        line = self.current.pop("__line")
        if self.current["questions"]:
            self.sections.append(self.current)
        elif line:
            self.imp.note(
                SKIPPED,
                "survey",
                line,
                self.current["id"],
                N_("the group has no question left to import: it was left out"),
            )
        self.current = None

    def _question(self, item: _Row) -> None:
        if self.current is None:  # a question outside any group: a section of its own
            title = self.imp.sheets.settings.get("title")
            self.current = self._new_section(f"section_{len(self.sections) + 1}", {}, 0)
            self.current["title"] = (
                self.columns.same_text(str(title))
                if title
                else self.columns.translated(QUESTIONS_TITLE)
            )
        question = QuestionBuilder(self.imp.note, self.columns, self.imp.lists, self.names).build(
            item.row, item.kind, item.line, item.name
        )
        if question is None:
            return
        pushed = [r for r in self.group_relevants if r]
        if pushed:
            own = question.get("relevant")
            parts = [*pushed, own] if own else pushed
            question["relevant"] = (
                " and ".join(f"({p})" for p in parts) if len(parts) > 1 else parts[0]
            )
        self.current["questions"].append(question)
        for extra in question.pop("__extra", []):
            self.current["questions"].append(extra)

    def _expression(self, item: _Row, key: str) -> str | None:
        source = (item.row.get("bind") or {}).get(key)
        if not source:
            return None
        try:
            return self.names.translate(str(source))
        except Unusable as error:
            self.imp.note(
                CHANGED,
                "survey",
                item.line,
                item.name,
                N_("'{key}' dropped: {reason}"),
                key=key,
                reason=Lazy(error.template, error.params),
            )
            return None


def import_xlsform(data: bytes, file_stem: str = "imported-form") -> ImportedGuide:
    """The guide made from the XLSForm `data`; `FormBroken` (exit 2) for a broken form."""
    importer = _Importer(read_sheets(data), file_stem)
    return importer.build()


__all__ = [
    "CHANGED",
    "KEPT",
    "SKIPPED",
    "YES_NO_VALUES",
    "FormBroken",
    "ImportNote",
    "ImportedGuide",
    "import_xlsform",
]
