"""The in-depth interview guide (questionnaires/full-screening.yaml), checked with the real engine.

Why these tests: the guide is read out to people who may be traumatised, in seven languages,
and its answers decide whether someone is referred. So every text must exist in every language,
every indicator of the library must be reachable from some question (otherwise a sign can never
be recorded), every question must be reachable through the skip logic, and realistic answer sets
must give the assessment a practitioner would expect.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from free2link_desktop.core.questionnaire import load_questionnaire, score, validate_file

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "questionnaires" / "full-screening.yaml"
LANGUAGES = ("en", "it", "el", "pl", "fr", "ar", "uk")
TEXT_KEYS = ("title", "guidance", "text", "label", "advice")
INTERVIEW_DATE = date(2026, 11, 23)
ONLY_WITH_CONSENT = "${consent} = 'yes'"


@pytest.fixture(scope="module")
def guide():
    return load_questionnaire(GUIDE)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return yaml.safe_load(GUIDE.read_text(encoding="utf-8"))


def run(guide, answers: dict[str, Any]):
    return score(guide, answers, INTERVIEW_DATE)


# --- the file itself ----------------------------------------------------------------------


def test_guide_validates_without_any_problem():
    assert [str(p) for p in validate_file(GUIDE)] == []


def test_cli_validate_accepts_the_guide():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "free2link_desktop", "questionnaire", "validate", str(GUIDE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_identity_and_languages(guide):
    assert guide.id == "full-screening"
    assert guide.version == "1.1.0"
    assert dict(guide.languages) == {
        "en": "source",
        "it": "draft",
        "el": "draft",
        "pl": "draft",
        "fr": "draft",
        "ar": "draft",
        "uk": "draft",
    }
    header = GUIDE.read_text(encoding="utf-8").split("format:")[0].lower()
    assert "draft" in header and "review" in header, "top comment: translations are drafts"


def _texts(node: Any, where: str = ""):
    """Every translatable text map in the raw YAML, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}/{node.get('id', node.get('value', node.get('level', '')))}.{key}"
            if key in TEXT_KEYS:
                yield here, value
            else:
                yield from _texts(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item, where)


def test_every_text_exists_in_all_seven_languages(raw):
    texts = list(_texts(raw))
    assert len(texts) > 250
    missing = [
        f"{where} [{lang}]"
        for where, text in texts
        for lang in LANGUAGES
        if not isinstance(text, dict) or not str(text.get(lang, "")).strip()
    ]
    assert missing == []


#: Texts that are rightly the same in English and another language.
SAME_AS_ENGLISH = {("fr", "Documents"), ("it", "No")}


def test_no_translation_is_a_copy_of_the_english(raw):
    copies = [
        f"{where} [{lang}]"
        for where, text in _texts(raw)
        for lang in LANGUAGES[1:]
        if text.get(lang) == text["en"] and (lang, text["en"]) not in SAME_AS_ENGLISH
    ]
    assert copies == []


def test_every_question_reads_as_a_question_in_every_language(guide):
    """A question put to anyone ends with its language's question mark (Greek uses ';')."""
    for question in guide.questions:
        if question.type == "note":
            continue
        for lang in LANGUAGES:
            assert question.text.get(lang).endswith(("?", "؟", ";", "\u037e")), (question.id, lang)


def test_placeholders_survive_translation(raw):
    """[name] and [organisation] are filled in by the interviewer in every language."""
    intro = raw["sections"][0]["questions"][0]["text"]
    for lang in LANGUAGES:
        assert intro[lang].count("[") == 2, lang


def test_size_and_order_of_sections(guide):
    asked = [q for q in guide.questions if q.takes_answer]
    # Two of them are asked only of a child (with_guardian, school). Version 1.1.0 added
    # questions on forced criminality, the journey and middlemen (issue 15), most of them
    # follow-ups: an adult meets at most 80, and far fewer when the doors stay closed.
    adult = [q for q in asked if q.id not in ("with_guardian", "school")]
    assert 45 <= len(adult) <= 80
    ids = [s.id for s in guide.sections]
    assert ids[0] == "consent"
    for needed in (
        "recruitment",
        "journey",
        "work",
        "money",
        "documents",
        "phone",
        "online",
        "threats",
        "movement",
        "health",
        "needs",
    ):
        assert needed in ids
    first = guide.sections[0]
    assert first.questions[0].type == "note"
    consent = guide.question("consent")
    assert consent.type == "yes_no" and consent.required


def test_later_sections_only_with_consent(raw):
    for section in raw["sections"][1:]:
        assert section["relevant"] == ONLY_WITH_CONSENT, section["id"]


