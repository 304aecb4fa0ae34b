"""Validation of the three file formats: every problem an author can make, with file and line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from free2link_desktop.core.questionnaire import (
    QuestionnaireError,
    load_directory,
    load_indicator_library,
    load_questionnaire,
    validate_file,
)

DATA = Path(__file__).parent / "data"
PLACE = re.compile(r"^.+\.yaml:\d+(:\d+)?: .+")

HEAD = """\
format: free2link-questionnaire/1
id: t
version: 1.0.0
title: {en: T, it: T}
languages: {en: source, it: draft}
indicators: indicators.yaml
"""
SECTION = """\
sections:
  - id: s
    title: {en: S, it: S}
    questions:
"""
RULES = """\
assessment:
  - {level: none, when: "true()", label: {en: None, it: Nessuno}}
"""


def write(tmp_path: Path, questions: str, head: str = HEAD, rules: str = RULES) -> Path:
    (tmp_path / "indicators.yaml").write_bytes((DATA / "indicators.yaml").read_bytes())
    path = tmp_path / "guide.yaml"
    body = textwrap.indent(textwrap.dedent(questions), "      ")
    path.write_text(head + SECTION + body + rules, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    found = validate_file(path)
    for problem in found:
        assert PLACE.match(str(problem)), str(problem)
        assert str(problem).startswith(str(path)) or "indicators.yaml" in str(problem)
    return [str(p) for p in found if p.is_error]


OK_QUESTION = """\
- id: q
  type: yes_no
  text: {en: Q, it: Q}
