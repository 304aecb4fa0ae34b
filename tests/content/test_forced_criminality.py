"""Forced criminality in scam compounds (issue 15): fake online jobs, guarded compounds, targets
enforced with punishment, "buy-out" fees and forced online fraud, in both bundled guides.

Why: UNODC's Global Report 2024 counts trafficking for forced criminality at 8 % of detected
victims in 2022, and people who escaped scam compounds now reach reception centres in Europe.
A guide that cannot record these signs scores them as nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from free2link_desktop.core.questionnaire import Questionnaire, load_questionnaire, score
from tests.conftest import REPO_ROOT

DAY = date(2026, 12, 4)
NEW = {"held_in_guarded_compound", "quota_with_punishment", "buyout_fee_to_leave"}


@pytest.fixture(scope="module")
def first() -> Questionnaire:
    return load_questionnaire(REPO_ROOT / "questionnaires" / "first-screening.yaml")


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(REPO_ROOT / "questionnaires" / "full-screening.yaml")


def test_the_library_has_the_scam_compound_indicators(full: Questionnaire) -> None:
    found = {i.id: i for i in full.library.indicators if i.id in NEW}
    assert set(found) == NEW
    assert {i.dimension for i in found.values()} == {"coercion_at_destination"}
    for indicator in found.values():
        assert any("OHCHR (2023)" in s for s in indicator.sources), indicator.id


def test_first_screening_fake_online_job_in_a_scam_compound_is_high(first: Questionnaire) -> None:
    result = score(
        first,
        {
            "consent": "yes",
            "age": 26,
            "offer_kind": ["online_work"],
            "offer_channel": ["messaging_app"],
            "promise_matched": "different",
            "free_to_leave": "no",
            "leave_payment": "yes",
            "forced_work": "yes",
            "forced_work_kind": ["scams"],
        },
        DAY,
    )
    raised = {r.id for r in result.indicators}
    assert {
        "online_tech_job_scam",
        "deceived_nature_of_job",
        "isolation_confinement",
        "buyout_fee_to_leave",
        "online_forced_fraud",
    } <= raised
    assert result.level == "high"


def test_full_screening_records_compound_targets_and_buy_out(full: Questionnaire) -> None:
    result = score(
        full,
        {
            "consent": "yes",
            "offer_type": ["online_work"],
            "offer_channel": "messaging",
            "recruiter": "online_only",
            "as_promised": "different_work",
            "work_type": ["scams"],
            "work_target": "yes",
            "target_missed": ["hurt", "sold_or_moved"],
            "guarded_place": "yes",
            "pay_to_leave": "yes",
        },
        DAY,
    )
    raised = {r.id for r in result.indicators}
    assert (
        NEW | {"online_forced_fraud", "online_tech_job_scam", "violence_at_destination"} <= raised
    )


def test_a_target_that_was_missed_without_consequence_raises_nothing(full: Questionnaire) -> None:
    result = score(
        full, {"consent": "yes", "work_target": "yes", "target_missed": ["nothing"]}, DAY
    )
    assert result.indicators == ()
