"""Which questions are relevant, given the answers so far (skip logic).

A question is relevant when its section's `relevant` and its own hold. They are evaluated in
question order; an answer to a question that is not relevant is kept (the interviewer loses
nothing by correcting an earlier answer) but counts as empty from then on, for every later
expression, for scoring and for reports. A reference to a later question sees its current answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from free2link_desktop.core.questionnaire.expressions import Context, Value
from free2link_desktop.core.questionnaire.model import Question, Questionnaire


def expression_value(answer: Any) -> Value:
    """An answer as expressions see it: text, a number, or the selected values joined by spaces."""
    if answer is None:
        return ""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, int | float):
        return float(answer)
    if isinstance(answer, list | tuple):
        return " ".join(str(item) for item in answer)
    return str(answer)


@dataclass(frozen=True)
class Relevance:
    """The outcome of evaluating skip logic over one set of answers."""

    questionnaire: Questionnaire
    relevant_ids: frozenset[str]
    #: expression values with non-relevant answers emptied: what rules and scoring see
    values: Mapping[str, Value]
    today: date

    def is_relevant(self, question: Question | str) -> bool:
        qid = question if isinstance(question, str) else question.id
        return qid in self.relevant_ids

    @property
    def questions(self) -> list[Question]:
        """The relevant questions, in order (notes included)."""
        return [q for q in self.questionnaire.iter_questions() if q.id in self.relevant_ids]

    def context(self, current: Value = "") -> Context:
        return Context(self.values, self.today, current)


def evaluate_relevance(
    questionnaire: Questionnaire, answers: Mapping[str, Any], today: date | None = None
) -> Relevance:
    today = today or date.today()
    values: dict[str, Value] = {
        q.id: expression_value(answers.get(q.id)) for q in questionnaire.iter_questions()
    }
    ctx = Context(values, today)
    relevant: set[str] = set()
    for section in questionnaire.sections:
        section_holds = section.relevant is None or section.relevant.holds(ctx)
        for question in section.questions:
            if section_holds and (question.relevant is None or question.relevant.holds(ctx)):
                relevant.add(question.id)
            else:
                values[question.id] = ""
    return Relevance(questionnaire, frozenset(relevant), values, today)


def relevant_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Any], today: date | None = None
) -> list[Question]:
    """The questions to ask, in order, given the answers so far."""
    return evaluate_relevance(questionnaire, answers, today).questions


def is_relevant(
    questionnaire: Questionnaire,
    question: Question | str,
    answers: Mapping[str, Any],
    today: date | None = None,
) -> bool:
    return evaluate_relevance(questionnaire, answers, today).is_relevant(question)


def next_question(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    current: str | None,
    today: date | None = None,
) -> Question | None:
    """The first relevant question after `current` (or the first of all when None)."""
    relevance = evaluate_relevance(questionnaire, answers, today)
    ids = [q.id for q in questionnaire.iter_questions()]
    start = ids.index(current) + 1 if current in ids else 0
    for qid in ids[start:]:
        if relevance.is_relevant(qid):
            return questionnaire.question(qid)
    return None


def previous_question(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    current: str,
    today: date | None = None,
) -> Question | None:
    """The last relevant question before `current`, or None at the start."""
    relevance = evaluate_relevance(questionnaire, answers, today)
    ids = [q.id for q in questionnaire.iter_questions()]
    end = ids.index(current) if current in ids else len(ids)
    for qid in reversed(ids[:end]):
        if relevance.is_relevant(qid):
            return questionnaire.question(qid)
    return None
