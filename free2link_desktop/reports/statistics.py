"""Anonymised statistics: aggregation, small-cell suppression and the CSV file.

The input holds no code, no alias and no free text by construction: the service hands over, per
screening, only its date, its assessment level, the ids of the indicators it raised and an opaque
number that tells whether two screenings are of the same person (`ScreeningFacts`).

Suppression counts PEOPLE, not screenings or indicators: a count is shown only when at least
`THRESHOLD` (5) different people stand behind it. (Counting indicators let one screening show
"Online 5 / Other 7"; counting screenings lets one person screened five times fill a cell.)
Where a table has a published total, the hidden cells of the table together must stand for at
least that many people too, or the total minus the shown cells would give them away: more cells
are hidden, smallest first, until they do (complementary suppression).

Left to the reader of docs/security.md: two exports over overlapping periods can still be
subtracted from each other; only what one export shows is protected here.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from free2link_desktop.i18n import N_
from free2link_desktop.reports.layout import Translate, translator

THRESHOLD = 5
SUPPRESSED = "<5"
K = TypeVar("K", bound=Hashable)


@dataclass
class Tally:
    """One cell before suppression: how many screenings, and which people they are of."""

    count: int = 0
    people: set[int] = field(default_factory=set)

    def add(self, person: int) -> None:
        self.count += 1
        self.people.add(person)


def suppress(
    cells: Mapping[K, Tally], threshold: int = THRESHOLD, *, total_published: bool = False
) -> dict[K, int | None]:
    """Each cell's count, or None where it must not be shown.

    Primary suppression hides every cell behind which fewer than `threshold` different people
    stand (an empty cell too: "<5" is true of it and hiding it gives nothing away). If
    `total_published`, the hidden cells together are what the total minus the shown cells
    reveals: while they stand for some people but fewer than `threshold`, the smallest shown
    cell is hidden as well (complementary suppression).
    """
    result: dict[K, int | None] = {
        key: (tally.count if len(tally.people) >= threshold else None)
        for key, tally in cells.items()
    }
    while total_published:
        behind: set[int] = set()
        for key, value in result.items():
            if value is None:
                behind |= cells[key].people
        if not behind or len(behind) >= threshold:
            break
        shown = [(value, str(key), key) for key, value in result.items() if value is not None]
        if not shown:
            break  # the total itself stands for fewer people and is hidden by the caller
        result[min(shown)[2]] = None
    return result


def shown(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


@dataclass(frozen=True)
class ScreeningFacts:
    """What statistics may know about one completed screening.

    `person` only tells screenings of the same person (case) apart from others; it is never
    written anywhere and is not the case's code or number.
    """

    day: date
    level: str
    indicator_ids: frozenset[str]
    person: int


@dataclass(frozen=True)
class IndicatorInfo:
    title: str
    online: bool = False


@dataclass(frozen=True)
class StatisticsData:
    """Aggregates after suppression: every count shown stands for at least `threshold` people
    (so is itself at least the threshold); a hidden count is None."""

    date_from: date | None
    date_to: date | None
    total: int | None
    by_month: tuple[tuple[str, int | None], ...]  # ("2026-03", 12)
    levels: tuple[tuple[str, str, int | None], ...]  # (level, label, count)
    indicators: tuple[tuple[str, str, bool, int | None], ...]  # (id, title, online, count)
    online: int | None  # screenings that raised an indicator specific to online trafficking
    offline: int | None  # screenings that raised any other indicator
    language: str = "en"
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))
    threshold: int = THRESHOLD


def _months(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def aggregate(
    facts: Iterable[ScreeningFacts],
    *,
    indicators: Mapping[str, IndicatorInfo],
    level_labels: Mapping[str, str],
    date_from: date | None = None,
    date_to: date | None = None,
    language: str = "en",
    top: int = 10,
    threshold: int = THRESHOLD,
) -> StatisticsData:
    """Count, then suppress. `level_labels` gives the levels in display order."""
    selected = [
        fact
        for fact in facts
        if (date_from is None or fact.day >= date_from) and (date_to is None or fact.day <= date_to)
    ]
    if selected:
        first = date_from or min(fact.day for fact in selected)
        last = date_to or max(fact.day for fact in selected)
        months = _months(first, last)
    else:
        months = []
    per_month: dict[str, Tally] = {month: Tally() for month in months}
    per_level: dict[str, Tally] = {level: Tally() for level in level_labels}
    raised: dict[str, Tally] = defaultdict(Tally)
    kinds = {"online": Tally(), "offline": Tally()}
    everyone = Tally()
    for fact in selected:
        everyone.add(fact.person)
        per_month.setdefault(f"{fact.day.year:04d}-{fact.day.month:02d}", Tally()).add(fact.person)
        per_level.setdefault(fact.level, Tally()).add(fact.person)
        known = [ind for ind in fact.indicator_ids if ind in indicators]
        for ind in known:
            raised[ind].add(fact.person)
        if any(indicators[ind].online for ind in known):
            kinds["online"].add(fact.person)
        if any(not indicators[ind].online for ind in known):
            kinds["offline"].add(fact.person)
    month_counts = suppress(dict(sorted(per_month.items())), threshold, total_published=True)
    order = list(level_labels) + sorted(set(per_level) - set(level_labels))
    level_counts = suppress({lvl: per_level[lvl] for lvl in order}, threshold, total_published=True)
    # an indicator that fewer people raised is not even named; no total of them is published
    frequent = sorted(
        (ind for ind, tally in raised.items() if len(tally.people) >= threshold),
        key=lambda ind: (-raised[ind].count, ind),
    )[:top]
    indicator_counts = suppress({ind: raised[ind] for ind in frequent}, threshold)
    # a screening may raise both kinds or neither: no total links these two cells
    kind_counts = suppress(kinds, threshold)
    total = suppress({"total": everyone}, threshold)["total"]
    return StatisticsData(
        date_from=date_from,
        date_to=date_to,
        total=total,
        by_month=tuple(month_counts.items()),
        levels=tuple((lvl, level_labels.get(lvl, lvl), level_counts[lvl]) for lvl in order),
        indicators=tuple(
            (ind, indicators[ind].title, indicators[ind].online, indicator_counts[ind])
            for ind in frequent
        ),
        online=kind_counts["online"],
        offline=kind_counts["offline"],
        language=language,
        threshold=threshold,
    )


KINDS_NOTE = N_(
    "Online and other indicators: how many screenings raised at least one indicator specific "
    "to online recruitment or exploitation, and how many raised at least one other indicator."
)


def suppression_note(data: StatisticsData, _: Translate, suppressed: str = "") -> str:
    """What the suppression does, in the report's language; the same words in the CSV and the
    PDF. `suppressed` is the mark as it must be printed (isolated in a right-to-left PDF)."""
    return _(
        "A count is shown only when at least {threshold} different people (cases) stand "
        'behind it, however many screenings or indicators it holds; otherwise it reads "{mark}". '
        "Where a total minus the counts shown would give a hidden count away, more counts are "
        "hidden, so the hidden counts of a table together always stand for at least "
        "{threshold} people."
    ).format(threshold=data.threshold, mark=suppressed or SUPPRESSED)


#: Fixed English column names and keys, so files from several centres can be combined; the
#: label column is in the chosen language.
COLUMNS = ("section", "key", "label", "value")


def statistics_csv(data: StatisticsData) -> bytes:
    """UTF-8 CSV with a byte order mark (so spreadsheet programs read Greek and Polish right).

    One row per published number: section, key, label, value; suppressed values read "<5".
    The last rows, of section "note", say how the counts were protected (value empty).
    """
    _ = translator(data.language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        ["period", "from", _("From"), data.date_from.isoformat() if data.date_from else ""]
    )
    writer.writerow(["period", "to", _("To"), data.date_to.isoformat() if data.date_to else ""])
    writer.writerow(
        [
            "suppression",
            "threshold",
            _("Fewest different people (cases) behind a count that is shown"),
            data.threshold,
        ]
    )
    writer.writerow(["screenings", "total", _("Completed screenings"), shown(data.total)])
    for month, count in data.by_month:
        writer.writerow(["screenings_per_month", month, month, shown(count)])
    for level, label, count in data.levels:
        writer.writerow(["assessment_level", level, label, shown(count)])
    for ind, title, _online, count in data.indicators:
        writer.writerow(["indicator", ind, title, shown(count)])
    writer.writerow(["indicator_type", "online", _("Online indicators"), shown(data.online)])
    writer.writerow(["indicator_type", "offline", _("Other indicators"), shown(data.offline)])
    # last, so the rows of numbers keep the places they had in earlier files
    writer.writerow(["note", "suppression", suppression_note(data, _), ""])
    writer.writerow(["note", "indicator_type", _(KINDS_NOTE), ""])
    return out.getvalue().encode("utf-8-sig")
