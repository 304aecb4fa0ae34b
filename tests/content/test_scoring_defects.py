"""The eight scoring defects of issue 15, each pinned with the real bundled guides and engine.

Why: a screening that says "refer now" for a refugee whose passport the police hold, or "none"
for someone who could not stop working and was forced to take drugs, will not be trusted twice.
Each test below failed before the guides were corrected.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import yaml

from free2link_desktop.core.questionnaire import (
    Questionnaire,
    ScreeningResult,
    evaluate_relevance,
    load_questionnaire,
    score,
)
from tests.conftest import REPO_ROOT

FIRST = REPO_ROOT / "questionnaires" / "first-screening.yaml"
FULL = REPO_ROOT / "questionnaires" / "full-screening.yaml"
LIBRARY = REPO_ROOT / "questionnaires" / "indicators.yaml"
DOCS = REPO_ROOT / "docs" / "indicators.md"
DAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def first() -> Questionnaire:
    return load_questionnaire(FIRST)


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(FULL)


def raised(result: ScreeningResult) -> set[str]:
    return {r.id for r in result.indicators}


def run(guide: Questionnaire, answers: dict[str, Any]) -> ScreeningResult:
    return score(guide, answers, DAY)


# 1. who keeps the papers, who made the threats -------------------------------------------------


def test_1_papers_held_by_the_authorities_and_threats_from_persecutors_raise_nothing(
    first: Questionnaire,
) -> None:
    refugee = {
        "consent": "yes",
        "age": 31,
        "offer_kind": ["none"],
        "debt": "no_debt",
        "documents_held": "authorities",
        "free_to_leave": "yes",
        "threats": "others",
        "phone_control": ["none"],
        "images_threat": "no",
        "forced_work": "no",
        "forced_sex": "no",
    }
    result = run(first, refugee)
    assert raised(result) == set()
    assert result.level == "none"


def test_1_papers_and_threats_from_the_people_in_control_still_count(first: Questionnaire) -> None:
    result = run(first, {"consent": "yes", "documents_held": "controller", "threats": "controller"})
    assert {"documents_confiscated", "threats_of_violence"} <= raised(result)


def test_1_the_questions_say_who(first: Questionnaire) -> None:
    for qid in ("documents_held", "threats"):
        labels = [o.label.get("en") for o in first.question(qid).options]
        assert any("arranged" in label for label in labels), qid


def test_1_full_guide_papers_held_by_the_authorities_raise_nothing(full: Questionnaire) -> None:
    answers = {"consent": "yes", "docs_held": "authorities", "docs_back": "no"}
    assert not evaluate_relevance(full, answers, DAY).is_relevant("docs_back")
    assert "documents_confiscated" not in raised(run(full, answers))
    held = {"consent": "yes", "docs_held": "controller", "docs_back": "no"}
    assert "documents_confiscated" in raised(run(full, held))


def test_1_full_guide_threats_and_violence_name_the_work_or_journey(full: Questionnaire) -> None:
    for qid in ("threats", "violence"):
        assert "your work or your journey" in full.question(qid).text.get("en"), qid


# 2. safety is asked whatever the consent answer ------------------------------------------------


@pytest.mark.parametrize("consent", ["no", "declined", "dont_know", "yes"])
def test_2_danger_now_is_asked_and_urgent_without_consent(
    first: Questionnaire, consent: str
) -> None:
    relevant = evaluate_relevance(first, {"consent": consent}, DAY)
    assert relevant.is_relevant("in_danger_now")
    assert relevant.is_relevant("needs_medical_help")
    result = run(first, {"consent": consent, "in_danger_now": "yes"})
    assert result.urgent
    assert "in_danger_now" in result.urgent_questions


# 3. forced to beg, steal, run scams ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "indicator"),
    [
        ("scams", "online_forced_fraud"),
        ("begging", "forced_criminal_activity"),
        ("drugs_stealing", "forced_criminal_activity"),
    ],
)
def test_3_forced_criminal_work_raises_its_own_indicator(
    first: Questionnaire, kind: str, indicator: str
) -> None:
    result = run(first, {"consent": "yes", "forced_work": "yes", "forced_work_kind": [kind]})
    assert {"forced_tasks_or_clients", indicator} <= raised(result)
    assert result.level in ("medium", "high")


# 4. forced sexual acts: the two guides agree ---------------------------------------------------


def test_4_forced_sexual_acts_raise_the_same_indicators_in_both_guides(
    first: Questionnaire, full: Questionnaire
) -> None:
    short = raised(run(first, {"consent": "yes", "forced_sex": "yes"}))
    long = raised(
        run(full, {"consent": "yes", "sexual_acts": "yes", "sexual_violence": "declined"})
    )
    assert short == long == {"forced_tasks_or_clients", "violence_at_destination"}


def test_4_forced_sexual_acts_with_violence_declined_are_not_low(full: Questionnaire) -> None:
    result = run(full, {"consent": "yes", "sexual_acts": "yes", "sexual_violence": "declined"})
    assert result.level == "medium"


# 5. could not stop, forced to take drugs -------------------------------------------------------


def test_5_could_not_stop_and_forced_drugs_are_signs(full: Questionnaire) -> None:
    result = run(full, {"consent": "yes", "stop_work": "no", "substances": "yes"})
    assert {"not_free_to_stop_work", "forced_substance_use"} <= raised(result)
    assert result.level == "medium"


# 6. the kind of work alone is not a sign of force ----------------------------------------------


@pytest.mark.parametrize("work", ["scams", "street", "crime"])
def test_6_work_type_alone_raises_no_forced_indicator(full: Questionnaire, work: str) -> None:
    found = raised(run(full, {"consent": "yes", "work_type": [work], "could_refuse": "yes"}))
    assert found & {"online_forced_fraud", "forced_criminal_activity"} == set()


@pytest.mark.parametrize(
    ("work", "indicator"),
    [
        ("scams", "online_forced_fraud"),
        ("street", "forced_criminal_activity"),
        ("crime", "forced_criminal_activity"),
    ],
)
@pytest.mark.parametrize("force", [{"could_refuse": "no"}, {"stop_work": "no"}, {"threats": "yes"}])
def test_6_work_type_with_a_sign_of_force_raises_it(
    full: Questionnaire, work: str, indicator: str, force: dict[str, str]
) -> None:
    found = raised(run(full, {"consent": "yes", "work_type": [work], **force}))
    assert indicator in found


# 7. ILO strengths, bases and the combining rule ------------------------------------------------


def _library() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(LIBRARY.read_text(encoding="utf-8"))
    return {i["id"]: i for i in data["indicators"]}


def _docs_row(indicator_id: str) -> list[str]:
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| `{indicator_id}`"):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"{indicator_id} has no row in docs/indicators.md")


def test_7_threats_to_inform_family_is_weak() -> None:
    assert _library()["threats_to_inform_family"]["strength"] == "weak"
    assert _docs_row("threats_to_inform_family")[1] == "weak"


def test_7_emotional_dependency_at_destination_is_our_judgement() -> None:
    assert _docs_row("emotional_dependency_at_destination")[3].startswith("judgement")


def test_7_no_text_calls_high_the_combination_that_defines_trafficking() -> None:
    for path in (FIRST, FULL, DOCS):
        assert "combination that defines" not in path.read_text(encoding="utf-8"), path.name


def test_7_full_guide_follows_the_ilo_rule_for_an_element(full: Questionnaire) -> None:
    """One strong sign in each element is not enough for ILO: every element needs 2 strong, or
    1 strong + 1 other, or 3 medium, or 2 medium + 1 weak."""
    one_strong_each = {
        "consent": "yes",
        "as_promised": "different_work",  # deceived about the work: strong
        "hours": 14,  # excessive hours: strong
        "docs_held": "controller",
        "docs_back": "no",  # documents kept: strong
    }
    result = run(full, one_strong_each)
    assert raised(result) == {
        "deceived_nature_of_job",
        "excessive_hours",
        "documents_confiscated",
    }
    assert result.level == "medium"
    # One more sign in each element completes the ILO combination.
    completed = dict(
        one_strong_each,
        offer_type=["job"],
        offer_channel="social_media",
        pay="never",
        threats="yes",
    )
    assert run(full, completed).level == "high"


def test_7_docs_state_the_combining_rule() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert "2 medium + 1 weak" in text
    assert re.search(r"## How the guides combine indicators", text)


# 8. the first screening follows ILO's structure ------------------------------------------------


def test_8_control_alone_is_not_high(first: Questionnaire) -> None:
    """Phone kept and location tracked (two strong signs of control) without any sign of
    recruitment or exploitation: follow up, do not conclude."""
    result = run(
        first,
        {"consent": "yes", "phone_control": ["keeps_or_checks_phone", "tracks_location"]},
    )
    assert result.level == "medium"


def test_8_recruitment_exploitation_and_coercion_together_are_high(first: Questionnaire) -> None:
    result = run(
        first,
        {
            "consent": "yes",
            "offer_kind": ["job"],
            "offer_channel": ["in_person_other"],
            "promise_matched": "different",
            "forced_work": "yes",
            "threats": "controller",
        },
    )
    assert result.level == "high"


def test_8_docs_describe_the_first_screening_rule_as_a_short_form() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert "short form" in text
