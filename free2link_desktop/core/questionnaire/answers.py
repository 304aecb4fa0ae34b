"""Checking answers against their questions, and reading an ANSWERS.json document.

Every refusal names the question, so an interviewer or a script author knows which answer to fix.
Values are normalised: yes_no, single, text and date answers are strings, integer answers ints,
multiple answers tuples of strings; None, '' and [] mean "no answer".
"""

from __future__ import annotations

import errno
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire.expressions import Context, Value
from free2link_desktop.core.questionnaire.expressions.values import parse_iso_date
from free2link_desktop.core.questionnaire.model import Question, Questionnaire
from free2link_desktop.core.questionnaire.problems import AnswerRefused, AnswersRefused
from free2link_desktop.core.questionnaire.relevance import expression_value
from free2link_desktop.core.text import MAX_FREE_TEXT, Label, text_problem
from free2link_desktop.i18n import N_

Answer = str | int | tuple[str, ...] | None
#: Integer answers are ages, counts and years: 15 digits is far beyond any, stays exact in a
#: double (JSON readers) and in SQLite's 64-bit integers.
MAX_INTEGER_DIGITS = 15
MAX_INTEGER = 10**MAX_INTEGER_DIGITS - 1


def is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def validate_answer(
    question: Question,
    value: Any,
    *,
    answers: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> Answer:
    """The normalised answer, or AnswerRefused naming the question.

    `answers` (the other answers) and `today` (the interview date) are only needed when the
    question's constraint refers to them.
    """
    values = None if answers is None else {k: expression_value(v) for k, v in answers.items()}
    return _validate(question, value, values, today)


def _validate(
    question: Question, value: Any, values: Mapping[str, Value] | None, today: date | None
) -> Answer:
    qid = question.id
    if is_empty(value):
        return None
    if question.type == "note":
        raise AnswerRefused(qid, N_("This is a note; it takes no answer."))
    normalised: Answer
    if question.type in ("yes_no", "single"):
        if not isinstance(value, str):
            raise AnswerRefused(
                qid,
                N_("The answer must be one of: {options}."),
                options=", ".join(question.option_values()),
            )
        if value not in question.option_values():
            raise AnswerRefused(
                qid,
                N_("'{value}' is not one of the options ({options})."),
                value=value,
                options=", ".join(question.option_values()),
            )
        normalised = value
    elif question.type == "multiple":
        normalised = _multiple(question, value)
    elif question.type == "integer":
        normalised = _integer(qid, value)
    elif question.type == "date":
        if not isinstance(value, str) or parse_iso_date(value) is None:
            raise AnswerRefused(qid, N_("The answer must be a date written YYYY-MM-DD."))
        normalised = value
    else:
        if not isinstance(value, str):
            raise AnswerRefused(qid, N_("The answer must be a text."))
        problem = text_problem(value, single_line=False, limit=MAX_FREE_TEXT)
        if problem is not None:
            raise AnswerRefused(qid, problem[0], what=Label(N_("The answer")), **problem[1])
        normalised = value
    if question.constraint is not None:
        ctx = Context(values or {}, today or date.today(), expression_value(normalised))
        if not question.constraint.holds(ctx):
            raise AnswerRefused(
                qid,
                N_("The answer {value} does not meet the condition {rule}."),
                value=_show(normalised),
                rule=question.constraint.source,
            )
    return normalised


def _show(value: Answer) -> str:
    return " ".join(value) if isinstance(value, tuple) else str(value)


def _multiple(question: Question, value: Any) -> tuple[str, ...]:
    qid = question.id
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswerRefused(qid, N_("The answer must be a list of options."))
    allowed = question.option_values()
    for item in value:
        if item not in allowed:
            raise AnswerRefused(
                qid,
                N_("'{value}' is not one of the options ({options})."),
                value=item,
                options=", ".join(allowed),
            )
    if len(set(value)) != len(value):
        raise AnswerRefused(qid, N_("An option is selected twice."))
    alone = [option.value for option in question.options if option.alone and option.value in value]
    if alone and len(value) > 1:
        raise AnswerRefused(
            qid, N_("'{value}' cannot be chosen together with other options."), value=alone[0]
        )
    return tuple(v for v in allowed if v in value)


def _integer(qid: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerRefused(qid, N_("The answer must be a whole number."))
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise AnswerRefused(qid, N_("The answer must be a whole number."))
    if abs(value) > MAX_INTEGER:
        raise AnswerRefused(
            qid,
            N_("The number is too large (at most {limit} digits)."),
            limit=MAX_INTEGER_DIGITS,
        )
    return int(value)


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], today: date | None = None
) -> dict[str, Answer]:
    """All answers normalised (empty ones dropped), or AnswersRefused listing every problem."""
    refusals: list[AnswerRefused] = []
    out: dict[str, Answer] = {}
    values = {k: expression_value(v) for k, v in answers.items()}
    for qid, value in answers.items():
        if not questionnaire.has_question(qid):
            refusals.append(
                AnswerRefused(
                    str(qid), N_("There is no such question in {guide}."), guide=questionnaire.id
                )
            )
            continue
        try:
            normalised = _validate(questionnaire.question(qid), value, values, today)
        except AnswerRefused as refusal:
            refusals.append(refusal)
            continue
        if normalised is not None:
            out[qid] = normalised
    if refusals:
        raise AnswersRefused(refusals)
    return out


