"""Typed and pasted text: one-line fields, free text, answers and numbers (core rules shared by
the GUI and the command line)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire import (
    AnswerRefused,
    load_questionnaire,
    read_answers_document,
    validate_answer,
)
from free2link_desktop.core.text import (
    MAX_FREE_TEXT,
    Label,
    check_free_text,
    check_single_line,
    shown,
    shown_multiline,
)
from free2link_desktop.i18n import N_, set_language

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires"


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("Tern\nXX-2026-0001", "U+000A"),
        ("Tern\tclosed", "U+0009"),
        ("Tern\r", "U+000D"),
        ("Tern\x1b[2J", "U+001B"),
        ("Tern\x00", "U+0000"),
        ("Tern\x85", "U+0085"),
        ("Tern\u2028x", "U+2028"),
        ("Tern\u202eesolc", "U+202E"),
        ("Tern\u2066x\u2069", "U+2066"),
    ],
)
def test_a_one_line_field_refuses_what_forges_lines_or_order(text: str, char: str) -> None:
    with pytest.raises(InputRefused) as caught:
        check_single_line(text, N_("The alias"))
    assert str(caught.value) == (
        f"The alias must be one line without control characters ({char} at position 5)."
    )


@pytest.mark.parametrize(
    "text",
    ["Tern", "Ünal-Çelik", "نور", "نور\u200f (Nur)", "Anna Maria", "O'Brien & Co", "ok\u00a0x"],
)
def test_ordinary_names_in_any_script_pass(text: str) -> None:
    assert check_single_line(text, N_("The alias")) == text


def test_a_lone_surrogate_is_not_text() -> None:
    with pytest.raises(InputRefused, match=r"The alias is not valid text .*position 4"):
        check_single_line("bad\udcffname", N_("The alias"))


def test_the_field_name_is_translated_when_the_message_is_shown() -> None:
    """`what` is kept untranslated in the error and put into the current language when shown."""
    label = Label(N_("Consent"))  # a name the catalogs already translate
    try:
        set_language("it")
        italian = f"{label}"
    finally:
        set_language("en")
    assert italian not in ("", "Consent")
    assert f"{label}" == "Consent"


def test_free_text_keeps_lines_and_tabs_but_not_other_controls() -> None:
    assert check_free_text("line one\n\tline two\r\n", N_("The note")) == "line one\n\tline two\r\n"
    with pytest.raises(InputRefused, match=r"The note contains a control character \(U\+001B"):
        check_free_text("a\x1b[2Jb", N_("The note"))
    with pytest.raises(InputRefused, match=r"The note is too long \(200001 characters; at most"):
        check_free_text("x" * (MAX_FREE_TEXT + 1), N_("The note"))


def test_shown_writes_stored_controls_as_visible_escapes() -> None:
    assert shown("Tern\tclosed\nXX-1\x1b[0m\u202eX\udcff") == (
        "Tern\\tclosed\\nXX-1\\x1b[0m\\u202eX\\udcff"
    )
    assert shown("نور Ünal") == "نور Ünal"
    assert shown_multiline("a\r\nb\tc\rd\x07") == "a\nb\tc\\rd\\x07"


# -- answers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide():
    return load_questionnaire(DATA / "guide.yaml")


@pytest.fixture(scope="module")
def first_screening():
    return load_questionnaire(BUNDLED / "first-screening.yaml")


@pytest.mark.parametrize("value", [10**15, -(10**15), 10**4000, 1e300, 1e16])
def test_an_integer_answer_beyond_15_digits_is_refused(guide, value) -> None:
    question = guide.question("debt")
    with pytest.raises(AnswerRefused, match="debt: The number is too large"):
        validate_answer(question, value, today=date(2026, 1, 1))


def test_the_largest_integer_answer_is_kept(guide) -> None:
    assert validate_answer(guide.question("debt"), 10**15 - 1) == 10**15 - 1


def test_a_free_text_answer_is_capped_like_a_note(first_screening) -> None:
    question = first_screening.question("obs_notes")
    assert validate_answer(question, "x" * MAX_FREE_TEXT) == "x" * MAX_FREE_TEXT
    with pytest.raises(AnswerRefused) as caught:
        validate_answer(question, "x" * 30_000_000)
    assert caught.value.message() == (
        "obs_notes: The answer is too long (30000000 characters; at most 200000)."
    )


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("a\udcffb", "is not valid text"), ("a\x00b", "control character (U+0000")],
)
def test_a_free_text_answer_must_be_text(first_screening, value: str, fragment: str) -> None:
    with pytest.raises(AnswerRefused, match=r"obs_notes: The answer") as caught:
        validate_answer(first_screening.question("obs_notes"), value)
    assert fragment in caught.value.message()


@pytest.mark.parametrize(
    ("number", "shown_as"),
    [
        ("9" * 100_000, "99999999999999999999…"),
        ("-1234567890123456", "-1234567890123456"),
        ("1e999", "1e999"),
        ("-1E400", "-1E400"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("-Infinity", "-Infinity"),
    ],
)
def test_an_answers_file_with_an_impossible_number_is_refused(
    tmp_path: Path, number: str, shown_as: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        '{"questionnaire": "q", "interview_date": "2026-01-01", "answers": {"age": '
        + number
        + "}}",
        encoding="utf-8",
    )
    with pytest.raises(InputRefused) as caught:
        read_answers_document(path)
    assert str(caught.value) == (
        f"{path}: the number {shown_as} cannot be an answer (at most 15 digits)."
    )


def test_an_answers_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b'{"questionnaire": "caf\xe9"}')
    with pytest.raises(InputRefused, match=r"answers.json: this is not UTF-8 text \(byte 22\)"):
        read_answers_document(path)


def test_ordinary_numbers_still_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    data = {"questionnaire": "q", "interview_date": "2026-01-01", "answers": {"a": 42, "b": 2.0}}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_answers_document(path).answers == {"a": 42, "b": 2.0}
