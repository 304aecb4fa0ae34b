"""The complete example in docs/questionnaire-format.md is valid and scores as the page says."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from free2link_desktop.core.questionnaire import (
    load_questionnaire,
    parse_answers_document,
    score,
    validate_file,
)
from tests.conftest import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")


def _block_after(marker: str, language: str) -> str:
    start = DOC.index(marker)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(DOC, start)
    assert match is not None
    return match.group(1)


def test_the_documented_example_is_valid_and_scores_as_shown(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text(
        _block_after("`indicators.yaml`:", "yaml"), encoding="utf-8"
    )
    guide_path = tmp_path / "example-screening.yaml"
    guide_path.write_text(_block_after("`example-screening.yaml`:", "yaml"), encoding="utf-8")
    problems = validate_file(guide_path) + validate_file(tmp_path / "indicators.yaml")
    assert [str(p) for p in problems if p.is_error] == []
    guide = load_questionnaire(guide_path)
    answers = parse_answers_document(json.loads(_block_after("## Trying a guide", "json")))
    result = score(guide, answers.answers, answers.interview_date)
    shown = json.loads(_block_after("then run `free2link screening score", "json"))
    assert result.to_json() == shown
    assert answers.interview_date == date(2025, 3, 1)


def test_the_documented_directory_entry_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_text(_block_after("## Referral directory", "yaml"), encoding="utf-8")
    assert [str(p) for p in validate_file(path)] == []