def test_guidance_on_every_section_and_every_sensitive_question(guide, raw):
    assert all(s.guidance.has("en") for s in guide.sections)
    for section in raw["sections"]:
        for question in section["questions"]:
            sensitive = "Sensitive" in question.get("guidance", {}).get("en", "")
            if question["id"] in (
                "sexual_acts",
                "sexual_violence",
                "images_threat",
                "live_stream",
                "forced_start",
                "residence_status",
                "substances",
            ):
                assert sensitive, question["id"]


def test_choice_questions_let_the_person_decline(guide):
    for question in guide.questions:
        if question.type in ("single", "multiple"):
            declined = [o for o in question.options if o.value == "declined"]
            assert declined, question.id
            assert declined[0].label.get("en") == "Prefer not to answer"


# --- coverage of the indicator library ----------------------------------------------------

#: Answer sets that open every door of the skip logic. Together they raise every indicator
#: (single-choice answers exclude each other, hence more than one set).
OPEN_ALL: dict[str, Any] = {
    "consent": "yes",
    "age": 16,
    "age_at_start": 15,
    "looks_minor": "yes",
    "with_guardian": "alone",
    "school": "no_work",
    "offer_type": ["job", "online_work", "study", "relationship"],
    "offer_channel": "social_media",
    "recruiter": "partner",
    "offer_after_post": "yes",
    "knew_about_you": "yes",
    "moved_app": "yes",
    "as_promised": "different_work",
    "forced_start": ["threats", "violence", "taken", "oath"],
    "situation_before": ["no_money", "no_papers", "no_language", "fled"],
    "travelled": "yes",
    "journey_paid": "recruiter_repay",
    "journey_docs_taken": "yes",
    "journey_harm": ["held", "made_to_work", "sold", "hurt"],
    "papers_promised": "yes",
    "fake_help": "yes",
    "work_type": ["sex", "webcam", "scams", "crime", "farm"],
    "middleman": "yes",
    "hours": 16,
    "could_refuse": "no",
    "work_target": "yes",
    "target_missed": ["fine_or_debt", "hurt"],
    "sexual_acts": "yes",
    "refuse_clients": "no",
    "living_place": "arranged",
    "living_conditions": ["crowded", "locked", "cameras"],
    "lose_home": "yes",
    "pay": "never",
    "pay_taken": ["kept", "deductions", "to_accounts"],
    "owes": "yes",
    "debt_grows": "yes",
    "debt_reasons": ["travel", "housing"],
    "family_depends": "yes",
    "docs_held": "controller",
    "docs_back": "no",
    "residence_status": "no_permit",
    "own_phone": "no",
    "passwords": "yes",
    "location_tracked": "yes",
    "checked_by_phone": "yes",
    "delete_messages": "yes",
    "identity_misused": "yes",
    "online_partner": "yes",
    "partner_pressure": "yes",
    "still_attached": "yes",
    "images_asked": "yes",
    "images_threat": "yes",
    "live_stream": "yes",
    "content_sold": "yes",
    "adverts": "yes",
    "recruit_others": "yes",
    "threats": "yes",
    "violence": "yes",
    "sexual_violence": "yes",
    "threat_authorities": "yes",
    "threat_tell": "yes",
    "coached": "yes",
    "leave_place": "no",
    "guarded_place": "yes",
    "pay_to_leave": "yes",
    "contact_family": "no",
    "stop_work": "no",
    "knew_address": "no",
    "hurt_at_work": "yes",
    "doctor_access": "no",
    "substances": "yes",
    "obs_injuries": "yes",
    "obs_accompanied": "yes",
    "needs_now": ["shelter", "online"],
    "referral_ok": "yes",
    "contact_way": "in_person",
}
OTHER_CHOICES = [
    dict(OPEN_ALL, as_promised="worse_conditions", pay="less"),
    dict(
        OPEN_ALL,
        as_promised="no_job",
        offer_type=["job"],
        offer_channel="job_site",
        recruiter="online_only",
        forced_start=["married"],
        journey_paid="recruiter",
        situation_before=["no_work", "family_problems"],
        pay_taken=["fines"],
        debt_reasons=["fines", "fee"],
        residence_status="employer_permit",
        work_type=["street"],
        living_conditions=["no_basics"],
    ),
]


def test_every_library_indicator_is_mapped_to_a_question(guide):
    mapped = {t.id for q in guide.questions for t in q.indicators}
    library = {i.id for i in guide.library.indicators}
    assert library - mapped == set(), "indicators no question can raise"
    assert mapped - library == set()


def test_every_library_indicator_can_actually_be_raised(guide):
    raised: set[str] = set()
    for answers in [OPEN_ALL, *OTHER_CHOICES]:
        raised |= {r.id for r in run(guide, answers).indicators}
    assert {i.id for i in guide.library.indicators} - raised == set()


