"""The bundled first screening: it validates, stays short, is fully translated, every question can
be reached, and realistic answer sets are scored as a trained interviewer would expect.

The table test runs the real command (`free2link screening score`), so it checks the file, the
indicator library and the engine together.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from free2link_desktop.core.questionnaire import (
    Questionnaire,
    Text,
    evaluate_relevance,
    load_questionnaire,
    score,
    validate_file,
)
from tests.conftest import REPO_ROOT

GUIDE = REPO_ROOT / "questionnaires" / "first-screening.yaml"
#: The seven languages of every bundled guide, and the languages of people in reception centres
#: that the first screening adds (issue 15), all drafts.
LANGUAGES = ("en", "it", "el", "pl", "fr", "ar", "uk")
ADDED = ("fa", "ps", "ur", "ru", "tr", "so")
INTERVIEW_DATE = date(2026, 11, 23)


@pytest.fixture(scope="module")
def guide() -> Questionnaire:
    return load_questionnaire(GUIDE)


def _texts(q: Questionnaire) -> list[tuple[str, Text]]:
    """Every text of the guide with a name that says where it is."""
    found: list[tuple[str, Text]] = [("title", q.title)]
    for section in q.sections:
        found.append((f"section {section.id} title", section.title))
        found.append((f"section {section.id} guidance", section.guidance))
        for question in section.questions:
            found.append((f"{question.id} text", question.text))
            if question.guidance:
                found.append((f"{question.id} guidance", question.guidance))
            for option in question.options:
                found.append((f"{question.id} option {option.value}", option.label))
    for rule in q.assessment:
        found.append((f"assessment {rule.level} label", rule.label))
        found.append((f"assessment {rule.level} advice", rule.advice))
    return found


def test_file_validates_without_errors_or_warnings() -> None:
    problems = [p for p in validate_file(GUIDE) if Path(p.path).name == GUIDE.name]
    assert problems == [], "\n".join(str(p) for p in problems)


def test_identity_and_languages(guide: Questionnaire) -> None:
    assert guide.id == "first-screening"
    assert guide.version == "1.1.0"
    assert dict(guide.languages) == {
        "en": "source",
        "it": "draft",
        "el": "draft",
        "pl": "draft",
        "fr": "draft",
        "ar": "draft",
        "uk": "draft",
        **{lang: "draft" for lang in ADDED},
    }
    assert guide.library.path is not None
    assert guide.library.path.name == "indicators.yaml"


def _asked(guide: Questionnaire, answers: dict) -> list[str]:
    relevant = evaluate_relevance(guide, answers, INTERVIEW_DATE)
    return [q.id for q in relevant.questions if q.audience == "interviewee" and q.takes_answer]


def test_at_most_16_questions_put_to_the_person(guide: Questionnaire) -> None:
    """As short as the TVIT short form: at most 16 questions for an adult who answers no to
    everything, at most 5 follow-ups opened by other answers, and a short path for a child."""
    adult = _asked(guide, {"consent": "yes", "age": 30})
    assert len(adult) <= 16, adult
    opened = _asked(
        guide,
        {
            "consent": "yes",
            "age": 30,
            "offer_kind": ["job"],
            "free_to_leave": "no",
            "forced_work": "yes",
            "forced_sex": "yes",
        },
    )
    assert len(set(opened) - set(adult)) <= 5, sorted(set(opened) - set(adult))
    child = _asked(guide, {"consent": "yes", "age": 15})
    assert len(child) <= 8, child
    assert not {"offer_kind", "debt", "forced_sex"} & set(child)
    observations = [q for q in guide.questions if q.audience == "interviewer"]
    assert len(observations) >= 4


def test_every_text_in_every_language(guide: Questionnaire) -> None:
    missing = [
        f"{where}: {lang}"
        for where, text in _texts(guide)
        for lang in (*LANGUAGES, *ADDED)
        if not text.has(lang)
    ]
    assert missing == []


def test_consent_first_and_later_sections_need_consent(guide: Questionnaire) -> None:
    first = guide.sections[0]
    types = [q.type for q in first.questions]
    assert "note" in types
    consent = guide.question("consent")
    assert consent.type == "yes_no"
    assert consent.required
    assert consent.section_id == first.id
    # Safety is asked whatever the consent answer (issue 15); everything else needs consent.
    safety = guide.sections[1]
    assert safety.id == "safety" and safety.relevant is None
    for question in safety.questions:
        if question.id not in ("in_danger_now", "needs_medical_help"):
            assert str(question.relevant) == "${consent} = 'yes'", question.id
    for section in guide.sections[2:]:
        assert section.relevant is not None, section.id
        assert str(section.relevant).startswith("${consent} = 'yes'"), section.id


def test_guidance_on_every_section_and_sensitive_question(guide: Questionnaire) -> None:
    assert all(section.guidance.has("en") for section in guide.sections)
    sensitive = (
        "in_danger_now",
        "needs_medical_help",
        "age",
        "debt",
        "threats",
        "images_threat",
        "forced_work",
        "forced_sex",
        "on_camera",
    )
    assert [qid for qid in sensitive if not guide.question(qid).guidance.has("en")] == []


def test_prefer_not_to_answer_on_every_choice_question(guide: Questionnaire) -> None:
    for question in guide.questions:
        if question.type in ("single", "multiple") and question.audience == "interviewee":
            option = question.option("declined")
            assert option is not None, question.id
            assert option.label.get("en") == "Prefer not to answer"


def test_every_question_is_reachable(guide: Questionnaire) -> None:
    """Two answer sets open every branch: a person who says yes to everything and one who
    declines consent."""
    opens_everything = {
        "consent": "yes",
        "offer_kind": ["job"],
        "free_to_leave": "no",
        "forced_work": "yes",
        "forced_sex": "yes",
    }
    declines = {"consent": "no"}
    child = {"consent": "yes", "age": 15}
    reached: set[str] = set()
    for answers in (opens_everything, declines, child):
        reached |= evaluate_relevance(guide, answers, INTERVIEW_DATE).relevant_ids
    assert [q.id for q in guide.questions if q.id not in reached] == []


def test_no_consent_shows_only_the_first_section_and_the_safety_questions(
    guide: Questionnaire,
) -> None:
    relevant = evaluate_relevance(guide, {"consent": "declined"}, INTERVIEW_DATE)
    assert {q.section_id for q in relevant.questions} == {guide.sections[0].id, "safety"}
    assert [q.id for q in relevant.questions if q.section_id == "safety"] == [
        "in_danger_now",
        "needs_medical_help",
    ]
    assert relevant.is_relevant("no_consent")


def test_questions_about_exploitation_are_mapped_to_indicators(guide: Questionnaire) -> None:
    # offer_kind feeds the conditions of offer_channel and promise_matched; the urgent safety
    # questions, the notes and two observations (injuries, free text) raise nothing themselves.
    unmapped = {q.id for q in guide.questions if q.takes_answer and not q.indicators}
    assert unmapped == {
        "obs_appears_minor",
        "consent",
        "in_danger_now",
        "needs_medical_help",
        "offer_kind",
        "obs_injuries",
        "obs_notes",
    }
    known = {indicator.id for indicator in guide.library.indicators}
    used = {t.id for q in guide.questions for t in q.indicators}
    assert used <= known
    assert any(guide.library.indicator(i).online for i in used)


def test_assessment_levels_and_no_rule_out(guide: Questionnaire) -> None:
    assert [r.level for r in guide.assessment] == ["high", "medium", "low", "none"]
    last = guide.assessment[-1]
    assert str(last.when) == "true()"
    assert "does not rule out" in last.label.get("en")
    assert "rules trafficking out" in last.advice.get("en")
    # medium and low say it too, each in its own words
    assert "No answer rules trafficking out" in guide.assessment[1].advice.get("en")
    assert "does not rule it out" in guide.assessment[2].advice.get("en")


@pytest.mark.parametrize(
    ("answers", "urgent"),
    [
        ({"obs_appears_minor": "yes"}, True),
        ({"consent": "yes", "in_danger_now": "yes"}, True),
        ({"consent": "yes", "needs_medical_help": "yes"}, True),
        ({"consent": "yes", "age": 15}, True),
        ({"consent": "yes", "age": 17}, True),
        ({"consent": "yes", "age": 18}, False),
        ({"consent": "yes", "in_danger_now": "declined", "needs_medical_help": "dont_know"}, False),
        ({"consent": "no"}, False),
    ],
)
def test_urgent_triggers(guide: Questionnaire, answers: dict, urgent: bool) -> None:
    assert score(guide, answers, INTERVIEW_DATE).urgent is urgent


def test_age_constraint_refuses_impossible_ages(guide: Questionnaire) -> None:
    from free2link_desktop.core.questionnaire import AnswersRefused

    with pytest.raises(AnswersRefused):
        score(guide, {"consent": "yes", "age": 150}, INTERVIEW_DATE)


# ---------------------------------------------------------------------------- table test

CASES = [
    pytest.param(
        # Recruited through a job advert on social media that moved to WhatsApp; the job was not
        # the one promised; the recruitment debt must be worked off, the passport is kept and
        # she cannot leave: strong coercion at destination (ILO 2009) -> refer now.
        {
            "obs_appears_minor": "no",
            "consent": "yes",
            "in_danger_now": "no",
            "needs_medical_help": "no",
            "age": 27,
            "offer_kind": ["job"],
            "offer_channel": ["social_media", "messaging_app"],
            "promise_matched": "different",
            "debt": "owes_must_work",
            "documents_held": "controller",
            "free_to_leave": "no",
            "threats": "controller",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "yes",
            "forced_sex": "no",
        },
        "high",
        False,
        {
            "online_job_offer_too_good",
            "deceived_nature_of_job",
            "debt_bondage",
            "recruitment_debt",
            "documents_confiscated",
            "isolation_confinement",
            "threats_of_violence",
            "forced_tasks_or_clients",
        },
        id="fake-online-job-debt-bondage",
    ),
    pytest.param(
        # "Lover boy" met on a dating app, then made to perform sexual acts on live streams;
        # he keeps her phone and threatens to share the videos: several strong signs -> refer.
        {
            "obs_appears_minor": "no",
            "consent": "yes",
            "in_danger_now": "no",
            "needs_medical_help": "no",
            "age": 21,
            "offer_kind": ["relationship"],
            "offer_channel": ["dating_app", "messaging_app"],
            "promise_matched": "different",
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["keeps_or_checks_phone", "knows_passwords"],
            "images_threat": "yes",
            "forced_work": "no",
            "forced_sex": "yes",
            "on_camera": ["live"],
            "obs_phone_pressure": "yes",
        },
        "high",
        False,
        {
            "online_romance_grooming",
            "deceived_by_promise_of_relationship",
            "online_livestream_exploitation",
            "online_threat_to_share_images",
            "phone_taken_or_controlled",
            "accounts_passwords_controlled",
            "monitored_by_calls_or_cameras",
            "forced_tasks_or_clients",
            "violence_at_destination",
        },
        id="online-grooming-live-streaming",
    ),
    pytest.param(
        # An adult who answers no to every question and shows no sign: nothing is raised, and the
        # label itself must say that this does not rule trafficking out.
        {
            "obs_appears_minor": "no",
            "consent": "yes",
            "in_danger_now": "no",
            "needs_medical_help": "no",
            "age": 34,
            "offer_kind": ["none"],
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
            "obs_accompanied": "no",
            "obs_phone_pressure": "no",
            "obs_scripted": "no",
            "obs_injuries": "no",
        },
        "none",
        False,
        set(),
        id="no-indicators",
    ),
    pytest.param(
        # A 16-year-old with no other answer yet: urgent (stop, child protection). Being a child
        # is itself a strong indicator, so the level is at least medium even before any other
        # sign; any further sign makes it high (no means are needed for a child).
        {"consent": "yes", "in_danger_now": "no", "needs_medical_help": "no", "age": 16},
        "medium",
        True,
        {"child_at_recruitment"},
        id="child",
    ),
    pytest.param(
        # The same child on the short path, who is here with no parent or guardian: high (no
        # means are needed for a child), and the adult questions are not asked.
        {"consent": "yes", "age": 16, "child_with_whom": "alone", "child_school": "yes"},
        "high",
        True,
        {"child_at_recruitment", "child_without_parent_or_guardian"},
        id="child-alone",
    ),
    pytest.param(
        # Online job offer that turned out partly worse, nothing else: two medium signs of
        # deceptive recruitment -> follow up with the full screening.
        {
            "consent": "yes",
            "age": 30,
            "offer_kind": ["job"],
            "offer_channel": ["job_website"],
            "promise_matched": "partly",
            "debt": "no_debt",
        },
        "medium",
        False,
        {"online_job_offer_too_good", "deceived_conditions_or_pay"},
        id="online-job-partly-worse",
    ),
    pytest.param(
        # Only the interviewer noticed a rehearsed account: one medium sign -> stay attentive.
        {"consent": "yes", "age": 40, "obs_scripted": "yes"},
        "low",
        False,
        {"coached_to_lie"},
        id="one-observation",
    ),
    pytest.param(
        # Declining every question raises nothing: declining is a right, not a sign.
        {
            "consent": "yes",
            "in_danger_now": "declined",
            "needs_medical_help": "declined",
            "offer_kind": ["declined"],
            "debt": "declined",
            "documents_held": "declined",
            "free_to_leave": "declined",
            "threats": "declined",
            "phone_control": ["declined"],
            "images_threat": "declined",
            "forced_work": "declined",
            "forced_sex": "declined",
        },
        "none",
        False,
        set(),
        id="declines-everything",
    ),
]


def _score_with_cli(tmp_path: Path, answers: dict) -> dict:
    document = {
        "questionnaire": "first-screening",
        "version": "1.1.0",
        "interview_date": INTERVIEW_DATE.isoformat(),
        "answers": answers,
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "free2link_desktop",
            "screening",
            "score",
            str(GUIDE),
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("answers", "level", "urgent", "expected"), CASES)
def test_realistic_answer_sets(
    tmp_path: Path, answers: dict, level: str, urgent: bool, expected: set[str]
) -> None:
    result = _score_with_cli(tmp_path, answers)
    assert result["assessment"]["level"] == level
    assert result["urgent"] is urgent
    assert {item["id"] for item in result["indicators"]} == expected
    assert result["unanswered_required"] == []
    if level == "none":
        assert "does not rule out trafficking" in result["assessment"]["label"]


def test_arabic_addresses_women_and_men_alike(guide: Questionnaire) -> None:
    """Issue 15: the Arabic texts read to the person were in the masculine only. They now use
    forms that hold for both (nouns, the past tense, 'رغماً عنك'), or both forms."""
    masculine_only = ("توافق على", "لست مضطراً", "هل تحتاج", "أنت مدين", "لم تكن تريد", "تتلقاها")
    read_out = [(q.id, q.text.get("ar")) for q in guide.questions if q.audience == "interviewee"]
    found = [(qid, form) for qid, text in read_out for form in masculine_only if form in text]
    assert found == []
