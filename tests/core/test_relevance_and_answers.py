"""Skip logic and answer validation on the fixture guide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire import (
    AnswerRefused,
    AnswersRefused,
    evaluate_relevance,
    is_relevant,
    load_questionnaire,
    next_question,
    parse_answers_document,
    previous_question,
    read_answers_document,
    relevant_questions,
    validate_answer,
    validate_answers,
)

DATA = Path(__file__).parent / "data"
GUIDE = load_questionnaire(DATA / "guide.yaml")
ALL = [q.id for q in GUIDE.questions]


def ids(answers: dict[str, object]) -> list[str]:
    return [q.id for q in relevant_questions(GUIDE, answers, date(2026, 1, 1))]


def test_section_relevance_hides_the_whole_section() -> None:
    assert ids({}) == ["intro", "consent"]
    assert ids({"consent": "no"}) == ["intro", "consent"]
    assert ids({"consent": "yes"}) == [i for i in ALL if i != "paid"]
    assert ids({"consent": "yes", "job_offer_online": "yes"}) == ALL


def test_answers_to_hidden_questions_are_kept_but_count_as_empty() -> None:
    answers = {"consent": "yes", "job_offer_online": "yes", "paid": "no"}
    relevance = evaluate_relevance(GUIDE, answers, date(2026, 1, 1))
    assert relevance.values["paid"] == "no"
    answers["job_offer_online"] = "no"
    relevance = evaluate_relevance(GUIDE, answers, date(2026, 1, 1))
    assert not relevance.is_relevant("paid")
    assert relevance.values["paid"] == ""
    assert answers["paid"] == "no"  # the draft answer itself is untouched


def test_next_and_previous_skip_what_is_not_relevant() -> None:
    answers = {"consent": "yes", "job_offer_online": "no"}
    assert next_question(GUIDE, answers, None).id == "intro"  # type: ignore[union-attr]
    assert next_question(GUIDE, answers, "job_offer_online").id == "debt"  # type: ignore[union-attr]
    assert previous_question(GUIDE, answers, "debt").id == "job_offer_online"  # type: ignore[union-attr]
    assert next_question(GUIDE, {"consent": "no"}, "consent") is None
    assert previous_question(GUIDE, answers, "intro") is None
    assert is_relevant(GUIDE, "paid", {"consent": "yes", "job_offer_online": "yes"})
    assert not is_relevant(GUIDE, GUIDE.question("paid"), answers)


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        ("consent", "yes", "yes"),
        ("consent", "declined", "declined"),
        ("consent", "dont_know", "dont_know"),
        ("paid", "partly", "partly"),
        ("channels", ["telegram", "facebook"], ("facebook", "telegram")),  # option order
        ("channels", [], None),
        ("age_years", 30, 30),
        ("age_years", 30.0, 30),
        ("age_years", None, None),
        ("birth_date", "2000-02-29", "2000-02-29"),
        ("consent", "", None),
    ],
)
def test_valid_answers_are_normalised(question: str, value: object, expected: object) -> None:
    assert validate_answer(GUIDE.question(question), value) == expected


@pytest.mark.parametrize(
    ("question", "value", "fragment"),
    [
        ("consent", "maybe", "'maybe' is not one of the options"),
        ("consent", True, "must be one of"),
        ("paid", "yes please", "not one of the options"),
        ("channels", "telegram", "must be a list"),
        ("channels", ["telegram", "sms"], "'sms' is not one of the options"),
        ("channels", ["telegram", "telegram"], "selected twice"),
        ("channels", ["telegram", "declined"], "'declined' cannot be chosen together"),
        ("age_years", "30", "whole number"),
        ("age_years", 30.5, "whole number"),
        ("age_years", True, "whole number"),
        ("age_years", 121, "does not meet the condition . >= 0 and . <= 120"),
        ("age_years", -1, "does not meet the condition"),
        ("birth_date", "29/02/2000", "YYYY-MM-DD"),
        ("birth_date", "2001-02-29", "YYYY-MM-DD"),
        ("birth_date", "2027-01-01", "does not meet the condition"),
        ("intro", "hello", "takes no answer"),
        ("debt", float("inf"), "whole number"),
    ],
)
def test_refused_answers_name_the_question(question: str, value: object, fragment: str) -> None:
    with pytest.raises(AnswerRefused) as caught:
        validate_answer(GUIDE.question(question), value)
    assert caught.value.question_id == question
    assert caught.value.message().startswith(f"{question}: ")
    assert fragment in caught.value.message()


def test_validate_answers_lists_every_problem() -> None:
    with pytest.raises(AnswersRefused) as caught:
        validate_answers(GUIDE, {"consent": "maybe", "nope": 1, "age_years": 200, "paid": "no"})
    lines = caught.value.message().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("consent: ")
    assert lines[1].startswith("nope: ") and "no such question" in lines[1]
    assert lines[2].startswith("age_years: ")
    assert validate_answers(GUIDE, {"consent": "yes", "channels": []}) == {"consent": "yes"}


def test_answers_document(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        '{"questionnaire": "test-screening", "version": "1.2.0", '
        '"interview_date": "2026-01-02", "answers": {"consent": "yes"}}',
        encoding="utf-8",
    )
    document = read_answers_document(path)
    assert document.questionnaire == "test-screening"
    assert document.interview_date == date(2026, 1, 2)
    assert document.answers == {"consent": "yes"}
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputRefused, match="not valid JSON"):
        read_answers_document(path)
    with pytest.raises(InputRefused, match="cannot be read"):
        read_answers_document(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([], "must be a JSON object"),
        ({"questionnaire": "x", "interview_date": "2026-01-01"}, "'answers' must be an object"),
        ({"questionnaire": "x", "answers": {}}, "interview_date"),
        ({"questionnaire": "x", "interview_date": "2026-02-30", "answers": {}}, "interview_date"),
        ({"interview_date": "2026-01-01", "answers": {}}, "'questionnaire'"),
        (
            {"questionnaire": "x", "version": 1, "interview_date": "2026-01-01", "answers": {}},
            "'version'",
        ),
        (
            {"questionnaire": "x", "interview_date": "2026-01-01", "answers": {}, "extra": 1},
            "unknown key 'extra'",
        ),
    ],
)
def test_answers_document_shape(data: object, fragment: str) -> None:
    with pytest.raises(InputRefused) as caught:
        parse_answers_document(data)
    assert fragment in caught.value.message()
