"""Statistics: suppression as a pure function, then the CSV and the PDF as a reader sees them."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from free2link_desktop.reports.statistics import (
    SUPPRESSED,
    IndicatorInfo,
    ScreeningFacts,
    StatisticsData,
    aggregate,
    statistics_csv,
    suppress,
)
from free2link_desktop.reports.statistics_pdf import statistics_pdf
from tests.reports import samples
from tests.reports.pdfcheck import fonts_without_embedding, pdftotext


def test_counts_under_five_are_hidden() -> None:
    assert suppress({"a": 0, "b": 4, "c": 5, "d": 12}) == {"a": None, "b": None, "c": 5, "d": 12}


def test_a_single_hidden_cell_gets_a_complement_when_a_total_is_published() -> None:
    counts = {"high": 3, "medium": 20, "none": 9}
    assert suppress(counts) == {"high": None, "medium": 20, "none": 9}
    # with the total (32) published, 32 - 20 - 9 would give "high" away: hide "none" too
    assert suppress(counts, total_published=True) == {"high": None, "medium": 20, "none": None}
    # two hidden cells already protect each other
    assert suppress({"a": 1, "b": 2, "c": 30}, total_published=True) == {
        "a": None,
        "b": None,
        "c": 30,
    }


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 40), max_size=8))
def test_suppression_never_shows_a_small_count_and_never_a_lone_hidden_cell(
    counts: dict[str, int],
) -> None:
    result = suppress(counts, total_published=True)
    assert set(result) == set(counts)
    for key, value in result.items():
        assert value is None or (value == counts[key] and value >= 5)
    hidden = [key for key, value in result.items() if value is None]
    assert len(hidden) != 1 or len(counts) == 1


def _data() -> StatisticsData:
    return aggregate(
        samples.statistics_facts(),
        indicators=samples.INDICATOR_INFO,
        level_labels=samples.LEVEL_LABELS,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31),
    )


def _numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\w-])\d+(?![\w-])", text)]


def test_csv_holds_only_counts_of_five_or_more() -> None:
    rows = list(csv.reader(io.StringIO(statistics_csv(_data()).decode("utf-8-sig"))))
    assert rows[0] == ["section", "key", "label", "value"]
    values = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert values[("screenings", "total")] == "121"
    assert values[("assessment_level", "low")] == SUPPRESSED
    assert values[("screenings_per_month", "2026-12")] == SUPPRESSED
    counted = [row for row in rows[1:] if row[0] not in ("period", "suppression")]
    for row in counted:
        assert row[3] == SUPPRESSED or int(row[3]) >= 5, row
    # an indicator raised once is not even named
    assert not any("webcam" in cell.lower() for row in rows for cell in row)


def test_nothing_about_a_person_can_reach_the_statistics() -> None:
    # the only input is ScreeningFacts: a date, a level and indicator ids
    fields = set(ScreeningFacts.__dataclass_fields__)
    assert fields == {"day", "level", "indicator_ids"}


def test_statistics_pdf_text_has_no_small_counts_and_embeds_its_fonts(tmp_path: Path) -> None:
    pdf = statistics_pdf(_data())
    assert fonts_without_embedding(pdf) == []
    text = pdftotext(pdf, tmp_path)
    assert "Anonymised statistics" in text
    assert "Completed screenings: 121" in text
    assert SUPPRESSED in text
    assert "Identity documents held by someone else" in text
    assert "Forced to perform in front of a webcam" not in text
    body = re.sub(r"\d{4}-\d{2}|\w+ \d{1,2}, \d{4}|Page \d+ of \d+", " ", text)
    small = [n for n in _numbers_in(body) if n < 5 and n != 0]
    assert small == []  # axis ticks start at 0; no other number under 5 is printed


def test_empty_period_renders() -> None:
    data = aggregate(
        [],
        indicators=samples.INDICATOR_INFO,
        level_labels=samples.LEVEL_LABELS,
        date_from=date(2030, 1, 1),
        date_to=date(2030, 1, 31),
    )
    assert data.total is None
    assert statistics_pdf(data).startswith(b"%PDF")


def test_chart_labels_in_any_script_get_their_fonts(tmp_path: Path) -> None:
    info = dict(samples.INDICATOR_INFO)
    info["documents_withheld"] = IndicatorInfo("وثائق الهوية يحتفظ بها شخص آخر", False)
    info["debt_bondage"] = IndicatorInfo("Χρέος που δεν μπορεί να εξοφληθεί", False)
    data = aggregate(
        samples.statistics_facts(),
        indicators=info,
        level_labels=samples.LEVEL_LABELS,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31),
    )
    pdf = statistics_pdf(data)
    assert fonts_without_embedding(pdf) == []
    text = pdftotext(pdf, tmp_path, raw=True)
    assert "Χρέος που δεν μπορεί να εξοφληθεί" in text
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text)  # the Arabic label is shaped