"""


def test_the_fixture_guide_is_valid() -> None:
    assert problems(DATA / "guide.yaml") == []
    guide = load_questionnaire(DATA / "guide.yaml")
    assert guide.id == "test-screening" and guide.version == "1.2.0"
    assert [q.id for q in guide.questions][:3] == ["intro", "consent", "in_danger_now"]
    assert guide.question("paid").option_values() == ("yes", "no", "partly")
    assert guide.library.indicator("debt_bondage").strength == "strong"
    assert guide.languages == {"en": "source", "it": "draft"}
    assert len(guide.sha256) == 64
    assert guide.question("consent").text.get("it") == "Sei d'accordo?"
    assert guide.question("consent").text.get("ar") == "Do you agree to talk with us?"


# (questions yaml, line of the problem, a fragment of the message)
CASES = [
    (OK_QUESTION + "  colour: red\n", 14, "Unknown key 'colour'"),
    ("- id: q\n  type: yes_no\n", 11, "has no 'text'"),
    ("- id: q\n  type: slider\n  text: {en: Q, it: Q}\n", 12, "unknown type 'slider'"),
    ("- id: Q1\n  type: yes_no\n  text: {en: Q, it: Q}\n", 11, "not a valid id"),
    (OK_QUESTION + OK_QUESTION, 14, "question id 'q' is used twice"),
    (
        "- id: q\n  type: text\n  text: {en: Q, it: Q}\n  options: [{value: a, label: {en: A}}]\n",
        14,
        "only single and multiple",
    ),
    ("- id: q\n  type: single\n  text: {en: Q, it: Q}\n", 11, "needs 'options'"),
    (
        "- id: q\n  type: text\n  text: {en: Q, it: Q}\n  constraint: '. > 1'\n",
        14,
        "only for integer and date",
    ),
    (
        OK_QUESTION + "  indicators: [{id: nope, when: 'true()'}]\n",
        14,
        "'nope' is not an indicator",
    ),
    (
        OK_QUESTION + "  relevant: \"${other} = 'yes'\"\n",
        14,
        "${other} refers to a question that does not exist",
    ),
    (OK_QUESTION + '  relevant: "frobnicate(1)"\n', 14, "Unknown function 'frobnicate'"),
    (OK_QUESTION + '  relevant: "selected(${q})"\n', 14, "selected() takes 2 arguments, not 1"),
    (OK_QUESTION + '  relevant: "${q} = "\n', 14, "ends too early"),
    (OK_QUESTION + '  relevant: "indicators() > 1"\n', 14, "only be used in assessment rules"),
    (OK_QUESTION + "  relevant: \". = 'yes'\"\n", 14, "only be used in a constraint"),
    (OK_QUESTION + "  required: 'yes'\n", 14, "must be true or false"),
    ("- id: q\n  type: yes_no\n  text: Q\n", 13, "text per language"),
    ("- id: q\n  type: yes_no\n  text: {it: Q}\n", 13, "has no en text (en is source)"),
    ("- id: q\n  type: note\n  text: {en: Q, it: Q}\n  required: true\n", 14, "cannot be required"),
    (
        "- id: q\n  type: single\n  text: {en: Q, it: Q}\n"
        "  options:\n    - {value: a b, label: {en: A}}\n",
        15,
        "one word",
    ),
    ("- id: q\n  type: yes_no\n  audience: everyone\n  text: {en: Q, it: Q}\n", 13, "audience"),
    (OK_QUESTION + "  urgent: \"${q} = 'yes' and\"\n", 14, "ends too early"),
    (
        "- id: n\n  type: integer\n  text: {en: Q, it: Q}\n  constraint: '. >= 0 and x'\n",
        14,
        "'x' is not understood",
    ),
]


@pytest.mark.parametrize(("questions", "line", "fragment"), CASES)
def test_problems_in_questions(tmp_path: Path, questions: str, line: int, fragment: str) -> None:
    path = write(tmp_path, questions)
    found = problems(path)
    matching = [p for p in found if fragment in p]
    assert matching, found
    assert matching[0].startswith(f"{path}:{line}:"), matching
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert caught.value.file == str(path) or "indicators" in caught.value.file
    assert caught.value.line >= 1


def test_expression_errors_point_at_the_column(tmp_path: Path) -> None:
    path = write(tmp_path, OK_QUESTION + "  relevant: \"${q} = 'yes' and ${nope} = 1\"\n")
    (problem,) = problems(path)
    # the line is indented 8 spaces: the quote is at column 19, the text starts at 20, and
    # ${nope} is 17 characters into the text
    assert problem.startswith(f"{path}:14:37:"), problem


def test_missing_draft_text_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: q\n  type: yes_no\n  text: {en: Q}\n")
    found = validate_file(path)
    assert [p.is_error for p in found] == [False]
    assert "warning:" in str(found[0]) and "has no it text (draft language)" in str(found[0])
    load_questionnaire(path)  # warnings do not stop loading


def test_reviewed_language_missing_is_an_error(tmp_path: Path) -> None:
    head = HEAD.replace("it: draft", "it: reviewed")
    path = write(tmp_path, "- id: q\n  type: yes_no\n  text: {en: Q}\n", head=head)
    assert any("has no it text (it is reviewed)" in p for p in problems(path))


def test_language_status_must_be_known(tmp_path: Path) -> None:
    path = write(tmp_path, OK_QUESTION, head=HEAD.replace("it: draft", "it: final"))
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:5:") and "source, draft or reviewed" in problem


def test_assessment_names_must_exist(tmp_path: Path) -> None:
    rules = (
        "assessment:\n"
        "  - {level: high, when: \"strong('nowhere') > 0\", label: {en: H, it: H}}\n"
        "  - {level: mid, when: \"indicator('nope')\", label: {en: M, it: M}}\n"
        '  - {level: low, when: "strong(${q})", label: {en: L, it: L}}\n'
    )
    path = write(tmp_path, OK_QUESTION, rules=rules)
    found = problems(path)
    assert len(found) == 3
    assert "'nowhere' is not a dimension" in found[0] and f"{path}:15:" in found[0]
    assert "'nope' is not an indicator" in found[1] and f"{path}:16:" in found[1]
    assert "needs a name in quotes" in found[2]


def test_top_level_problems(tmp_path: Path) -> None:
    head = HEAD.replace("id: t\n", "id: T T\n").replace("version: 1.0.0\n", "")
    path = write(tmp_path, OK_QUESTION, head=head + "extra: 1\n")
    found = problems(path)
    assert any("has no 'version'" in p for p in found)
    assert any("Unknown key 'extra'" in p and f"{path}:6:" in p for p in found)
    assert any("'T T' is not a valid id" in p and f"{path}:2:" in p for p in found)


def test_missing_library_file(tmp_path: Path) -> None:
    path = write(tmp_path, OK_QUESTION, head=HEAD.replace("indicators.yaml", "gone.yaml"))
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:6:") and "'gone.yaml' does not exist" in problem


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("format: free2link-questionnaire/1\nid: [unclosed\n", 3, "not valid YAML"),
        ("", 1, "empty"),
        ("- a list\n", 1, "must be a mapping"),
        ("format: something/2\n", 1, "'format' must be"),
        ("format: free2link-questionnaire/1\nid: a\nid: b\n", 3, "appears twice"),
        ("format: free2link-indicators/1\ndimensions: {}\nindicators: []\n", 2, "must be a list"),
        (
            "format: free2link-directory/1\norganisations: " + "[" * 100 + "]" * 100,
            2,
            "nested too deeply",
        ),
        ("format: free2link-directory/1\norganisations: &x [*x]\n", 2, "Anchors (&name)"),
        (
            "format: free2link-directory/1\norganisations: !!python/object:os.system {}\n",
            2,
            "must be a list",
        ),
        (
            "format: free2link-directory/1\norganisations: !!python/name:os.system ''\n",
            2,
            "cannot be read",
        ),
    ],
)
def test_broken_files(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in validate_file(path)]
    assert any(p.startswith(f"{path}:{line}") and fragment in p for p in found), found


def test_nesting_beyond_the_parser_limit_is_refused_with_a_place(tmp_path: Path) -> None:
    """Deeper than the YAML parser itself allows: whichever of us stops first, the author gets
    the file and line and no traceback (the parser's own wording is not ours to test)."""
    path = tmp_path / "deep.yaml"
    path.write_text(
        "format: free2link-directory/1\norganisations: " + "[" * 5000 + "]" * 5000,
        encoding="utf-8",
    )
    (problem,) = validate_file(path)
    assert problem.is_error and str(problem).startswith(f"{path}:2")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    (problem,) = validate_file(path)
    assert str(problem).startswith(f"{path}:1") and "not UTF-8" in str(problem)


def test_library_problems(tmp_path: Path) -> None:
    path = tmp_path / "lib.yaml"
    path.write_text(
        textwrap.dedent("""\
        format: free2link-indicators/1
        dimensions:
          - {id: rec, title: {en: R}}
          - {id: rec, title: {en: R}}
        indicators:
          - id: a
            dimension: nowhere
            strength: huge
            online: maybe
            title: {en: A}
            description: {en: A}
            sources: []
          - id: a
            dimension: rec
            strength: weak
            title: {en: A}
            description: {en: A}
            sources: [x]
        """),
        encoding="utf-8",
    )
    found = [str(p) for p in validate_file(path)]
    expected = [
        (4, "dimension id 'rec' is used twice"),
        (7, "'nowhere' is not a dimension"),
        (8, "strength must be strong, medium or weak"),
        (9, "must be true or false"),
        (12, "at least one source"),
        (13, "indicator id 'a' is used twice"),
    ]
    for line, fragment in expected:
        assert any(f"{path}:{line}:" in p and fragment in p for p in found), (line, found)
    with pytest.raises(QuestionnaireError):
        load_indicator_library(path)
    assert load_indicator_library(DATA / "indicators.yaml").dimension("control").title.get("it")


def test_yaml_booleans_keep_what_the_author_wrote(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- id: q\n  type: single\n  text: {en: Q, it: Q}\n  options:\n"
        "    - {value: yes, label: {en: Yes, it: Sì}}\n"
        "    - {value: no, label: {en: No, it: No}}\n",
        head=HEAD.replace("it: draft", "it: draft, no: draft"),
    )
    guide = load_questionnaire(path)
    assert guide.question("q").option_values() == ("yes", "no")
    assert guide.question("q").options[0].label.get("en") == "Yes"
    assert "no" in guide.languages


def test_directory(tmp_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_text(
        textwrap.dedent("""\
        format: free2link-directory/1
        organisations:
          - id: it-helpline
            country: IT
            name: {en: Anti-trafficking helpline, it: Numero Verde Antitratta}
            services: [helpline, {en: referral, it: invio}]
            languages: [it, en]
            phone: 800 290 290
            source: Dipartimento Pari Opportunità
            verified: 2025-01-31
          - id: gr-112
            country: gr
            name: Emergency
            source: x
            verified: 31/01/2025
        """),
        encoding="utf-8",
    )
    found = [str(p) for p in validate_file(path)]
    assert any(f"{path}:12:" in p and "ISO 3166" in p for p in found), found
    assert any(f"{path}:15:" in p and "YYYY-MM-DD" in p for p in found), found
    text = (
        path.read_text().replace("country: gr", "country: GR").replace("31/01/2025", "2025-01-31")
    )
    path.write_text(text)
    directory = load_directory(path)
    assert directory.countries == ("IT", "GR")
    helpline = directory.organisation("it-helpline")
    assert helpline.phone == ("800 290 290",)
    assert helpline.services[1].get("it") == "invio"
    assert helpline.verified is not None and helpline.verified.year == 2025


def test_a_guide_loads_again_from_its_stored_bytes() -> None:
    from free2link_desktop.core.questionnaire import load_questionnaire_bytes

    guide = load_questionnaire(DATA / "guide.yaml")
    copy = load_questionnaire_bytes(guide.source, guide.library.source, name="stored.yaml")
    assert copy.sha256 == guide.sha256 and copy.library.sha256 == guide.library.sha256
    assert copy.questions == guide.questions and copy.path is None
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire_bytes(guide.source.replace(b"type: note", b"type: nope"), b"")
    assert caught.value.file in {"stored.yaml", "questionnaire.yaml", "indicators.yaml"}


def test_every_problem_names_file_line_and_column(tmp_path: Path) -> None:
    """All the broken questions above in one file: each problem says where it is."""
    path = write(tmp_path, "".join(case[0].replace("id: q\n", "id: q{n}\n") for case in CASES))
    text = path.read_text(encoding="utf-8")
    for n in range(len(CASES)):
        text = text.replace("id: q{n}\n", f"id: q{n}\n", 1)
    path.write_text(text, encoding="utf-8")
    found = validate_file(path)
    assert len([p for p in found if p.is_error]) >= len(CASES) - 3
    for problem in found:
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", str(problem)), str(problem)
        assert 1 <= problem.line <= text.count("\n") + 1


def test_a_last_rule_that_can_fail_is_a_warning(tmp_path: Path) -> None:
    rules = 'assessment:\n  - {level: low, when: "indicators() > 0", label: {en: L, it: L}}\n'
    path = write(tmp_path, OK_QUESTION, rules=rules)
    (warning,) = validate_file(path)
    assert not warning.is_error and 'when: "true()"' in str(warning)