def test_every_question_is_reachable(guide):
    relevant = set(run(guide, OPEN_ALL).relevant_questions)
    assert [q.id for q in guide.questions if q.id not in relevant] == []


def test_without_consent_only_the_safety_questions_are_asked(guide):
    result = run(guide, {"consent": "no"})
    assert result.relevant_questions == (
        "intro",
        "consent",
        "danger_now",
        "others_in_danger",
        "medical_now",
        "looks_minor",
    )
    assert result.level == "none" and not result.urgent


# --- assessment -----------------------------------------------------------------------------


def test_assessment_levels_in_order_and_never_rule_out(guide):
    rules = guide.assessment
    assert [r.level for r in rules] == ["high", "medium", "low", "none"]
    assert str(rules[-1].when).strip() == "true()"
    for rule in rules[1:]:
        said = (rule.label.get("en") + " " + rule.advice.get("en")).lower()
        assert "does not rule" in said and "out" in said, rule.level
    for rule in rules:
        for lang in LANGUAGES:
            assert rule.label.has(lang) and rule.advice.has(lang)


BENIGN: dict[str, Any] = {
    "consent": "yes",
    "danger_now": "no",
    "others_in_danger": "no",
    "medical_now": "no",
    "age": 34,
    "age_at_start": 33,
    "looks_minor": "no",
    "offer_type": ["job"],
    "offer_channel": "person_known",
    "recruiter": "friend",
    "as_promised": "same",
    "forced_start": ["none"],
    "situation_before": ["none"],
    "travelled": "no",
    "fake_help": "no",
    "work_type": ["hospitality"],
    "hours": 8,
    "could_refuse": "yes",
    "sexual_acts": "no",
    "living_place": "own",
    "pay": "as_promised",
    "pay_taken": ["none"],
    "owes": "no",
    "family_depends": "no",
    "docs_held": "no",
    "residence_status": "permit",
    "own_phone": "yes",
    "passwords": "no",
    "location_tracked": "no",
    "checked_by_phone": "no",
    "delete_messages": "no",
    "identity_misused": "no",
    "online_partner": "no",
    "images_asked": "no",
    "images_threat": "no",
    "live_stream": "no",
    "content_sold": "no",
    "adverts": "no",
    "recruit_others": "no",
    "threats": "no",
    "violence": "no",
    "sexual_violence": "no",
    "threat_authorities": "no",
    "threat_tell": "no",
    "coached": "no",
    "leave_place": "yes",
    "contact_family": "yes",
    "stop_work": "yes",
    "knew_address": "yes",
    "hurt_at_work": "no",
    "substances": "no",
    "obs_injuries": "no",
    "obs_accompanied": "no",
    "needs_now": ["work"],
    "referral_ok": "no",
    "contact_way": "message",
}

FAKE_JOB_DEBT = dict(
    BENIGN,
    # Saw a well-paid warehouse job in a Facebook job group, was moved to Telegram, travelled
    # on a ticket "advanced" by the recruiter, found worse conditions and a debt that only grew.
    offer_channel="social_media",
    recruiter="online_only",
    moved_app="yes",
    offer_after_post="yes",
    knew_about_you="no",
    as_promised="worse_conditions",
    situation_before=["no_money"],
    travelled="yes",
    journey_paid="recruiter_repay",
    journey_docs_taken="no",
    papers_promised="yes",
    work_type=["factory"],
    hours=14,
    living_place="arranged",
    living_conditions=["crowded"],
    lose_home="yes",
    pay="sometimes",
    pay_taken=["deductions"],
    owes="yes",
    debt_grows="yes",
    debt_reasons=["travel", "housing"],
    docs_held="controller",
    docs_back="no",
    stop_work="no",
)

LOVER_BOY_LIVESTREAM = dict(
    BENIGN,
    # Met a "boyfriend" on a dating app who moved the chat to a private app, asked for intimate
    # pictures, then had her perform on live streams he organised, threatening to share images.
    offer_type=["relationship"],
    offer_channel="dating",
    recruiter="partner",
    offer_after_post="no",
    knew_about_you="yes",
    moved_app="yes",
    as_promised="different_work",
    situation_before=["alone"],
    work_type=["webcam"],
    could_refuse="no",
    sexual_acts="yes",
    refuse_clients="no",
    pay="never",
    pay_taken=["to_accounts"],
    online_partner="yes",
    partner_pressure="yes",
    still_attached="yes",
    images_asked="yes",
    images_threat="yes",
    live_stream="yes",
    passwords="yes",
    contact_family="no",
    stop_work="no",
)

