"""The questionnaire model: frozen dataclasses built by the loader and read by everyone else.

Texts are per language (`Text.get(lang)` falls back to English, then to any language present).
Expressions are already parsed and checked (`Expression`), so using a model never fails on a
rule an author wrote.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from free2link_desktop.core.questionnaire.expressions import Expression

QUESTION_TYPES = ("yes_no", "single", "multiple", "text", "integer", "date", "note")
AUDIENCES = ("interviewee", "interviewer")
STRENGTHS = ("strong", "medium", "weak")
LANGUAGE_STATUSES = ("source", "draft", "reviewed")
#: Every yes_no question accepts these answers, in this order.
YES_NO_VALUES = ("yes", "no", "dont_know", "declined")
#: Option values that stand alone in a `multiple` answer: "none of these", "I do not know" and
#: "prefer not to answer" contradict any other option chosen with them.
EXCLUSIVE_VALUES = frozenset({"none", "dont_know", "declined"})


@dataclass(frozen=True)
class Text:
    """One text in several languages."""

    values: Mapping[str, str] = field(default_factory=dict)

    def get(self, lang: str, fallback: str | None = "en") -> str:
        """The text in `lang`, else in `fallback`, else in any language it has, else ''."""
        if lang in self.values:
            return self.values[lang]
        if fallback and fallback in self.values:
            return self.values[fallback]
        return next(iter(self.values.values()), "")

    def has(self, lang: str) -> bool:
        return bool(self.values.get(lang))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.values)

    def __bool__(self) -> bool:
        return bool(self.values)


EMPTY_TEXT = Text()


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    strength: str
    online: bool
    title: Text
    description: Text
    sources: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorLibrary:
    path: Path | None
    sha256: str
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    languages: Mapping[str, str] = field(default_factory=dict)
    #: the file's bytes as loaded (sha256 is theirs), to keep a copy with a screening
    source: bytes = field(default=b"", repr=False, compare=False)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)


@dataclass(frozen=True)
class Option:
    value: str
    label: Text

    @property
    def alone(self) -> bool:
        """Chosen only on its own in a `multiple` answer (see EXCLUSIVE_VALUES)."""
        return self.value in EXCLUSIVE_VALUES


@dataclass(frozen=True)
class IndicatorTrigger:
    """`{id, when}` on a question: the question raises indicator `id` when `when` holds."""

    id: str
    when: Expression


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    audience: str
    text: Text
    section_id: str
    guidance: Text = EMPTY_TEXT
    options: tuple[Option, ...] = ()
    relevant: Expression | None = None
    required: bool = False
    constraint: Expression | None = None
    indicators: tuple[IndicatorTrigger, ...] = ()
    urgent: Expression | None = None
    line: int = 0

    @property
    def takes_answer(self) -> bool:
        return self.type != "note"

    def option_values(self) -> tuple[str, ...]:
        if self.type == "yes_no":
            return YES_NO_VALUES
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    questions: tuple[Question, ...]
    guidance: Text = EMPTY_TEXT
    relevant: Expression | None = None


@dataclass(frozen=True)
class AssessmentRule:
    level: str
    when: Expression
    label: Text
    advice: Text = EMPTY_TEXT


@dataclass(frozen=True)
class Questionnaire:
    """An interview guide with its indicator library."""

    id: str
    version: str
    title: Text
    languages: Mapping[str, str]
    sections: tuple[Section, ...]
    assessment: tuple[AssessmentRule, ...]
    library: IndicatorLibrary
    path: Path | None = None
    sha256: str = ""
    #: the file's bytes as loaded (sha256 is theirs); with `library.source`, enough to load
    #: this exact version again with `load_questionnaire_bytes`
    source: bytes = field(default=b"", repr=False, compare=False)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in order, across sections."""
        return tuple(q for section in self.sections for q in section.questions)

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.iter_questions()}

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when there is none)."""
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._by_id

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_of(self, question_id: str) -> Section:
        return self.section(self.question(question_id).section_id)

    def iter_questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    @property
    def source_language(self) -> str:
        return next((k for k, s in self.languages.items() if s == "source"), "en")

    def language_status(self, lang: str) -> str | None:
        """source, draft, reviewed, or None when the guide does not declare `lang`."""
        return self.languages.get(lang)


@dataclass(frozen=True)
class Organisation:
    """One entry of the referral directory."""

    id: str
    country: str
    name: Text
    services: tuple[Text, ...] = ()
    languages: tuple[str, ...] = ()
    phone: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    website: tuple[str, ...] = ()
    address: Text = EMPTY_TEXT
    hours: Text = EMPTY_TEXT
    notes: Text = EMPTY_TEXT
    source: str = ""
    verified: date | None = None
    emergency: bool = False


@dataclass(frozen=True)
class Directory:
    path: Path | None
    sha256: str
    organisations: tuple[Organisation, ...]

    def for_country(self, country: str) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.country == country.upper())

    def organisation(self, organisation_id: str) -> Organisation:
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation
        raise KeyError(organisation_id)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.country for o in self.organisations))
