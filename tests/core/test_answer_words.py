"""The yes/no answers shown in the person's language cover every language of the bundled guides."""

from __future__ import annotations

from pathlib import Path

from free2link_desktop.core.questionnaire import load_questionnaire
from free2link_desktop.core.questionnaire.answer_words import (
    YES_NO_KEYS,
    YES_NO_VALUES,
    answer_languages,
    answer_word,
)

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"


def test_every_bundled_guide_language_has_the_four_answers() -> None:
    for name in ("first-screening.yaml", "full-screening.yaml"):
        guide = load_questionnaire(QUESTIONNAIRES / name)
        assert set(guide.languages) <= answer_languages(), name


def test_one_letter_per_answer_and_no_words_for_an_unknown_language() -> None:
    assert [YES_NO_KEYS[v] for v in YES_NO_VALUES] == ["Y", "N", "D", "P"]
    assert answer_word("yes", "ar") == "نعم"
    assert answer_word("yes", "xx") == ""
    assert answer_word("maybe", "en") == ""