CHILD = dict(
    BENIGN,
    # A 16-year-old contacted on Instagram with a "modelling" offer, then filmed on webcam.
    age=16,
    age_at_start=15,
    looks_minor="yes",
    offer_type=["modelling"],
    offer_channel="social_media",
    recruiter="online_only",
    offer_after_post="no",
    knew_about_you="no",
    moved_app="yes",
    work_type=["webcam"],
    live_stream="yes",
    stop_work="dont_know",
)

SCENARIOS = [
    pytest.param(
        FAKE_JOB_DEBT,
        "high",
        False,
        # deception (worse conditions than promised, online job advert, travel arranged by an
        # online contact, move to a private app) + exploitation (14-hour days, pay only
        # sometimes, deductions, crowded housing) + coercion (growing debt, documents kept).
        id="fake-online-job-debt-bondage",
    ),
    pytest.param(
        LOVER_BOY_LIVESTREAM,
        "high",
        False,
        # "lover boy" grooming and a broken promise of a relationship (deceptive recruitment)
        # + live-streamed sexual exploitation, no pay (exploitation) + sextortion, forced acts,
        # controlled passwords and payments (coercion and digital control).
        id="lover-boy-live-streaming",
    ),
    pytest.param(
        BENIGN,
        "none",
        False,
        # A worker recruited by a friend, paid as promised, free to leave: no indicator; the
        # label still says that this does not rule trafficking out.
        id="no-indicators",
    ),
    pytest.param(
        CHILD,
        "high",
        True,
        # Under 18 now (urgent) and when recruited; for a child, recruitment for exploitation is
        # trafficking without any means, so a child on live stream is high.
        id="child",
    ),
]


@pytest.mark.parametrize(("answers", "level", "urgent"), SCENARIOS)
def test_realistic_answer_sets(guide, answers, level, urgent):
    result = run(guide, answers)
    raised = sorted(r.id for r in result.indicators)
    assert result.level == level, raised
    assert result.urgent is urgent
    assert result.unanswered_required == ()


def test_no_indicator_outcome_says_it_does_not_rule_out(guide):
    result = run(guide, BENIGN)
    assert result.indicators == ()
    assert "does not rule out trafficking" in result.label.get("en")


def test_fake_job_raises_debt_bondage_and_online_recruitment(guide):
    raised = {r.id for r in run(guide, FAKE_JOB_DEBT).indicators}
    assert {
        "debt_bondage",
        "online_job_offer_too_good",
        "online_moved_to_private_app",
        "online_travel_arranged_by_contact",
        "documents_confiscated",
    } <= raised


def test_lover_boy_raises_grooming_livestream_and_sextortion(guide):
    raised = {r.id for r in run(guide, LOVER_BOY_LIVESTREAM).indicators}
    assert {
        "online_romance_grooming",
        "online_livestream_exploitation",
        "online_threat_to_share_images",
        "online_intimate_images_obtained",
    } <= raised


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({"danger_now": "yes"}, "danger_now"),
        ({"others_in_danger": "yes"}, "others_in_danger"),
        ({"medical_now": "yes"}, "medical_now"),
        ({"consent": "yes", "age": 17}, "age"),
        ({"consent": "yes", "age": 40, "looks_minor": "yes"}, "looks_minor"),
    ],
)
def test_urgent_triggers(guide, answers, question):
    result = run(guide, answers)
    assert result.urgent and result.urgent_questions == (question,)


def test_adult_and_unanswered_age_are_not_urgent(guide):
    assert not run(guide, {"consent": "yes", "age": 18}).urgent
    assert not run(guide, {"consent": "yes"}).urgent


def test_age_constraint_refuses_impossible_ages(guide):
    from free2link_desktop.core.questionnaire import AnswersRefused

    with pytest.raises(AnswersRefused):
        run(guide, {"consent": "yes", "age": 150})
    with pytest.raises(AnswersRefused):
        run(guide, {"consent": "yes", "hours": 30})


def test_follow_ups_appear_only_when_they_apply(guide):
    asked = set(run(guide, BENIGN).relevant_questions)
    for follow_up in (
        "debt_grows",
        "debt_reasons",
        "docs_back",
        "journey_paid",
        "partner_pressure",
        "still_attached",
        "refuse_clients",
        "living_conditions",
        "moved_app",
        "doctor_access",
    ):
        assert follow_up not in asked, follow_up


def test_arabic_addresses_women_and_men_alike(guide):
    """Issue 15: the Arabic questions were in the masculine only; they now use forms that hold
    for both (nouns, the unvowelled past tense, 'رغماً عنك') or both forms."""
    masculine_only = ("كنت تعمل", "مديناً", "مريضاً", "لست ملزماً", "تريدها", "كنت تعيش")
    found = [
        (q.id, form)
        for q in guide.questions
        if q.audience == "interviewee"
        for form in masculine_only
        if form in q.text.get("ar")
    ]
    assert found == []
