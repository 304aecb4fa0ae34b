"""Table tests of whole questionnaires: answers in, indicators, dimensions, assessment out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from free2link_desktop.core.questionnaire import AnswersRefused, load_questionnaire, score

DATA = Path(__file__).parent / "data"
GUIDE = load_questionnaire(DATA / "guide.yaml")
LATER = load_questionnaire(DATA / "later.yaml")
DAY = date(2026, 1, 1)
ZERO = {"strong": 0, "medium": 0, "weak": 0}

# answers, expected {indicator: questions}, non-zero dimension counts, level, urgent, unanswered
TABLE: list[
    tuple[
        str, dict[str, Any], dict[str, list[str]], dict[str, dict[str, int]], str, bool, list[str]
    ]
] = [
    ("nothing answered", {}, {}, {}, "none", False, ["consent"]),
    (
        "consent refused: the rest does not count",
        {"consent": "no", "job_offer_online": "yes", "paid": "no", "debt": 5000, "age_years": 12},
        {},
        {},
        "none",
        False,
        [],
    ),
    (
        "one medium indicator",
        {"consent": "yes", "job_offer_online": "yes", "paid": "partly"},
        {"online_job_offer_too_good": ["paid"]},
        {"recruitment": {"medium": 1}},
        "medium",
        False,
        [],
    ),
    (
        "an indicator raised by two questions counts once",
        {"consent": "yes", "job_offer_online": "yes", "paid": "no"},
        {"online_job_offer_too_good": ["job_offer_online"], "no_pay": ["paid"]},
        {"recruitment": {"medium": 1}, "exploitation": {"medium": 1}},
        "medium",
        False,
        [],
    ),
    (
        "a strong indicator gives high",
        {"consent": "yes", "job_offer_online": "no", "debt": 1001},
        {"debt_bondage": ["debt"]},
        {"exploitation": {"strong": 1}},
        "high",
        False,
        [],
    ),
    (
        "the boundary is exclusive",
        {"consent": "yes", "job_offer_online": "no", "debt": 1000},
        {},
        {},
        "none",
        False,
        [],
    ),
    (
        "three weak or medium indicators give high",
        {"consent": "yes", "job_offer_online": "yes", "paid": "no", "channels": ["telegram"]},
        {
            "online_job_offer_too_good": ["job_offer_online"],
            "no_pay": ["paid"],
            "moved_to_encrypted_app": ["channels"],
        },
        {"recruitment": {"medium": 1, "weak": 1}, "exploitation": {"medium": 1}},
        "high",
        False,
        [],
    ),
    (
        "urgent: in danger now",
        {"consent": "yes", "in_danger_now": "yes", "job_offer_online": "no"},
        {},
        {},
        "none",
        True,
        [],
    ),
    (
        "urgent: a child",
        {"consent": "yes", "age_years": 15, "job_offer_online": "no"},
        {},
        {},
        "none",
        True,
        [],
    ),
    (
        "not urgent: an adult, or no age given",
        {"consent": "yes", "age_years": 18, "job_offer_online": "no"},
        {},
        {},
        "none",
        False,
        [],
    ),
    (
        "paid is required only when relevant",
        {"consent": "yes", "job_offer_online": "yes"},
        {},
        {},
        "none",
        False,
        ["paid"],
    ),
    (
        "an interviewer observation raises a strong indicator",
        {"consent": "yes", "job_offer_online": "no", "phone_taken": "yes"},
        {"phone_controlled": ["phone_taken"]},
        {"control": {"strong": 1}},
        "high",
        False,
        [],
    ),
    (
        "dont_know and declined raise nothing",
        {"consent": "yes", "job_offer_online": "declined", "phone_taken": "dont_know"},
        {},
        {},
        "none",
        False,
        [],
    ),
]


@pytest.mark.parametrize(
    ("answers", "raised", "counts", "level", "urgent", "unanswered"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_fixture_guide(
    answers: dict[str, Any],
    raised: dict[str, list[str]],
    counts: dict[str, dict[str, int]],
    level: str,
    urgent: bool,
    unanswered: list[str],
) -> None:
    result = score(GUIDE, answers, DAY)
    assert {r.id: list(r.questions) for r in result.indicators} == raised
    expected_counts = {d.id: {**ZERO, **counts.get(d.id, {})} for d in GUIDE.library.dimensions}
    assert result.dimensions == expected_counts
    assert result.level == level
    assert result.urgent is urgent
    assert list(result.unanswered_required) == unanswered


def test_json_shape_is_exactly_section_7() -> None:
    result = score(GUIDE, {"consent": "yes", "job_offer_online": "yes", "paid": "no"}, DAY)
    data = json.loads(json.dumps(result.to_json()))
    assert data == {
        "questionnaire": "test-screening",
        "version": "1.2.0",
        "assessment": {"level": "medium", "label": "Medium"},
        "indicators": [
            {
                "id": "online_job_offer_too_good",
                "dimension": "recruitment",
                "strength": "medium",
                "questions": ["job_offer_online"],
            },
            {
                "id": "no_pay",
                "dimension": "exploitation",
                "strength": "medium",
                "questions": ["paid"],
            },
        ],
        "dimensions": {
            "recruitment": {"strong": 0, "medium": 1, "weak": 0},
            "exploitation": {"strong": 0, "medium": 1, "weak": 0},
            "control": {"strong": 0, "medium": 0, "weak": 0},
        },
        "urgent": False,
        "unanswered_required": [],
    }
    assert result.to_json("it")["assessment"]["label"] == "Medio"
    assert result.advice.get("en") == "Talk again soon."
    assert result.sha256 == GUIDE.sha256


def test_the_answers_of_a_hidden_question_do_not_raise_indicators() -> None:
    answers = {"consent": "yes", "job_offer_online": "no", "paid": "no"}
    result = score(GUIDE, answers, DAY)
    assert result.indicators == ()
    assert "paid" not in result.relevant_questions


def test_later_references_and_indicators_raised_by_several_questions() -> None:
    result = score(LATER, {"first": "yes", "second": "a", "last": "short"}, DAY)
    assert [(r.id, r.questions) for r in result.indicators] == [("no_pay", ("first", "second"))]
    assert result.level == "medium"
    # the first question depends on a later answer
    result = score(LATER, {"first": "yes", "second": "b", "last": "skip"}, DAY)
    assert result.relevant_questions == ("second", "last")
    assert result.indicators == ()
    assert result.level is None and result.to_json()["assessment"] == {"level": None, "label": ""}
    result = score(LATER, {"first": "yes", "second": "b", "last": "a long answer here"}, DAY)
    assert [r.id for r in result.indicators] == ["no_pay", "phone_controlled"]
    assert result.level == "high" and result.urgent and result.urgent_questions == ("last",)
    assert score(LATER, {}, DAY).unanswered_required == ("last",)


def test_answers_that_do_not_fit_are_refused() -> None:
    with pytest.raises(AnswersRefused) as caught:
        score(GUIDE, {"consent": "perhaps", "ghost": "x"}, DAY)
    assert caught.value.message().splitlines() == [
        "consent: 'perhaps' is not one of the options (yes, no, dont_know, declined).",
        "ghost: There is no such question in test-screening.",
    ]
