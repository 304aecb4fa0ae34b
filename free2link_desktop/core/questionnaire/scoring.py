"""Scoring: the indicators the answers raise, counts per dimension, the assessment, urgency.

Only relevant questions count (an answer to a question that is no longer relevant is kept but
counts as empty). An indicator is raised at most once, with the list of questions that raised it.
The first assessment rule whose `when` holds gives the level, the label and the advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from free2link_desktop.core.questionnaire.answers import is_empty, validate_answers
from free2link_desktop.core.questionnaire.expressions import Context
from free2link_desktop.core.questionnaire.model import (
    EMPTY_TEXT,
    STRENGTHS,
    AssessmentRule,
    Indicator,
    Questionnaire,
    Text,
)
from free2link_desktop.core.questionnaire.relevance import evaluate_relevance


@dataclass(frozen=True)
class RaisedIndicator:
    indicator: Indicator
    #: ids of the relevant questions whose `when` held, in question order
    questions: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.indicator.id


@dataclass(frozen=True)
class _Facts:
    """What assessment functions (strong(), indicator(), ...) read."""

    counts: Mapping[str, Mapping[str, int]]
    raised_ids: frozenset[str]

    def count(self, dimension: str, strength: str) -> int:
        return self.counts.get(dimension, {}).get(strength, 0)

    def raised(self, indicator_id: str) -> bool:
        return indicator_id in self.raised_ids

    def total(self) -> int:
        return len(self.raised_ids)


@dataclass(frozen=True)
class ScreeningResult:
    """The outcome of a screening; `to_json()` is the shape of SPEC section 7."""

    questionnaire_id: str
    version: str
    sha256: str
    interview_date: date
    level: str | None
    label: Text
    advice: Text
    indicators: tuple[RaisedIndicator, ...]
    dimensions: Mapping[str, Mapping[str, int]]
    urgent: bool
    #: ids of the relevant questions whose `urgent` held
    urgent_questions: tuple[str, ...]
    unanswered_required: tuple[str, ...]
    relevant_questions: tuple[str, ...] = field(default=())
    rule: AssessmentRule | None = None

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire_id,
            "version": self.version,
            "assessment": {"level": self.level, "label": self.label.get(lang)},
            "indicators": [
                {
                    "id": raised.indicator.id,
                    "dimension": raised.indicator.dimension,
                    "strength": raised.indicator.strength,
                    "questions": list(raised.questions),
                }
                for raised in self.indicators
            ],
            "dimensions": {dim: dict(counts) for dim, counts in self.dimensions.items()},
            "urgent": self.urgent,
            "unanswered_required": list(self.unanswered_required),
        }


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    interview_date: date | None = None,
    *,
    validate: bool = True,
) -> ScreeningResult:
    """Score `answers` (raises AnswersRefused when they do not fit, unless `validate` is False:
    then they must already be normalised, as stored answers are)."""
    today = interview_date or date.today()
    if validate:
        answers = validate_answers(questionnaire, answers, today)
    relevance = evaluate_relevance(questionnaire, answers, today)
    ctx = relevance.context()
    raised: dict[str, list[str]] = {}
    urgent: list[str] = []
    unanswered: list[str] = []
    for question in relevance.questions:
        for trigger in question.indicators:
            if trigger.when.holds(ctx):
                ids = raised.setdefault(trigger.id, [])
                if question.id not in ids:
                    ids.append(question.id)
        if question.urgent is not None and question.urgent.holds(ctx):
            urgent.append(question.id)
        if question.required and question.takes_answer and is_empty(answers.get(question.id)):
            unanswered.append(question.id)
    library = questionnaire.library
    indicators = tuple(
        RaisedIndicator(ind, tuple(raised[ind.id]))
        for ind in library.indicators
        if ind.id in raised
    )
    counts: dict[str, dict[str, int]] = {
        d.id: {s: 0 for s in STRENGTHS} for d in library.dimensions
    }
    for item in indicators:
        counts[item.indicator.dimension][item.indicator.strength] += 1
    facts = _Facts(counts, frozenset(raised))
    rule_ctx = Context(ctx.answers, today, "", facts)
    rule = next((r for r in questionnaire.assessment if r.when.holds(rule_ctx)), None)
    return ScreeningResult(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        sha256=questionnaire.sha256,
        interview_date=today,
        level=rule.level if rule else None,
        label=rule.label if rule else EMPTY_TEXT,
        advice=rule.advice if rule else EMPTY_TEXT,
        indicators=indicators,
        dimensions=counts,
        urgent=bool(urgent),
        urgent_questions=tuple(urgent),
        unanswered_required=tuple(unanswered),
        relevant_questions=tuple(q.id for q in relevance.questions),
        rule=rule,
    )
