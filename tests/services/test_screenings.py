"""Screenings stored in the workspace: answers saved one by one, scored with their version."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from free2link_desktop.core.errors import InputRefused, PermissionDenied
from free2link_desktop.core.questionnaire import parse_answers_document
from tests.conftest import ADMIN, PASSWORD, run_free2link

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "data"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(FIXTURES, folder)
    return folder / "guide.yaml"


def test_answers_are_saved_as_given_and_scored(admin_session, guide: Path):
    code = admin_session.cases.create("Tern").code
    record = admin_session.screenings.start(code, guide, "it")
    assert record.status == "in_progress" and record.interviewee_language == "it"
    service = admin_session.screenings
    service.save_answer(record.id, "consent", "yes")
    service.save_answer(record.id, "job_offer_online", "yes")
    service.save_answer(record.id, "paid", "no")
    assert service.answers(record.id) == {"consent": "yes", "job_offer_online": "yes", "paid": "no"}
    assert service.get(record.id).current_question == "paid"
    result = service.finish(record.id)
    assert result.level == "medium"  # two indicators, neither strong: the fixture's middle rule
    assert {r.indicator.id for r in result.indicators} == {"online_job_offer_too_good", "no_pay"}
    stored = service.list_for_case(code)[0]
    assert stored.status == "completed" and stored.level == "medium"
    assert admin_session.cases.list_page(0, 5)[0].latest_level == "medium"
    with pytest.raises(InputRefused, match="finished"):
        service.save_answer(record.id, "debt", 5)


def test_a_bad_answer_is_refused_naming_the_question_and_nothing_is_saved(admin_session, guide):
    code = admin_session.cases.create("Tern").code
    record = admin_session.screenings.start(code, guide, "en")
    with pytest.raises(InputRefused, match="age_years"):
        admin_session.screenings.save_answer(record.id, "age_years", 300)
    with pytest.raises(InputRefused, match="paid"):
        admin_session.screenings.save_answer(record.id, "paid", "maybe")
    with pytest.raises(InputRefused, match="nonexistent"):
        admin_session.screenings.save_answer(record.id, "nonexistent", "yes")
    assert admin_session.screenings.answers(record.id) == {}


def test_a_screening_keeps_its_guide_after_the_file_is_gone(admin_session, guide: Path):
    code = admin_session.cases.create("Tern").code
    record = admin_session.screenings.start(code, guide, "en")
    admin_session.screenings.save_answer(record.id, "consent", "yes")
    admin_session.screenings.pause(record.id)
    shutil.rmtree(guide.parent)
    admin_session.screenings._guides.clear()
    resumed = admin_session.screenings.get(record.id)
    assert resumed.status == "paused"
    guide_copy = admin_session.screenings.questionnaire_for(resumed)
    assert guide_copy.id == "test-screening" and guide_copy.version == "1.2.0"
    admin_session.screenings.save_answer(record.id, "in_danger_now", "yes")
    assert admin_session.screenings.result(record.id).urgent


def test_interviewer_may_run_but_caseworker_may_not(admin_session, guide: Path):
    code = admin_session.cases.create("Tern").code
    admin_session.users.add("cw", "caseworker", "caseworker pw 1")
    admin_session.lock()
    session = admin_session.workspace.unlock("cw", "caseworker pw 1")
    from free2link_desktop.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        session.screenings.start(code, guide, "en")
    session.lock()


def test_import_stores_a_completed_screening(admin_session, guide: Path):
    code = admin_session.cases.create("Tern").code
    document = parse_answers_document(
        {
            "questionnaire": "test-screening",
            "version": "1.2.0",
            "interview_date": "2026-11-20",
            "answers": {
                "consent": "yes",
                "job_offer_online": "yes",
                "paid": "partly",
                "channels": ["telegram"],
                "debt": 5000,
            },
        }
    )
    record, result = admin_session.screenings.import_answers(code, guide, document)
    assert record.status == "completed"
    assert admin_session.screenings.answers(record.id)["channels"] == ("telegram",)
    assert result.to_json()["assessment"]["level"] == "high"


def _cli_workspace_with_a_case(ws: Path) -> tuple[Any, str, str]:
    """A workspace made through the command line, with one case: (run, password, code)."""
    pw = "cli test password"

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return run_free2link(ws, *args, stdin=stdin)

    assert run("init", "--user", "ana", stdin=f"{pw}\n{pw}\n").returncode == 0
    code = run("--user", "ana", "case", "add", "--alias", "T", stdin=f"{pw}\n").stdout.strip()
    return run, pw, code


def test_screening_import_command(tmp_path: Path, guide: Path):
    run, pw, code = _cli_workspace_with_a_case(tmp_path / "ws")
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "questionnaire": "test-screening",
                "version": "1.2.0",
                "interview_date": "2026-11-20",
                "answers": {"consent": "yes", "debt": 2000},
            }
        )
    )
    done = run(
        "--user",
        "ana",
        "screening",
        "import",
        code,
        str(guide),
        str(answers),
        "--json",
        stdin=f"{pw}\n",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["indicators"][0]["id"] == "debt_bondage"
    answers.write_text(
        json.dumps(
            {
                "questionnaire": "test-screening",
                "version": "1.2.0",
                "interview_date": "2026-11-20",
                "answers": {"consent": "perhaps", "ghost": "yes"},
            }
        )
    )
    refused = run(
        "--user", "ana", "screening", "import", code, str(guide), str(answers), stdin=f"{pw}\n"
    )
    assert refused.returncode == 1
    assert "consent" in refused.stderr and "ghost" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_questionnaire_list_shows_versions_kept_in_the_workspace(tmp_path: Path, guide: Path):
    run, pw, code = _cli_workspace_with_a_case(tmp_path / "ws")
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "questionnaire": "test-screening",
                "version": "1.2.0",
                "interview_date": "2026-11-20",
                "answers": {},
            }
        )
    )
    assert (
        run(
            "--user", "ana", "screening", "import", code, str(guide), str(answers), stdin=f"{pw}\n"
        ).returncode
        == 0
    )
    plain = json.loads(run("questionnaire", "list", "--json").stdout)
    assert {g["source"] for g in plain} == {"bundled"}
    listed = json.loads(
        run("--user", "ana", "questionnaire", "list", "--json", stdin=f"{pw}\n").stdout
    )
    kept = [g for g in listed if g["source"] == "workspace"]
    assert [(g["id"], g["version"]) for g in kept] == [("test-screening", "1.2.0")]


def test_a_stopped_screening_is_reopened_only_by_a_coordinator_and_then_resumes(
    admin_session, guide: Path
):
    code = admin_session.cases.create("Tern").code
    record = admin_session.screenings.start(code, guide, "en")
    admin_session.screenings.save_answer(record.id, "consent", "yes")
    admin_session.screenings.stop(record.id)
    with pytest.raises(InputRefused, match="finished"):
        admin_session.screenings.save_answer(record.id, "paid", "no")

    admin_session.users.add("ines", "interviewer", "their password 1")
    admin_session.users.add("cora", "coordinator", "their password 1")
    admin_session.lock()
    interviewer = admin_session.workspace.unlock("ines", "their password 1")
    try:
        with pytest.raises(PermissionDenied, match="reopen stopped screenings"):
            interviewer.screenings.reopen(record.id)
    finally:
        interviewer.lock()
    coordinator = admin_session.workspace.unlock("cora", "their password 1")
    try:
        coordinator.screenings.reopen(record.id)
        assert coordinator.screenings.get(record.id).status == "paused"
        coordinator.screenings.save_answer(record.id, "paid", "no")
        assert coordinator.screenings.answers(record.id) == {"consent": "yes", "paid": "no"}
        coordinator.screenings.finish(record.id)
        with pytest.raises(InputRefused, match="not stopped"):
            coordinator.screenings.reopen(record.id)  # a completed result stays completed
        actions = [entry.action for entry in coordinator.audit.entries()]
        assert "screening.reopen" in actions
    finally:
        coordinator.lock()


def test_screening_reopen_on_the_command_line(admin_session, workspace_dir: Path, guide: Path):
    code = admin_session.cases.create("Tern").code
    record = admin_session.screenings.start(code, guide, "en")
    admin_session.screenings.stop(record.id)
    admin_session.lock()
    admin_session.workspace.close()
    args = ("screening", "reopen", str(record.id), "--user", ADMIN)
    done = run_free2link(workspace_dir, *args, stdin=f"{PASSWORD}\n")
    assert done.returncode == 0, done.stderr
    assert f"Screening {record.id} is reopened" in done.stdout
    again = run_free2link(workspace_dir, *args, stdin=f"{PASSWORD}\n")
    assert again.returncode == 1 and "not stopped" in again.stderr
    assert "Traceback" not in again.stderr
