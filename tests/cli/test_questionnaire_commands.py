"""`questionnaire validate|list` and `screening score`, as a script author runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from free2link_desktop.cli import main
from free2link_desktop.cli.context import CliContext
from tests.conftest import REPO_ROOT

DATA = Path(__file__).parent / "data"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(io.StringIO(), out, err, json_output="--json" in argv)
    code = main(list(argv), ctx)
    return code, out.getvalue(), err.getvalue()


def test_validate_ok_with_a_warning() -> None:
    code, out, err = run(
        "questionnaire", "validate", str(DATA / "guide.yaml"), str(DATA / "indicators.yaml")
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{DATA / 'guide.yaml'}:10:15: warning: ")
    assert lines[1] == f"{DATA / 'guide.yaml'}: ok (1 warning)"
    assert lines[2] == f"{DATA / 'indicators.yaml'}: ok"


def test_validate_reports_every_problem_one_per_line(tmp_path: Path) -> None:
    broken = tmp_path / "guide.yaml"
    (tmp_path / "indicators.yaml").write_bytes((DATA / "indicators.yaml").read_bytes())
    text = (DATA / "guide.yaml").read_text(encoding="utf-8")
    text = text.replace("type: yes_no", "type: yesno", 1).replace(
        '"${consent} =', '"${consnt} =', 1
    )
    text = text.replace("selected(${channels}, 'telegram')", "selected(${channels})")
    broken.write_text(text, encoding="utf-8")
    code, out, _err = run("questionnaire", "validate", str(broken))
    assert code == 1
    errors = [line for line in out.splitlines() if "warning" not in line]
    assert len(errors) == 3
    assert all(line.startswith(f"{broken}:") for line in errors)
    assert "unknown type 'yesno'" in errors[0]
    assert "${consnt} refers to a question that does not exist" in errors[1]
    assert "selected() takes 2 arguments, not 1" in errors[2]


def test_validate_json_and_a_missing_file(tmp_path: Path) -> None:
    code, out, _err = run("questionnaire", "validate", str(tmp_path / "nope.yaml"), "--json")
    assert code == 1
    (entry,) = json.loads(out)
    assert entry["ok"] is False and entry["problems"][0]["line"] == 1
    assert "cannot be read" in entry["problems"][0]["message"]


def test_score_json_is_exactly_section_7() -> None:
    code, out, err = run(
        "screening", "score", str(DATA / "guide.yaml"), str(DATA / "answers.json"), "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "questionnaire": "test-screening",
        "version": "1.2.0",
        "assessment": {"level": "high", "label": "High"},
        "indicators": [
            {
                "id": "online_job_offer_too_good",
                "dimension": "recruitment",
                "strength": "medium",
                "questions": ["job_offer_online"],
            },
            {
                "id": "moved_to_encrypted_app",
                "dimension": "recruitment",
                "strength": "weak",
                "questions": ["channels"],
            },
            {
                "id": "no_pay",
                "dimension": "exploitation",
                "strength": "medium",
                "questions": ["paid"],
            },
        ],
        "dimensions": {
            "recruitment": {"strong": 0, "medium": 1, "weak": 1},
            "exploitation": {"strong": 0, "medium": 1, "weak": 0},
            "control": {"strong": 0, "medium": 0, "weak": 0},
        },
        "urgent": True,
        "unanswered_required": [],
    }


def test_score_for_people() -> None:
    code, out, _err = run(
        "screening", "score", str(DATA / "guide.yaml"), str(DATA / "answers.json")
    )
    assert code == 0
    assert "Assessment: high — High" in out
    assert "URGENT: age_years" in out
    assert "no_pay (exploitation, medium)" in out


def test_score_refuses_answers_that_do_not_fit(tmp_path: Path) -> None:
    answers = json.loads((DATA / "answers.json").read_text(encoding="utf-8"))
    answers["answers"].update({"paid": "maybe", "age_years": 130, "ghost": "boo"})
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = run("screening", "score", str(DATA / "guide.yaml"), str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["paid", "age_years", "ghost"]


def test_score_refuses_answers_for_another_questionnaire(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"questionnaire": "other", "interview_date": "2026-01-01", "answers": {}}')
    code, _out, err = run("screening", "score", str(DATA / "guide.yaml"), str(path))
    assert code == 1 and "'other'" in err


def test_score_unknown_questionnaire() -> None:
    code, _out, err = run("screening", "score", "no-such-guide", str(DATA / "answers.json"))
    assert code == 1 and "no-such-guide" in err


def test_list_shows_the_bundled_guides() -> None:
    code, out, _err = run("questionnaire", "list", "--json")
    assert code == 0
    for entry in json.loads(out):
        assert entry["version"] and entry["languages"] and len(entry["sha256"]) == 64


def test_the_installed_command_runs_without_a_workspace(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "FREE2LINK_WORKSPACE": str(tmp_path / "w")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "free2link_desktop",
            "screening",
            "score",
            str(DATA / "guide.yaml"),
            str(DATA / "answers.json"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["assessment"]["level"] == "high"
    assert not (tmp_path / "w").exists()
