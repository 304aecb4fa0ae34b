"""Reading an interview guide (`format: free2link-questionnaire/1`, SPEC 6.2).

Two passes: first the question ids (so an expression may refer to any question, earlier or
later), then the questions with their expressions parsed and checked against those ids and the
indicator library.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from free2link_desktop.core.questionnaire.expressions import Scope
from free2link_desktop.core.questionnaire.expressions.nodes import Call
from free2link_desktop.core.questionnaire.model import (
    AUDIENCES,
    QUESTION_TYPES,
    AssessmentRule,
    IndicatorLibrary,
    IndicatorTrigger,
    Option,
    Question,
    Questionnaire,
    Section,
)
from free2link_desktop.core.questionnaire.reader import Reader
from free2link_desktop.core.questionnaire.yaml_loader import AnyMark, LocatedList, LocatedMap
from free2link_desktop.i18n import N_, _

GUIDE_FORMAT = "free2link-questionnaire/1"
GUIDE_ID = re.compile(r"[a-z0-9-]+")
QUESTION_ID = re.compile(r"[a-z][a-z0-9_]*")
SECTION_ID = re.compile(r"[a-z][a-z0-9_-]*")
OPTION_VALUE = re.compile(r"[A-Za-z0-9_.-]+")
LEVEL = re.compile(r"[a-z][a-z0-9_]*")
QUESTION_KEYS = (
    "type",
    "audience",
    "text",
    "guidance",
    "options",
    "relevant",
    "required",
    "constraint",
    "indicators",
    "urgent",
)


def question_ids(doc: LocatedMap) -> list[str]:
    """The ids of all questions, read leniently (the second pass reports what is wrong)."""
    ids: list[str] = []
    for section in doc.get("sections") or []:
        if isinstance(section, LocatedMap) and isinstance(section.get("questions"), LocatedList):
            for question in section["questions"]:
                if isinstance(question, LocatedMap) and isinstance(question.get("id"), str):
                    ids.append(question["id"])
    return ids


def read_guide(
    doc: LocatedMap,
    reader: Reader,
    path: Path | None,
    sha256: str,
    library: IndicatorLibrary | None,
) -> Questionnaire:
    reader.keys(
        doc,
        _("the questionnaire"),
        ("format", "id", "version", "title", "languages", "indicators", "sections", "assessment"),
    )
    guide_id = reader.string(
        doc, "id", "the questionnaire", GUIDE_ID, _("use lower-case letters, digits and -")
    )
    version = reader.string(doc, "version", "the questionnaire")
    title = reader.text(doc, "title", _("the questionnaire"))
    languages = reader.languages(doc)
    ids = question_ids(doc)
    indicator_ids = {i.id for i in library.indicators} if library else set()
    question_scope = Scope(frozenset(ids))  # a set: every reference is looked up in it
    sections: list[Section] = []
    seen_sections: set[str] = set()
    seen_questions: set[str] = set()
    for entry, mark in reader.items(doc, "sections", _("the questionnaire")):
        where = _("a section")
        section_id = reader.string(
            entry, "id", where, SECTION_ID, _("use lower-case letters, digits, _ and -")
        )
        where = _("section '{id}'").format(id=section_id) if section_id else where
        reader.keys(entry, where, ("id", "title", "questions"), ("guidance", "relevant"))
        if section_id in seen_sections:
            reader.error(mark, N_("The section id '{id}' is used twice."), id=section_id)
        seen_sections.add(section_id or "")
        questions = []
        for q_entry, q_mark in reader.items(entry, "questions", where):
            question = _read_question(
                q_entry, q_mark, reader, section_id or "", question_scope, library, indicator_ids
            )
            if question is None:
                continue
            if question.id in seen_questions:
                reader.error(q_mark, N_("The question id '{id}' is used twice."), id=question.id)
            seen_questions.add(question.id)
            questions.append(question)
        if "questions" in entry and not questions and reader.ok:
            reader.error(entry.marks["questions"], N_("{where} has no questions."), where=where)
        sections.append(
            Section(
                section_id or "",
                reader.text(entry, "title", where),
                tuple(questions),
                reader.text(entry, "guidance", where),
                reader.expression(entry, "relevant", where, question_scope),
            )
        )
    rules = _read_assessment(doc, reader, ids, library, indicator_ids)
    reader.check_languages(languages)
    return Questionnaire(
        guide_id or "",
        version or "",
        title,
        languages,
        tuple(sections),
        tuple(rules),
        library or IndicatorLibrary(None, "", (), ()),
        path,
        sha256,
    )


def _read_question(
    entry: LocatedMap,
    mark: AnyMark,
    reader: Reader,
    section_id: str,
    scope: Scope,
    library: IndicatorLibrary | None,
    indicator_ids: set[str],
) -> Question | None:
    where = _("a question")
    question_id = reader.string(
        entry,
        "id",
        where,
        QUESTION_ID,
        _("use lower-case letters, digits and _, starting with a letter"),
    )
    where = _("question '{id}'").format(id=question_id) if question_id else where
    reader.keys(entry, where, ("id", "type", "text"), QUESTION_KEYS)
    kind = reader.string(entry, "type", where)
    if kind is not None and kind not in QUESTION_TYPES:
        reader.error(
            entry.marks["type"],
            N_("{where}: unknown type '{type}' (known: {known})."),
            where=where,
            type=kind,
            known=", ".join(QUESTION_TYPES),
        )
        kind = None
    audience = reader.string(entry, "audience", where) or "interviewee"
    if audience not in AUDIENCES:
        reader.error(
            entry.marks["audience"],
            N_("{where}: audience must be interviewee or interviewer, not '{audience}'."),
            where=where,
            audience=audience,
        )
    options = _read_options(entry, reader, where, kind)
    required = reader.boolean(entry, "required", where)
    if kind == "note" and required:
        reader.error(
            entry.marks["required"],
            N_("{where}: a note takes no answer, so it cannot be required."),
            where=where,
        )
    if "constraint" in entry and kind not in (None, "integer", "date"):
        reader.error(
            entry.key_marks["constraint"],
            N_("{where}: a constraint is only for integer and date questions."),
            where=where,
        )
    triggers = []
    t_where = _("an indicator of {where}").format(where=where)
    for t_entry, _t_mark in reader.items(entry, "indicators", where):
        reader.keys(t_entry, t_where, ("id", "when"))
        indicator_id = reader.string(t_entry, "id", where)
        if indicator_id is not None and library is not None and indicator_id not in indicator_ids:
            reader.error(
                t_entry.marks["id"],
                N_("{where}: '{id}' is not an indicator of the indicator library."),
                where=where,
                id=indicator_id,
            )
            indicator_id = None
        when = reader.expression(t_entry, "when", where, scope)
        if indicator_id is not None and when is not None:
            triggers.append(IndicatorTrigger(indicator_id, when))
    question = Question(
        id=question_id or "",
        type=kind or "text",
        audience=audience,
        text=reader.text(entry, "text", where),
        section_id=section_id,
        guidance=reader.text(entry, "guidance", where),
        options=options,
        relevant=reader.expression(entry, "relevant", where, scope),
        required=required,
        constraint=reader.expression(entry, "constraint", where, scope.for_constraint),
        indicators=tuple(triggers),
        urgent=reader.expression(entry, "urgent", where, scope),
        line=mark.line,
    )
    return question if question_id else None


def _read_options(
    entry: LocatedMap, reader: Reader, where: str, kind: str | None
) -> tuple[Option, ...]:
    if kind in ("single", "multiple") and "options" not in entry:
        reader.error(
            entry.mark, N_("{where}: a {type} question needs 'options'."), where=where, type=kind
        )
    if "options" in entry and kind not in (None, "single", "multiple"):
        reader.error(
            entry.key_marks["options"],
            N_("{where}: only single and multiple questions have options."),
            where=where,
        )
    options: list[Option] = []
    o_where = _("an option of {where}").format(where=where)
    for o_entry, o_mark in reader.items(entry, "options", where):
        reader.keys(o_entry, o_where, ("value", "label"))
        value = o_entry.text_of("value")
        if not isinstance(value, str) or not OPTION_VALUE.fullmatch(value):
            if "value" in o_entry:
                reader.error(
                    o_entry.marks["value"],
                    N_("{where}: an option value must be one word (letters, digits, _, - or .)."),
                    where=where,
                )
            continue
        if any(o.value == value for o in options):
            reader.error(
                o_mark,
                N_("{where}: the option '{value}' is listed twice."),
                where=where,
                value=value,
            )
        options.append(Option(value, reader.text(o_entry, "label", o_where)))
    if "options" in entry and kind in ("single", "multiple") and not options and reader.ok:
        reader.error(entry.marks["options"], N_("{where}: 'options' is empty."), where=where)
    return tuple(options)


def _read_assessment(
    doc: LocatedMap,
    reader: Reader,
    ids: list[str],
    library: IndicatorLibrary | None,
    indicator_ids: set[str],
) -> list[AssessmentRule]:
    dimensions = [d.id for d in library.dimensions] if library else []
    scope = Scope(
        frozenset(ids), assessment=True, dimensions=dimensions, indicator_ids=indicator_ids
    )
    if library is None:  # the library could not be read: do not report every name as unknown
        scope = replace(scope, dimensions=_Anything(), indicator_ids=_Anything())
    rules: list[AssessmentRule] = []
    for entry, _mark in reader.items(doc, "assessment", _("the questionnaire")):
        level = reader.string(
            entry,
            "level",
            _("an assessment rule"),
            LEVEL,
            _("use lower-case letters, digits and _"),
        )
        where = (
            _("assessment rule '{level}'").format(level=level) if level else _("an assessment rule")
        )
        reader.keys(entry, where, ("level", "when", "label"), ("advice",))
        when = reader.expression(entry, "when", where, scope)
        label, advice = reader.text(entry, "label", where), reader.text(entry, "advice", where)
        if level is not None and when is not None:
            rules.append(AssessmentRule(level, when, label, advice))
    if "assessment" in doc and not rules and reader.ok:
        reader.error(doc.marks["assessment"], N_("'assessment' needs at least one rule."))
    if rules and rules[-1].when.tree != Call("true", ()):
        reader.warn(
            doc.marks["assessment"],
            N_(
                'The last assessment rule should be when: "true()", so that every screening '
                "gets a result."
            ),
        )
    return rules


class _Anything(frozenset[str]):
    def __contains__(self, item: object) -> bool:
        return True
