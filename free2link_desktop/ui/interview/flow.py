"""Where the interview is and where it goes next: the guide's questions filtered by relevance.

Qt-free so that it is easy to reason about: the screen asks it for the next or previous
relevant question and for the progress by section, after every saved answer (skip logic is
live: an answer can make later questions appear or disappear). Relevance itself comes from the
engine (`engine_api.relevant_ids`), never re-implemented here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

RelevantIds = Callable[[Any, Mapping[str, Any]], frozenset[str]]


@dataclass(frozen=True)
class Progress:
    """The relevant sections' titles (as objects), which one we are in, and how far through it."""

    sections: tuple[Any, ...]
    current: int
    fraction: float
    question_number: int
    question_count: int


class InterviewFlow:
    """The ordered questions of a guide and which of them are relevant to the answers so far."""

    def __init__(
        self, questionnaire: Any, answers: Mapping[str, Any], relevant_ids: RelevantIds
    ) -> None:
        self.questionnaire = questionnaire
        self.questions = list(questionnaire.iter_questions())
        self._relevant_ids = relevant_ids
        self.answers: dict[str, Any] = dict(answers)
        self.relevant: frozenset[str] = frozenset()
        self.refresh()

    def refresh(self) -> None:
        self.relevant = self._relevant_ids(self.questionnaire, self.answers)

    def set_answer(self, question_id: str, value: Any) -> None:
        if value is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = value
        self.refresh()

    def index_of(self, question_id: str | None) -> int | None:
        for index, question in enumerate(self.questions):
            if question.id == question_id:
                return index
        return None

    def is_relevant(self, index: int) -> bool:
        return self.questions[index].id in self.relevant

    def first(self) -> int | None:
        return self.next_after(-1)

    def next_after(self, index: int) -> int | None:
        for candidate in range(index + 1, len(self.questions)):
            if self.is_relevant(candidate):
                return candidate
        return None

    def previous_before(self, index: int) -> int | None:
        for candidate in range(index - 1, -1, -1):
            if self.is_relevant(candidate):
                return candidate
        return None

    def resume_index(self, question_id: str | None) -> int | None:
        """The saved position if it is still relevant, else the next relevant one after it."""
        index = self.index_of(question_id)
        if index is None:
            return self.first()
        if self.is_relevant(index):
            return index
        following = self.next_after(index)
        if following is not None:
            return following
        previous = self.previous_before(index)  # past the end: the last question, with Finish
        return previous if previous is not None else self.first()

    def progress(self, index: int) -> Progress:
        """Where `index` is among all the guide's sections (a stable count: skip logic may drop a
        later section, but "section 1 of 1" before consent is given would mislead), and how far
        through its section's relevant questions."""
        question = self.questions[index]
        sections = tuple(self.questionnaire.sections)
        current = next(i for i, s in enumerate(sections) if s.id == question.section_id)
        ids = [q.id for q in sections[current].questions if q.id in self.relevant]
        count = max(1, len(ids))
        number = ids.index(question.id) + 1 if question.id in ids else 1
        return Progress(sections, current, number / count, number, count)
