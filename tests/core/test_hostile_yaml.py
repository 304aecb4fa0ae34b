"""YAML built to hurt: anchors and aliases (billion laughs) and oversized files are refused
quickly, as `file:line: what is wrong`, by every loader (guides, libraries, directories)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from free2link_desktop.core.questionnaire import (
    QuestionnaireError,
    load_directory,
    load_indicator_library,
    load_questionnaire,
    load_questionnaire_bytes,
    validate_file,
)

DATA = Path(__file__).parent / "data"
#: The documented limit (docs/questionnaire-format.md): 4 MB.
MAX_FILE_BYTES = 4 * 1024 * 1024


def billion_laughs(head: str, key: str) -> str:
    """Ten levels of nine aliases each: 10^9 strings once expanded, 1 kB as written."""
    lines = [head, 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    lines.append(f"{key}: *a9")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("head", "key", "load"),
    [
        ("format: free2link-directory/1", "organisations", load_directory),
        ("format: free2link-indicators/1", "indicators", load_indicator_library),
        ("format: free2link-questionnaire/1", "sections", load_questionnaire),
    ],
)
def test_billion_laughs_is_refused_at_its_first_anchor_in_well_under_a_second(
    tmp_path: Path, head: str, key: str, load: object
) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs(head, key), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(QuestionnaireError) as caught:
        load(path)  # type: ignore[operator]
    assert time.perf_counter() - started < 0.5
    assert str(caught.value).startswith(f"{path}:2:5: ")
    assert "Anchors (&name) and aliases (*name) are not allowed" in str(caught.value)
    (problem,) = validate_file(path)
    assert (problem.line, problem.col) == (2, 5)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("format: free2link-directory/1\norganisations: []\nx: &keep 1\n", 3, 4),
        ("format: free2link-directory/1\na: 1\norganisations:\n  - *a\n", 4, 5),
        ("format: free2link-directory/1\norganisations: [ &a {}, *a ]\n", 2, 18),
        ("&root format: free2link-directory/1\n", 1, 1),
        ("format: free2link-directory/1\no: {k: &a 1}\n", 2, 8),
    ],
)
def test_every_anchor_or_alias_is_named_where_it_is_written(
    tmp_path: Path, text: str, line: int, col: int
) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in validate_file(path)]
    assert problems[0].startswith(f"{path}:{line}:"), problems
    assert "aliases (*name)" in problems[0]


def test_text_with_ampersands_and_stars_still_loads(tmp_path: Path) -> None:
    """'Q & A', '*important*' and 'R&D' in texts are no anchors."""
    (tmp_path / "indicators.yaml").write_bytes((DATA / "indicators.yaml").read_bytes())
    text = (DATA / "guide.yaml").read_text(encoding="utf-8")
    text = text.replace("title: {en: ", "title: {en: Q & A *important* R&D - &x ", 1)
    path = tmp_path / "guide.yaml"
    path.write_text(text, encoding="utf-8")
    guide = load_questionnaire(path)
    assert guide.title.get("en").startswith("Q & A *important* R&D - &x ")


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"format: free2link-directory/1\norganisations:\n" + b"#" * MAX_FILE_BYTES)
    started = time.perf_counter()
    with pytest.raises(QuestionnaireError) as caught:
        load_directory(path)
    assert time.perf_counter() - started < 0.5
    assert str(caught.value) == f"{path}:1: The file is too large (more than 4 MB)."


def test_oversized_stored_bytes_are_refused_too() -> None:
    library = (DATA / "indicators.yaml").read_bytes()
    with pytest.raises(QuestionnaireError, match="too large"):
        load_questionnaire_bytes(b"#" * (MAX_FILE_BYTES + 1), library, name="kept.yaml")


def test_a_folder_given_as_a_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (problem,) = validate_file(tmp_path)
    assert str(problem).startswith(f"{tmp_path}:1: The file cannot be read")


@pytest.mark.parametrize("ref", ["a" * 5000, "/dev/zero", "."])
def test_an_impossible_library_path_is_a_problem_at_its_line(tmp_path: Path, ref: str) -> None:
    text = (DATA / "guide.yaml").read_text(encoding="utf-8")
    path = tmp_path / "guide.yaml"
    path.write_text(text.replace("indicators: indicators.yaml", f"indicators: {ref}"), "utf-8")
    problems = [str(p) for p in validate_file(path) if p.is_error]
    assert problems[0].startswith(f"{path}:"), problems
    assert f"The indicator library '{ref}' does not exist." in problems[0]
