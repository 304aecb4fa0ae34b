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
    Tally,
    aggregate,
    statistics_csv,
    suppress,
)
from free2link_desktop.reports.statistics_pdf import statistics_pdf
from tests.reports import samples
from tests.reports.pdfcheck import fonts_without_embedding, pdftotext


def _tallies(people_per_cell: dict[str, list[int]]) -> dict[str, Tally]:
    """Cells from the people behind each screening in them (a person may appear twice)."""
    cells = {}
    for key, people in people_per_cell.items():
        tally = Tally()
        for person in people:
            tally.add(person)
        cells[key] = tally
    return cells


def _distinct(count: int, start: int = 0) -> list[int]:
    return list(range(start, start + count))


def test_cells_of_fewer_than_five_people_are_hidden() -> None:
    cells = _tallies(
        {"a": [], "b": _distinct(4), "c": _distinct(5), "d": _distinct(12), "e": [1, 1, 2, 2, 2]}
    )
    # "e" holds five screenings but only two people: hidden
    assert suppress(cells) == {"a": None, "b": None, "c": 5, "d": 12, "e": None}


def test_exactly_one_hidden_cell_gets_a_second_one_so_no_difference_reveals_it() -> None:
    cells = _tallies(
        {"high": _distinct(3), "medium": _distinct(20, 100), "none": _distinct(9, 200)}
    )
    assert suppress(cells) == {"high": None, "medium": 20, "none": 9}
    # with the total (32) published, 32 - 20 - 9 would give "high" away: hide "none" too
    result = suppress(cells, total_published=True)
    assert result == {"high": None, "medium": 20, "none": None}
    hidden = [key for key, value in result.items() if value is None]
    revealed = 32 - sum(value for value in result.values() if value is not None)
    assert revealed == 12 and len(set().union(*(cells[key].people for key in hidden))) >= 5


def test_two_small_hidden_cells_do_not_protect_each_other() -> None:
    """1 + 2 people: the total minus the rest would still tell about 3 people; one more goes."""
    cells = _tallies({"a": [1], "b": [2, 3], "c": _distinct(30, 10), "d": _distinct(8, 50)})
    assert suppress(cells, total_published=True) == {"a": None, "b": None, "c": 30, "d": None}
    # two hidden cells that together stand for five people are enough
    cells = _tallies({"a": [1, 2], "b": [3, 4, 5], "c": _distinct(30, 10)})
    assert suppress(cells, total_published=True) == {"a": None, "b": None, "c": 30}


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=4),
        st.lists(st.integers(0, 15), max_size=25),
        max_size=8,
    )
)
def test_no_cell_and_no_difference_tells_about_fewer_than_five_people(
    people_per_cell: dict[str, list[int]],
) -> None:
    cells = _tallies(people_per_cell)
    result = suppress(cells, total_published=True)
    assert set(result) == set(cells)
    for key, value in result.items():
        assert value is None or (value == cells[key].count and len(cells[key].people) >= 5)
    hidden_people = set().union(*(cells[k].people for k, v in result.items() if v is None))
    everyone = set().union(*(cell.people for cell in cells.values()))
    # what the total minus the shown cells reveals stands for nobody or for five people or more
    # (unless everything is hidden, and the total then is too: it stands for fewer than five)
    assert not hidden_people or len(hidden_people) >= 5 or len(everyone) < 5


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
    counted = [row for row in rows[1:] if row[0] not in ("period", "suppression", "note")]
    for row in counted:
        assert row[3] == SUPPRESSED or int(row[3]) >= 5, row
    # an indicator raised once is not even named
    assert not any("webcam" in cell.lower() for row in rows for cell in row)


def test_nothing_about_a_person_can_reach_the_statistics() -> None:
    # the only input is ScreeningFacts: a date, a level, indicator ids and an opaque number
    # that tells screenings of the same person apart
    fields = set(ScreeningFacts.__dataclass_fields__)
    assert fields == {"day", "level", "indicator_ids", "person"}


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


def test_one_screening_with_many_indicators_shows_nothing_but_suppressed_marks(
    tmp_path: Path,
) -> None:
    """Counting indicators once showed "Online 5 / Other 7" for a single screening."""
    info = {f"online_{i}": IndicatorInfo(f"Online sign {i}", True) for i in range(5)}
    info |= {f"other_{i}": IndicatorInfo(f"Other sign {i}", False) for i in range(7)}
    fact = ScreeningFacts(date(2026, 3, 9), "high", frozenset(info), person=0)
    data = aggregate(
        [fact],
        indicators=info,
        level_labels=samples.LEVEL_LABELS,
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
    )
    assert (data.total, data.online, data.offline, data.indicators) == (None, None, None, ())
    rows = list(csv.reader(io.StringIO(statistics_csv(data).decode("utf-8-sig"))))
    counted = [row for row in rows[1:] if row[0] not in ("period", "suppression", "note")]
    assert counted and all(row[3] == SUPPRESSED for row in counted), counted
    assert not any("sign" in row[2] for row in rows)
    text = pdftotext(statistics_pdf(data), tmp_path)
    body = re.sub(r"\d{4}-\d{2}|\w+ \d{1,2}, \d{4}|Page \d+ of \d+", " ", text)
    assert set(_numbers_in(body)) <= {0, 5, 10}, body  # axis ticks by 5 and the threshold


def test_the_export_says_it_counts_people_and_hides_by_difference(tmp_path: Path) -> None:
    data = _data()
    rows = list(csv.reader(io.StringIO(statistics_csv(data).decode("utf-8-sig"))))
    notes = {row[1]: row[2] for row in rows if row[0] == "note"}
    assert "at least 5 different people (cases)" in notes["suppression"]
    assert "a total minus the counts shown" in notes["suppression"]
    assert "at least one indicator specific to online" in notes["indicator_type"]
    text = " ".join(pdftotext(statistics_pdf(data), tmp_path).split())
    assert "at least 5 different people (cases) stand behind it" in text
    assert "a total minus the counts shown would give a hidden count away" in text


def test_csv_bytes_are_the_same_on_every_system(tmp_path: Path) -> None:
    """CRLF line ends (what spreadsheet programs expect) and a BOM, written as bytes: Windows'
    text mode cannot turn them into CR CR LF, and nothing depends on the system's newline."""
    raw = statistics_csv(_data())
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and len(lines) > 10
    assert not any(b"\r" in line or b"\n" in line for line in lines)
