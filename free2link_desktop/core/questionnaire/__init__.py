"""The questionnaire engine: format 1 (SPEC section 6), expressions, skip logic, scoring.

Pure Python + PyYAML; no Qt, no SQL. What to call:

Loading (all raise `QuestionnaireError` whose `.problems` are `Problem`s; `str(problem)` is
`file:LINE:COL: message`; `error.message()` is all of them, one per line):
- `load_questionnaire(path) -> Questionnaire` (loads the `indicators:` library it names)
- `load_questionnaire_bytes(guide_bytes, library_bytes, name=...) -> Questionnaire` (a stored
  copy: keep `q.source` and `q.library.source`, the exact bytes loaded, whose sha256 are
  `q.sha256` and `q.library.sha256`)
- `load_indicator_library(path) -> IndicatorLibrary`, `load_directory(path) -> Directory`
- `validate_file(path) -> list[Problem]` (any of the three formats; warnings have
  `problem.is_error == False`)
- `bundled_questionnaires() -> list[Questionnaire]` (questionnaires/*.yaml guides that load),
  `bundled_problems() -> list[Problem]`, `find_questionnaire(ref) -> Questionnaire` (a bundled
  id like "first-screening" or a path; raises NotFound)

Model (frozen dataclasses, model.py): `Questionnaire` (.id .version .title .languages {lang:
status} .sections .assessment .library .path .sha256 .questions (flat, in order)
.question(id) .has_question(id) .section_of(id) .source_language .language_status(lang)),
`Section` (.id .title .guidance .relevant .questions), `Question` (.id .type .audience .text
.guidance .options .relevant .required .constraint .indicators .urgent .section_id
.option_values() .takes_answer), `Option` (.value .label), `Text` (.get(lang, fallback="en")
.has(lang)), `IndicatorLibrary` (.dimensions .indicators .indicator(id) .dimension(id)),
`Indicator` (.id .dimension .strength .online .title .description .sources), `Dimension`,
`AssessmentRule` (.level .when .label .advice), `Directory` (.organisations .for_country(cc)),
`Organisation`. `YES_NO_VALUES` = ("yes", "no", "dont_know", "declined").

Skip logic (relevance.py); `answers` is {question_id: value}:
- `relevant_questions(q, answers, today=None) -> list[Question]` (in order, notes included)
- `is_relevant(q, question_or_id, answers) -> bool`
- `next_question(q, answers, current_id_or_None) -> Question | None`,
  `previous_question(q, answers, current_id) -> Question | None`
- `evaluate_relevance(q, answers, today) -> Relevance` (.is_relevant(id), .questions, .values)

Answers (answers.py): `validate_answer(question, value, answers=None, today=None)` -> the
normalised value (str | int | tuple[str, ...] | None for empty) or raises `AnswerRefused`
(.question_id; message "question_id: reason"); `validate_answers(q, answers, today)` -> dict or
`AnswersRefused` (one line per problem); `read_answers_document(path) -> AnswersDocument`
(.questionnaire .version .interview_date .answers), `parse_answers_document(obj)`,
`check_document_fits(doc, q)`.

Scoring (scoring.py): `score(q, answers, interview_date=None, validate=True) -> ScreeningResult`
with .level .label .advice (Text) .indicators (RaisedIndicator: .indicator .questions)
.dimensions {dim: {strong, medium, weak}} .urgent .urgent_questions .unanswered_required
.relevant_questions .sha256 .version, and `.to_json(lang="en")`: exactly SPEC section 7's shape.
"""

from __future__ import annotations

from free2link_desktop.core.questionnaire.answers import (
    AnswersDocument,
    check_document_fits,
    is_empty,
    parse_answers_document,
    read_answers_document,
    validate_answer,
    validate_answers,
)
from free2link_desktop.core.questionnaire.expressions import Expression, ExpressionError
from free2link_desktop.core.questionnaire.loader import (
    bundled_problems,
    bundled_questionnaire_paths,
    bundled_questionnaires,
    find_questionnaire,
    load_directory,
    load_indicator_library,
    load_questionnaire,
    load_questionnaire_bytes,
    validate_file,
)
from free2link_desktop.core.questionnaire.model import (
    QUESTION_TYPES,
    YES_NO_VALUES,
    AssessmentRule,
    Dimension,
    Directory,
    Indicator,
    IndicatorLibrary,
    IndicatorTrigger,
    Option,
    Organisation,
    Question,
    Questionnaire,
    Section,
    Text,
)
from free2link_desktop.core.questionnaire.problems import (
    AnswerRefused,
    AnswersRefused,
    Problem,
    QuestionnaireError,
)
from free2link_desktop.core.questionnaire.relevance import (
    Relevance,
    evaluate_relevance,
    is_relevant,
    next_question,
    previous_question,
    relevant_questions,
)
from free2link_desktop.core.questionnaire.scoring import RaisedIndicator, ScreeningResult, score
from free2link_desktop.core.questionnaire.versions import newest_versions, version_key

__all__ = [
    "QUESTION_TYPES",
    "YES_NO_VALUES",
    "AnswerRefused",
    "AnswersDocument",
    "AnswersRefused",
    "AssessmentRule",
    "Dimension",
    "Directory",
    "Expression",
    "ExpressionError",
    "Indicator",
    "IndicatorLibrary",
    "IndicatorTrigger",
    "Option",
    "Organisation",
    "Problem",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "RaisedIndicator",
    "Relevance",
    "ScreeningResult",
    "Section",
    "Text",
    "bundled_problems",
    "bundled_questionnaire_paths",
    "bundled_questionnaires",
    "check_document_fits",
    "evaluate_relevance",
    "find_questionnaire",
    "is_empty",
    "is_relevant",
    "load_directory",
    "load_indicator_library",
    "load_questionnaire",
    "load_questionnaire_bytes",
    "newest_versions",
    "next_question",
    "parse_answers_document",
    "previous_question",
    "read_answers_document",
    "relevant_questions",
    "score",
    "validate_answer",
    "validate_answers",
    "validate_file",
    "version_key",
]