@dataclass(frozen=True)
class AnswersDocument:
    """An ANSWERS.json file (SPEC 7)."""

    questionnaire: str
    version: str | None
    interview_date: date
    answers: dict[str, Any] = field(default_factory=dict)


def parse_answers_document(data: Any, name: str = "ANSWERS.json") -> AnswersDocument:
    """Check the shape of a decoded ANSWERS.json document (answers are checked later)."""
    if not isinstance(data, dict):
        raise InputRefused(N_("{file}: the answers must be a JSON object."), file=name)
    unknown = sorted(set(data) - {"questionnaire", "version", "interview_date", "answers"})
    if unknown:
        raise InputRefused(N_("{file}: unknown key '{key}'."), file=name, key=unknown[0])
    guide = data.get("questionnaire")
    if not isinstance(guide, str) or not guide:
        raise InputRefused(N_("{file}: 'questionnaire' must be the questionnaire's id."), file=name)
    version = data.get("version")
    if version is not None and not isinstance(version, str):
        raise InputRefused(N_("{file}: 'version' must be a text like \"1.0.0\"."), file=name)
    raw_date = data.get("interview_date")
    interview_date = parse_iso_date(raw_date)
    if interview_date is None:
        raise InputRefused(
            N_("{file}: 'interview_date' must be a date written YYYY-MM-DD."), file=name
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise InputRefused(
            N_("{file}: 'answers' must be an object {{question id: answer}}."), file=name
        )
    return AnswersDocument(guide, version, interview_date, dict(answers))


#: The largest answers file read: every answer of a 300-question guide at the free-text limit
#: would not fit, but no real interview comes near it.
MAX_ANSWERS_BYTES = 32 * 1024 * 1024


def read_answers_document(path: str | Path) -> AnswersDocument:
    """Read and check the shape of an ANSWERS.json file."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        with path.open("rb") as handle:
            data = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise InputRefused(
            N_("{file}: cannot be read ({reason})."),
            file=str(path),
            reason=error.strerror or str(error),
        ) from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise InputRefused(
            N_("{file}: the file is too large (more than {limit} MB)."),
            file=str(path),
            limit=MAX_ANSWERS_BYTES // 1_048_576,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputRefused(
            N_("{file}: this is not UTF-8 text (byte {position})."),
            file=str(path),
            position=error.start,
        ) from None
    return parse_answers_document(loads_answers(text, str(path)), str(path))


class _NumberRefused(Exception):
    """Raised from inside the JSON parser for a number that no answer can hold."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _NumberRefused(text)
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > 40 or not math.isfinite(value := float(text)):
        raise _NumberRefused(text)
    return value


def _json_constant(text: str) -> Any:
    raise _NumberRefused(text)  # NaN, Infinity, -Infinity: not JSON, and no answer


def loads_answers(text: str, name: str) -> Any:
    """Decode an answers document: a number longer than any answer (a 100,000-digit one would
    stop Python's own conversion), NaN or Infinity is refused, naming the number's start."""
    try:
        return json.loads(
            text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
        )
    except _NumberRefused as error:
        number = str(error)
        shown = number if len(number) <= 20 else number[:20] + "…"
        raise InputRefused(
            N_("{file}: the number {number} cannot be an answer (at most {limit} digits)."),
            file=name,
            number=shown,
            limit=MAX_INTEGER_DIGITS,
        ) from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise InputRefused(
            N_("{file}: this is not valid JSON ({reason})."), file=name, reason=str(error)
        ) from None


def check_document_fits(document: AnswersDocument, questionnaire: Questionnaire) -> None:
    """The answers must be for this questionnaire (the version may differ: it is recorded)."""
    if document.questionnaire != questionnaire.id:
        raise InputRefused(
            N_("The answers are for the questionnaire '{given}', not '{expected}'."),
            given=document.questionnaire,
            expected=questionnaire.id,
        )
