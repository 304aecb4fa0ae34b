"""Shaping, wrapping and per-line reordering, checked without a PDF."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from free2link_desktop.reports import text as script
from free2link_desktop.reports.fonts import ARABIC, SANS, SANS_BOLD, register_fonts
from tests.reports import samples

register_fonts()


def test_direction_comes_from_the_first_strong_character() -> None:
    assert script.base_direction("2023 قالت Facebook") == "rtl"
    assert script.base_direction("Facebook قالت") == "ltr"
    assert script.base_direction("Η συνέντευξη") == "ltr"
    assert script.base_direction("123 ...", default="rtl") == "rtl"


def test_arabic_is_shaped_with_joined_forms_and_lam_alef() -> None:
    shaped = script.shape("لا أحد")
    assert shaped[0] == "\ufefb"  # ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
    assert all(0xFE70 <= ord(ch) <= 0xFEFF or ch == " " for ch in shaped)
    assert script.shape("Hello") == "Hello"


def test_runs_pick_the_font_by_script() -> None:
    runs = script.font_runs(script.shape("قالت Facebook 2023 عام"))
    fonts = [font for _text, font in runs]
    assert fonts[0] == ARABIC and SANS in fonts
    latin = [text for text, font in runs if font == SANS]
    assert any("Facebook" in text for text in latin)
    assert script.font_runs("Ελληνικά", bold=True) == [("Ελληνικά", SANS_BOLD)]


def test_wrapped_arabic_keeps_word_order_per_line() -> None:
    lines = script.wrap_logical(samples.ARABIC_NOTE, 200, 10)
    assert len(lines) > 2
    assert all(script.text_width(line, 10) <= 200 for line in lines)
    words = [w for line in lines for w in line.split()]
    assert words == script.shape(samples.ARABIC_NOTE).split()
    for line in lines:
        visual = script.to_visual(line, rtl=True)
        # the first word of the logical line is drawn rightmost (Arabic letters reversed
        # for left-to-right drawing, digits not)
        first = line.split()[0].strip(".،")
        expected = first[::-1] if script.has_arabic(first) else first
        assert visual.split()[-1].strip(".،") == expected
        # numbers and Latin words are not mirrored
        for token in ("Facebook", "2023", "1500", "WhatsApp"):
            if token in line:
                assert token in visual


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["قالت", "Facebook", "2023", "Ελληνικά", "работу", "لا", "x" * 40]),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=40, max_value=400),
)
def test_wrapping_loses_nothing_and_respects_the_width(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = script.wrap_logical(text, width, 9)
    assert "".join("".join(line.split()) for line in lines) == "".join(script.shape(text).split())
    for line in lines:
        assert script.text_width(line, 9) <= width + 0.01 or len(line) == 1


def test_control_characters_and_hard_breaks() -> None:
    lines = script.wrap_logical("one\x07 two\n\nthree", 500, 10)
    assert lines == ("one two", "", "three")
    assert all(unicodedata.category(ch) != "Cc" for line in lines for ch in line)
