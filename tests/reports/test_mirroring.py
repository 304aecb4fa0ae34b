"""Brackets, quotes and comparison signs inside right-to-left text are drawn mirrored (bidi L4).

The expected strings are visual order, drawn left to right: a reader of Arabic starts at the
right end, so "(ابحرم)" is a correctly bracketed word and ")ابحرم(" is not.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from free2link_desktop.reports import mirroring
from free2link_desktop.reports import text as script


def test_brackets_around_arabic_words_face_their_content() -> None:
    assert script.to_visual("قال (مرحبا) لي", True) == "يل (ابحرم) لاق"
    assert script.to_visual("نص [مهم] هنا", True) == "انه [مهم] صن"


def test_guillemets_around_a_latin_name_inside_arabic() -> None:
    assert "«lover boy»" in script.to_visual("بأسلوب «lover boy» عبر", True)


def test_less_than_inside_arabic_keeps_its_meaning() -> None:
    # "fewer than 5": read from the right, the sign opens towards the 5
    assert script.to_visual("أقل من <5", True) == "5> نم لقأ"


def test_a_left_to_right_line_with_an_arabic_word_in_brackets_is_unchanged_around_it() -> None:
    assert script.to_visual("see (بيت) here", False) == "see (تيب) here"


def test_a_line_without_mirrored_characters_is_only_reordered() -> None:
    # the number follows the Latin word, so it joins its left-to-right run
    assert mirroring.display("مرحبا Facebook 2023", "R") == "Facebook 2023 ابحرم"


ARABIC_OR_BRACKET = st.sampled_from(list("بتثجحخ ()[]{}«»<>"))


@given(st.text(ARABIC_OR_BRACKET, min_size=1, max_size=30).map(str.strip).filter(bool))
def test_pure_right_to_left_text_is_reversed_with_every_mirrored_character_mirrored(
    line: str,
) -> None:
    expected = "".join(mirroring.MIRRORED.get(char, char) for char in reversed(line))
    assert mirroring.display(line, "R") == expected
