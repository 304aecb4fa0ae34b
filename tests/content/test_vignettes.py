"""A public vignette suite: short fictional stories, each answered as that person would answer,
scored by the real bundled guides through the real command (`free2link screening score`).

Why: the expert review of issue 15 found both false alarms (a refugee whose passport the police
hold, scored "refer now") and missed cases (forced work and forced drugs, scored "none"). Each
story below pins the assessment range a trained caseworker would accept and the indicators that
must, and must not, be raised. The stories are invented; the patterns come from the sources
cited in docs/indicators.md (ILO & EC 2009, Vera 2014, UNODC 2021 and 2024, OHCHR 2023,
INTERPOL 2023, GRETA 2022, Europol 2020, OSCE 2022, ODIHR & UN Women 2020, CNDA & UNHCR 2021).
Several are traps: authorities holding documents, persecution at home, ordinary bad jobs,
smuggling debts, a controlling partner. The others are hard positives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT

FIRST = "first-screening"
FULL = "full-screening"
LEVELS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class Vignette:
    name: str
    guide: str
    story: str
    answers: dict[str, Any]
    levels: tuple[str, ...]
    must: frozenset[str] = field(default_factory=frozenset)
    must_not: frozenset[str] = field(default_factory=frozenset)
    urgent: bool = False


def v(
    name: str,
    guide: str,
    story: str,
    answers: dict[str, Any],
    levels: str,
    must: set[str] | None = None,
    must_not: set[str] | None = None,
    urgent: bool = False,
) -> Vignette:
    return Vignette(
        name,
        guide,
        story,
        answers,
        tuple(levels.split()),
        frozenset(must or ()),
        frozenset(must_not or ()),
        urgent,
    )


SAFE_FIRST = {"consent": "yes", "in_danger_now": "no", "needs_medical_help": "no"}
SAFE_FULL = {
    "consent": "yes",
    "danger_now": "no",
    "others_in_danger": "no",
    "medical_now": "no",
    "looks_minor": "no",
}
FALSE_ALARMS = {"documents_confiscated", "threats_of_violence", "violence_at_destination"}

VIGNETTES = [
    # ------------------------------------------------------------------ traps, first screening
    v(
        "refugee-passport-with-police",
        FIRST,
        "Amir fled threats from a militia at home. The police kept his passport when he applied "
        "for asylum. He came by boat, owes nothing, and is free to come and go.",
        {
            **SAFE_FIRST,
            "age": 29,
            "offer_kind": ["none"],
            "debt": "no_debt",
            "documents_held": "authorities",
            "free_to_leave": "yes",
            "threats": "others",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "none",
        must_not=FALSE_ALARMS,
    ),
    v(
        "family-keeps-papers-safe",
        FIRST,
        "Lina's aunt keeps the family's passports in a drawer at home so they do not get lost; "
        "Lina can take hers whenever she likes. She works in a bakery found by her cousin.",
        {
            **SAFE_FIRST,
            "age": 24,
            "offer_kind": ["job"],
            "offer_channel": ["in_person_known"],
            "promise_matched": "matched",
            "debt": "no_debt",
            "documents_held": "someone_else",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "none",
        must_not={"documents_confiscated"},
    ),
    v(
        "ordinary-bad-job",
        FIRST,
        "Oleh found a warehouse job through a friend. The pay turned out lower than promised and "
        "he is looking for something better. Nobody stops him from leaving.",
        {
            **SAFE_FIRST,
            "age": 41,
            "offer_kind": ["job"],
            "offer_channel": ["in_person_known"],
            "promise_matched": "partly",
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "low",
        must={"deceived_conditions_or_pay"},
        must_not={"deceived_nature_of_job", "isolation_confinement"},
    ),
    v(
        "smuggling-debt-only",
        FIRST,
        "Samuel's uncle paid the smuggler who brought him across the sea; Samuel wants to pay "
        "his uncle back one day. He has no job yet and nobody controls him.",
        {
            **SAFE_FIRST,
            "age": 22,
            "offer_kind": ["travel"],
            "offer_channel": ["in_person_known"],
            "promise_matched": "matched",
            "debt": "owes",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "low",
        must={"recruitment_debt"},
        must_not={"debt_bondage"},
    ),
    v(
        "controlling-partner-no-exploitation",
        FIRST,
        "Maria's husband keeps her phone and follows her location. She does not work and was "
        "not recruited by anyone. Worrying, and a reason to follow up, but not yet a sign of "
        "trafficking on its own.",
        {
            **SAFE_FIRST,
            "age": 33,
            "offer_kind": ["none"],
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["keeps_or_checks_phone", "tracks_location"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "medium",
        must={"phone_taken_or_controlled", "location_tracked"},
    ),
    v(
        "declines-consent-safe",
        FIRST,
        "Fatou does not want to talk today. Asked whether she is in danger now, she says no.",
        {"consent": "no", "in_danger_now": "no", "needs_medical_help": "no"},
        "none",
    ),
    v(
        "declines-consent-in-danger",
        FIRST,
        "Nadia does not want an interview, but when asked says she is in danger right now.",
        {"consent": "declined", "in_danger_now": "yes"},
        "none",
        urgent=True,
    ),
    v(
        "declines-every-question",
        FIRST,
        "Ahmed agrees to talk but prefers not to answer any question. Declining is a right, not "
        "a sign.",
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
    ),
    # ------------------------------------------------------------------ positives, first screening
    v(
        "scam-compound-fake-it-job",
        FIRST,
        "Kiran saw a customer-service job abroad in a Telegram group. He was driven to a "
        "different country, held behind a fence, made to chat with strangers to take their "
        "money, and told his family must pay for him to leave.",
        {
            **SAFE_FIRST,
            "age": 27,
            "offer_kind": ["online_work"],
            "offer_channel": ["messaging_app"],
            "promise_matched": "different",
            "debt": "owes_must_work",
            "documents_held": "controller",
            "free_to_leave": "no",
            "leave_payment": "yes",
            "threats": "controller",
            "phone_control": ["keeps_or_checks_phone"],
            "images_threat": "no",
            "forced_work": "yes",
            "forced_work_kind": ["scams"],
            "forced_sex": "no",
        },
        "high",
        must={
            "online_tech_job_scam",
            "online_forced_fraud",
            "buyout_fee_to_leave",
            "isolation_confinement",
            "documents_confiscated",
        },
    ),
    v(
        "lover-boy-live-stream",
        FIRST,
        "Daria met a man on a dating app who promised a life together. In the new country he "
        "kept her phone and made her perform on live streams, threatening to send the videos to "
        "her family.",
        {
            **SAFE_FIRST,
            "age": 20,
            "offer_kind": ["relationship"],
            "offer_channel": ["dating_app"],
            "promise_matched": "different",
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["keeps_or_checks_phone"],
            "images_threat": "yes",
            "forced_work": "no",
            "forced_sex": "yes",
            "on_camera": ["live"],
        },
        "high",
        must={
            "online_romance_grooming",
            "online_livestream_exploitation",
            "online_threat_to_share_images",
            "violence_at_destination",
        },
    ),
    v(
        "farm-debt-bondage",
        FIRST,
        "Tunde was offered farm work by a stranger at a bus station. He must work for the boss to "
        "pay back his travel, the boss holds his passport, and he was forced to keep working when "
        "he wanted to stop.",
        {
            **SAFE_FIRST,
            "age": 35,
            "offer_kind": ["job"],
            "offer_channel": ["in_person_other"],
            "promise_matched": "partly",
            "debt": "owes_must_work",
            "documents_held": "controller",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "yes",
            "forced_work_kind": ["ordinary_work"],
            "forced_sex": "no",
        },
        "high",
        must={"debt_bondage", "documents_confiscated", "forced_tasks_or_clients"},
    ),
    v(
        "forced-begging",
        FIRST,
        "Ion was made to beg at a station by the people he lives with and must hand over the "
        "money. He answers nothing else today.",
        {**SAFE_FIRST, "age": 30, "forced_work": "yes", "forced_work_kind": ["begging"]},
        "medium",
        must={"forced_tasks_or_clients", "forced_criminal_activity"},
    ),
    v(
        "child-on-the-short-path",
        FIRST,
        "A 15-year-old girl came with a man who is not her relative; she has not been to school "
        "for months because she had to earn money for him. The screening goes straight to child "
        "protection and asks no adult questions.",
        {
            **SAFE_FIRST,
            "age": 15,
            "child_with_whom": "other_adult",
            "child_school": "no_work",
            "child_made_to_work": "yes",
            "child_owes": "declined",
        },
        "high",
        must={
            "child_at_recruitment",
            "child_without_parent_or_guardian",
            "child_no_schooling",
            "forced_tasks_or_clients",
        },
        urgent=True,
    ),
    v(
        "child-with-parent-at-school",
        FIRST,
        "A 14-year-old boy is here with his mother and went to school until they fled. Being a "
        "child is itself a reason for child protection to see him, but nothing else is raised.",
        {
            **SAFE_FIRST,
            "age": 14,
            "child_with_whom": "parent",
            "child_school": "no_other",
            "child_made_to_work": "no",
            "child_owes": "no",
        },
        "medium",
        must={"child_at_recruitment"},
        must_not={"child_without_parent_or_guardian", "child_no_schooling"},
        urgent=True,
    ),
    v(
        "looks-like-a-child-and-refuses",
        FIRST,
        "The interviewer thinks the boy may be under 18; he will not talk. A possible child is "
        "always at least 'medium', as in the full screening.",
        {"obs_appears_minor": "yes", "consent": "no", "in_danger_now": "no"},
        "medium",
        urgent=True,
    ),
    v(
        "says-adult-but-looks-a-child",
        FIRST,
        "A girl says she is 19, but the interviewer thinks she may be younger; she is here alone. "
        "She is treated as a child until an age assessment says otherwise.",
        {
            "obs_appears_minor": "yes",
            **SAFE_FIRST,
            "age": 19,
            "child_with_whom": "alone",
            "child_school": "declined",
            "child_made_to_work": "declined",
            "child_owes": "declined",
        },
        "high",
        must={"child_without_parent_or_guardian"},
        must_not={"child_at_recruitment"},
        urgent=True,
    ),
    v(
        "held-and-forced-to-work-in-transit",
        FIRST,
        "Abdi was locked in a warehouse on the route until his family paid, and made to work "
        "without pay on building sites to continue. He is free now and nobody controls him here.",
        {
            **SAFE_FIRST,
            "age": 23,
            "offer_kind": ["travel"],
            "offer_channel": ["in_person_other"],
            "promise_matched": "different",
            "journey_harm": ["held", "made_to_work"],
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "medium",
        must={"held_during_journey", "exploited_during_journey", "deceived_travel_or_documents"},
    ),
    v(
        "smuggled-without-harm",
        FIRST,
        "Hana paid smugglers to cross two borders; nobody held, hurt or sold her, and she owes "
        "nothing. Smuggling is not trafficking.",
        {
            **SAFE_FIRST,
            "age": 28,
            "offer_kind": ["travel"],
            "offer_channel": ["in_person_other"],
            "promise_matched": "matched",
            "journey_harm": ["none"],
            "debt": "no_debt",
            "documents_held": "no",
            "free_to_leave": "yes",
            "threats": "no",
            "phone_control": ["none"],
            "images_threat": "no",
            "forced_work": "no",
            "forced_sex": "no",
        },
        "none",
        must_not={"held_during_journey", "violence_during_recruitment", "recruitment_debt"},
    ),
    # ------------------------------------------------------------------ traps, full screening
    v(
        "full-refugee-passport-with-police",
        FULL,
        "Amir again, a month later. His passport is still with the police and he cannot get it "
        "back yet; he was beaten by a militia at home, not by anyone involved in his journey.",
        {
            **SAFE_FULL,
            "age": 29,
            "age_at_start": 29,
            "situation_before": ["fled"],
            "travelled": "yes",
            "journey_paid": "self",
            "journey_docs_taken": "no",
            "papers_promised": "no",
            "fake_help": "no",
            "docs_held": "authorities",
            "residence_status": "waiting",
            "threats": "no",
            "violence": "no",
            "leave_place": "yes",
        },
        "low",
        must={"difficult_personal_situation"},
        must_not=FALSE_ALARMS,
    ),
    v(
        "full-ordinary-bad-job",
        FULL,
        "Oleh again: long shifts in a restaurant, paid less than promised, free to leave, no "
        "debt, papers in his pocket.",
        {
            **SAFE_FULL,
            "age": 41,
            "age_at_start": 41,
            "offer_type": ["job"],
            "offer_channel": "person_known",
            "recruiter": "friend",
            "as_promised": "worse_conditions",
            "work_type": ["hospitality"],
            "hours": 12,
            "could_refuse": "yes",
            "pay": "less",
            "owes": "no",
            "docs_held": "no",
            "leave_place": "yes",
            "stop_work": "yes",
        },
        "medium",
        must={"deceived_conditions_or_pay", "excessive_hours"},
        must_not={"forced_tasks_or_clients", "not_free_to_stop_work"},
    ),
    v(
        "full-freelance-scam-caller",
        FULL,
        "Rafal answered an online advert for call-centre work that turned out to be selling fake "
        "investments. He could refuse tasks and leave, and did. Choosing bad work is not forced "
        "criminality.",
        {
            **SAFE_FULL,
            "age": 25,
            "age_at_start": 24,
            "offer_type": ["online_work"],
            "offer_channel": "job_site",
            "recruiter": "agency",
            "as_promised": "different_work",
            "work_type": ["scams"],
            "could_refuse": "yes",
            "leave_place": "yes",
            "stop_work": "yes",
            "threats": "no",
            "violence": "no",
        },
        "medium",
        must={"online_tech_job_scam", "deceived_nature_of_job"},
        must_not={"online_forced_fraud", "forced_criminal_activity"},
    ),
    v(
        "full-street-vendor",
        FULL,
        "Moussa sells bracelets in the street for himself, keeps what he earns and lives with "
        "friends.",
        {
            **SAFE_FULL,
            "age": 31,
            "age_at_start": 31,
            "work_type": ["street"],
            "could_refuse": "yes",
            "living_place": "friends",
            "pay": "as_promised",
            "leave_place": "yes",
            "stop_work": "yes",
        },
        "none",
        must_not={"forced_criminal_activity"},
    ),
    v(
        "full-remittances-only",
        FULL,
        "Grace sends money home to her children every month; her work is legal and paid.",
        {**SAFE_FULL, "age": 38, "age_at_start": 38, "family_depends": "yes"},
        "low",
        must={"family_pressure_remittances"},
    ),
    # ------------------------------------------------------------------ positives, full screening
    v(
        "full-could-not-stop-forced-drugs",
        FULL,
        "Elena says she could not have stopped the work and was made to take drugs to keep "
        "going; she declines the other questions.",
        {**SAFE_FULL, "stop_work": "no", "substances": "yes"},
        "medium",
        must={"not_free_to_stop_work", "forced_substance_use"},
    ),
    v(
        "full-forced-sex-violence-declined",
        FULL,
        "Joy says she was made to do sexual things she did not want, and prefers not to answer "
        "whether she was forced into sexual contact.",
        {**SAFE_FULL, "sexual_acts": "yes", "sexual_violence": "declined"},
        "medium",
        must={"forced_tasks_or_clients", "violence_at_destination"},
    ),
    v(
        "full-scam-compound",
        FULL,
        "Kiran again, in the full screening: a fake IT job seen on Telegram, a compound with "
        "guards, a daily target with beatings when missed, his family asked for a ransom.",
        {
            **SAFE_FULL,
            "age": 27,
            "age_at_start": 26,
            "offer_type": ["online_work"],
            "offer_channel": "messaging",
            "recruiter": "online_only",
            "moved_app": "yes",
            "as_promised": "different_work",
            "travelled": "yes",
            "journey_paid": "recruiter_repay",
            "journey_docs_taken": "yes",
            "work_type": ["scams"],
            "hours": 15,
            "could_refuse": "no",
            "work_target": "yes",
            "target_missed": ["hurt", "fine_or_debt"],
            "living_place": "workplace",
            "living_conditions": ["crowded", "locked"],
            "pay": "never",
            "guarded_place": "yes",
            "pay_to_leave": "yes",
            "leave_place": "no",
            "stop_work": "no",
        },
        "high",
        must={
            "online_tech_job_scam",
            "online_forced_fraud",
            "held_in_guarded_compound",
            "quota_with_punishment",
            "buyout_fee_to_leave",
            "violence_at_destination",
        },
    ),
    v(
        "full-caporalato",
        FULL,
        "Ibrahim was picked by a labour broker through WhatsApp for tomato picking: 13-hour days, "
        "deductions for transport and a shack, pay only sometimes, a debt that keeps growing, "
        "and his documents kept by the broker.",
        {
            **SAFE_FULL,
            "age": 34,
            "age_at_start": 33,
            "offer_type": ["job"],
            "offer_channel": "messaging",
            "recruiter": "stranger",
            "as_promised": "worse_conditions",
            "situation_before": ["no_money", "no_papers"],
            "work_type": ["farm"],
            "middleman": "yes",
            "hours": 13,
            "could_refuse": "no",
            "living_place": "arranged",
            "living_conditions": ["crowded", "no_basics"],
            "lose_home": "yes",
            "pay": "sometimes",
            "pay_taken": ["deductions"],
            "owes": "yes",
            "debt_grows": "yes",
            "docs_held": "controller",
            "docs_back": "no",
            "residence_status": "no_permit",
        },
        "high",
        must={
            "debt_bondage",
            "documents_confiscated",
            "excessive_hours",
            "wage_deductions",
            "gangmaster_intermediary",
        },
    ),
    v(
        "full-domestic-servitude",
        FULL,
        "Ana came as an au pair after an Instagram advert. The family keeps her passport, does "
        "not pay her, and she may not leave the house alone.",
        {
            **SAFE_FULL,
            "age": 23,
            "age_at_start": 22,
            "offer_type": ["job"],
            "offer_channel": "social_media",
            "recruiter": "online_only",
            "as_promised": "different_work",
            "work_type": ["domestic"],
            "hours": 14,
            "could_refuse": "no",
            "living_place": "workplace",
            "pay": "never",
            "docs_held": "controller",
            "docs_back": "no",
            "leave_place": "no",
        },
        "high",
        must={"documents_confiscated", "isolation_confinement", "little_or_no_pay"},
    ),
    v(
        "full-held-after-legal-recruitment",
        FULL,
        "Piotr was recruited legally for a building site; there he was locked in at night, hit, "
        "and paid nothing. Recruitment raises no sign, but exploitation with strong coercion is "
        "enough to refer now.",
        {
            **SAFE_FULL,
            "age": 45,
            "age_at_start": 45,
            "offer_type": ["job"],
            "offer_channel": "agency",
            "recruiter": "agency",
            "as_promised": "same",
            "work_type": ["construction"],
            "hours": 14,
            "pay": "never",
            "living_place": "arranged",
            "living_conditions": ["locked"],
            "violence": "yes",
        },
        "high",
        must={"isolation_confinement", "violence_at_destination", "excessive_hours"},
    ),
    v(
        "full-sextortion-only",
        FULL,
        "Yara sent pictures to someone she met online, who now threatens to share them. There "
        "is no work or exploitation yet: refer for specialised help, not a trafficking finding.",
        {**SAFE_FULL, "age": 19, "age_at_start": 19, "images_asked": "yes", "images_threat": "yes"},
        "medium",
        must={"online_intimate_images_obtained", "online_threat_to_share_images"},
    ),
    v(
        "full-child-drug-courier",
        FULL,
        "A 16-year-old boy carries drugs for the men who brought him and cannot say no.",
        {
            **SAFE_FULL,
            "age": 16,
            "age_at_start": 15,
            "work_type": ["crime"],
            "could_refuse": "no",
            "threats": "yes",
        },
        "high",
        must={"child_at_recruitment", "forced_criminal_activity", "threats_of_violence"},
        urgent=True,
    ),
]


def _score(tmp_path: Path, vignette: Vignette) -> dict[str, Any]:
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "questionnaire": vignette.guide,
                "interview_date": "2026-12-04",
                "answers": vignette.answers,
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "free2link_desktop",
            "screening",
            "score",
            vignette.guide,
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_suite_is_large_and_covers_both_guides_traps_and_positives() -> None:
    assert len(VIGNETTES) >= 25
    assert len({x.name for x in VIGNETTES}) == len(VIGNETTES)
    for guide in (FIRST, FULL):
        levels = {x.levels for x in VIGNETTES if x.guide == guide}
        assert ("high",) in levels and any("none" in lv or "low" in lv for lv in levels)
    assert sum(1 for x in VIGNETTES if x.must_not) >= 8  # false-alarm traps
    for x in VIGNETTES:
        assert set(x.levels) <= set(LEVELS), x.name
        assert len(x.story) > 40, x.name


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[x.name for x in VIGNETTES])
def test_vignette(tmp_path: Path, vignette: Vignette) -> None:
    result = _score(tmp_path, vignette)
    raised = {item["id"] for item in result["indicators"]}
    assert result["assessment"]["level"] in vignette.levels, (vignette.story, sorted(raised))
    assert vignette.must <= raised, sorted(vignette.must - raised)
    assert not vignette.must_not & raised, sorted(vignette.must_not & raised)
    assert result["urgent"] is vignette.urgent
