"""The bundled indicator library: counts, coverage and completeness of every language.

These tests guard the content that staff rely on: an indicator with a missing translation or
without a source must not ship, and guides refer to indicator ids, so ids must stay unique.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from free2link_desktop.core.questionnaire.loader import load_indicator_library, validate_file
from free2link_desktop.core.questionnaire.model import IndicatorLibrary
from tests.conftest import REPO_ROOT

LIBRARY = REPO_ROOT / "questionnaires" / "indicators.yaml"
LANGUAGES = ("en", "it", "el", "pl", "fr", "ar", "uk")
DIMENSIONS = (
    "deceptive_recruitment",
    "coercive_recruitment",
    "recruitment_abuse_of_vulnerability",
    "exploitative_conditions",
    "coercion_at_destination",
    "abuse_of_vulnerability_at_destination",
    "digital_control",
)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def library() -> dict:
    """The raw mapping, for checks on the file as authors write it."""
    return _load(LIBRARY)


@pytest.fixture(scope="module")
def loaded() -> IndicatorLibrary:
    """The library as the app reads it, through the engine's loader."""
    return load_indicator_library(LIBRARY)


def test_format_key(library: dict) -> None:
    assert library["format"] == "free2link-indicators/1"


def test_engine_validates_the_file_without_errors_or_warnings() -> None:
    assert [str(problem) for problem in validate_file(LIBRARY)] == []


def test_engine_loads_every_indicator(loaded: IndicatorLibrary, library: dict) -> None:
    assert [i.id for i in loaded.indicators] == [i["id"] for i in library["indicators"]]
    assert loaded.indicator("online_job_offer_too_good").online is True
    assert loaded.dimension("digital_control").title.has("ar")


def test_english_is_source_and_every_translation_is_marked_draft(
    loaded: IndicatorLibrary,
) -> None:
    expected = {lang: "draft" for lang in LANGUAGES}
    expected["en"] = "source"
    assert dict(loaded.languages) == expected


def test_dimensions_are_the_ilo_six_plus_digital_control_in_order(library: dict) -> None:
    assert tuple(d["id"] for d in library["dimensions"]) == DIMENSIONS


def test_at_least_50_indicators_and_20_online(library: dict) -> None:
    indicators = library["indicators"]
    assert len(indicators) >= 50
    assert sum(1 for i in indicators if i["online"] is True) >= 20


def test_ids_are_unique_and_well_formed(library: dict) -> None:
    ids = [i["id"] for i in library["indicators"]]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not ID_PATTERN.match(i)]
    assert bad == []


def test_every_dimension_is_used_and_every_indicator_has_a_known_one(library: dict) -> None:
    used = {i["dimension"] for i in library["indicators"]}
    assert used == set(DIMENSIONS)


def test_fields_have_allowed_values(library: dict) -> None:
    for ind in library["indicators"]:
        assert ind["strength"] in ("strong", "medium", "weak"), ind["id"]
        assert isinstance(ind["online"], bool), ind["id"]


def test_every_strength_is_used(library: dict) -> None:
    assert {i["strength"] for i in library["indicators"]} == {"strong", "medium", "weak"}


def _texts(library: dict) -> list[tuple[str, dict]]:
    texts = [(f"dimension {d['id']} title", d["title"]) for d in library["dimensions"]]
    for ind in library["indicators"]:
        texts.append((f"{ind['id']} title", ind["title"]))
        texts.append((f"{ind['id']} description", ind["description"]))
    return texts


def test_every_text_is_present_in_all_seven_languages(library: dict) -> None:
    missing = [
        f"{where} [{lang}]"
        for where, text in _texts(library)
        for lang in LANGUAGES
        if not isinstance(text.get(lang), str) or not text[lang].strip()
    ]
    assert missing == []


def test_no_unexpected_languages(library: dict) -> None:
    extra = [where for where, text in _texts(library) if set(text) - set(LANGUAGES)]
    assert extra == []


def test_descriptions_are_two_to_four_sentences_in_english(library: dict) -> None:
    for ind in library["indicators"]:
        sentences = re.findall(r"[.!?](?:\s|$)", ind["description"]["en"])
        assert 2 <= len(sentences) <= 4, ind["id"]


def test_every_indicator_has_a_dated_source(library: dict) -> None:
    for ind in library["indicators"]:
        sources = ind["sources"]
        assert isinstance(sources, list) and sources, ind["id"]
        for source in sources:
            assert re.search(r"\((19|20)\d\d\)", source), (ind["id"], source)


def test_arabic_texts_are_written_in_arabic_script(library: dict) -> None:
    for where, text in _texts(library):
        assert re.search(r"[\u0600-\u06ff]", text["ar"]), where


def test_greek_and_ukrainian_texts_use_their_scripts(library: dict) -> None:
    for where, text in _texts(library):
        assert re.search(r"[\u0370-\u03ff]", text["el"]), where
        assert re.search(r"[\u0400-\u04ff]", text["uk"]), where


def test_draft_status_of_translations_is_stated_in_the_file() -> None:
    head = LIBRARY.read_text(encoding="utf-8").split("format:", 1)[0]
    assert "DRAFT translations" in head


def test_docs_list_every_indicator(library: dict) -> None:
    doc = (REPO_ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    missing = [i["id"] for i in library["indicators"] if f"`{i['id']}`" not in doc]
    assert missing == []
