"""Turning cases, screenings and directory entries into the plain data the report writers take.

Texts are taken in the report's language where the questionnaire or the directory has them,
and in the questionnaire's source language otherwise (SPEC section 9).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from free2link_desktop.core.cases import Case, ScreeningRecord
from free2link_desktop.core.questionnaire import (
    Organisation,
    Question,
    Questionnaire,
    ScreeningResult,
)
from free2link_desktop.i18n import N_
from free2link_desktop.reports.layout import translator
from free2link_desktop.reports.model import (
    AnswerLine,
    CaseDetails,
    DimensionEntry,
    IndicatorEntry,
    Recipient,
    ScreeningSection,
)

YES_NO_LABELS = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "dont_know": N_("Don't know"),
    "declined": N_("Declined to answer"),
}


def language_name(code: str, language: str) -> str:
    """'ar' -> 'Arabic' (in the report's language); the code itself if babel does not know it."""
    try:
        name = Locale.parse(code).get_display_name(language)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


def answer_label(question: Question, value: Any, language: str, source: str) -> str:
    """The answer as a reader understands it: option labels, not stored values."""
    _ = translator(language)
    if value is None or value == "" or value == ():
        return _("(no answer)")
    if question.type == "yes_no":
        return _(YES_NO_LABELS.get(str(value), str(value)))
    labels = {
        option.value: option.label.get(language, fallback=source) for option in question.options
    }
    if question.type == "single":
        return labels.get(str(value), str(value))
    if question.type == "multiple":
        values = value if isinstance(value, (list, tuple)) else str(value).split()
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if question.type == "date":
        try:
            return format_date(date.fromisoformat(str(value)), format="long", locale=language)
        except ValueError:
            return str(value)
    return str(value)


def screening_section(
    record: ScreeningRecord,
    guide: Questionnaire,
    result: ScreeningResult,
    answers: Mapping[str, Any],
    language: str,
) -> ScreeningSection:
    source = guide.source_language
    library = guide.library
    dimensions = []
    for dimension in library.dimensions:
        entries = []
        for raised in result.indicators:
            indicator = raised.indicator
            if indicator.dimension != dimension.id:
                continue
            lines = tuple(
                AnswerLine(
                    guide.question(qid).text.get(language, fallback=source),
                    answer_label(guide.question(qid), answers.get(qid), language, source),
                )
                for qid in raised.questions
                if guide.has_question(qid)
            )
            entries.append(
                IndicatorEntry(
                    id=indicator.id,
                    title=indicator.title.get(language, fallback=source),
                    strength=indicator.strength,
                    online=indicator.online,
                    sources=tuple(indicator.sources),
                    answers=lines,
                )
            )
        dimensions.append(
            DimensionEntry(
                dimension.id, dimension.title.get(language, fallback=source), tuple(entries)
            )
        )
    return ScreeningSection(
        questionnaire_title=guide.title.get(language, fallback=source),
        version=guide.version,
        date=result.interview_date or record.started_at.date(),
        level=result.level or "none",
        label=result.label.get(language, fallback=source),
        advice=result.advice.get(language, fallback=source),
        dimensions=tuple(dimensions),
        interviewer=record.interviewer,
        interviewee_language=language_name(record.interviewee_language, language),
        status=record.status,
        urgent=result.urgent,
    )


def recipient_from(organisation: Organisation, language: str) -> Recipient:
    return Recipient(
        name=organisation.name.get(language),
        org_id=organisation.id,
        country=organisation.country,
        services=tuple(service.get(language) for service in organisation.services),
        languages=tuple(language_name(code, language) for code in organisation.languages),
        phone=", ".join(organisation.phone),
        email=", ".join(organisation.email),
        address=organisation.address.get(language),
    )


def case_details(case: Case, language: str) -> CaseDetails:
    return CaseDetails(
        code=case.code,
        alias=case.alias,
        birth_year=case.birth_year,
        gender=case.gender,
        nationality=case.nationality,
        languages=tuple(language_name(code, language) for code in case.languages),
        centre=case.centre,
        status=case.status,
    )
