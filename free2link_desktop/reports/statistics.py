"""Anonymised statistics: aggregation, small-cell suppression and the CSV file.

The input holds no code, no alias and no free text by construction: the service hands over, per
screening, only its date, its assessment level and the ids of the indicators it raised
(`ScreeningFacts`). Counts under the threshold (5) are suppressed so that nobody can be singled
out, and where a total is published and only one cell of a group would be hidden, the next
smallest is hidden too so the first cannot be recovered by subtraction.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from free2link_desktop.reports.layout import translator

THRESHOLD = 5
SUPPRESSED = "<5"
K = TypeVar("K", bound=Hashable)


def suppress(
    counts: Mapping[K, int], threshold: int = THRESHOLD, *, total_published: bool = False
) -> dict[K, int | None]:
    """Each count, or None where it must not be shown.

    Primary suppression hides every count under `threshold` (zero included: "<5" is true of it
    and hiding it gives nothing away). If `total_published` and exactly one cell is hidden, the
    smallest shown cell is hidden as well (complementary suppression).
    """
    result: dict[K, int | None] = {
        key: (value if value >= threshold else None) for key, value in counts.items()
    }
    hidden = [key for key, value in result.items() if value is None]
    if total_published and len(hidden) == 1:
        shown = [(value, str(key), key) for key, value in result.items() if value is not None]
        if shown:
            result[min(shown)[2]] = None
    return result


def shown(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


@dataclass(frozen=True)
class ScreeningFacts:
    """What statistics may know about one completed screening."""

    day: date
    level: str
    indicator_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IndicatorInfo:
    title: str
    online: bool = False


@dataclass(frozen=True)
class StatisticsData:
    """Aggregates after suppression: every count is either at least the threshold or None."""

    date_from: date | None
    date_to: date | None
    total: int | None
    by_month: tuple[tuple[str, int | None], ...]  # ("2026-03", 12)
    levels: tuple[tuple[str, str, int | None], ...]  # (level, label, count)
    indicators: tuple[tuple[str, str, bool, int | None], ...]  # (id, title, online, count)
    online: int | None  # raised indicators specific to online recruitment or exploitation
    offline: int | None
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
    per_month = Counter(f"{fact.day.year:04d}-{fact.day.month:02d}" for fact in selected)
    if selected:
        first = date_from or min(fact.day for fact in selected)
        last = date_to or max(fact.day for fact in selected)
        months = _months(first, last)
    else:
        months = sorted(per_month)
    month_counts = suppress(
        {m: per_month.get(m, 0) for m in months}, threshold, total_published=True
    )
    per_level = Counter(fact.level for fact in selected)
    order = list(level_labels) + sorted(set(per_level) - set(level_labels))
    level_counts = suppress(
        {lvl: per_level.get(lvl, 0) for lvl in order}, threshold, total_published=True
    )
    raised = Counter(ind for fact in selected for ind in fact.indicator_ids if ind in indicators)
    frequent = [ind for ind, count in raised.most_common() if count >= threshold][:top]
    indicator_counts = suppress({ind: raised[ind] for ind in frequent}, threshold)
    online = sum(count for ind, count in raised.items() if indicators[ind].online)
    offline = sum(count for ind, count in raised.items() if not indicators[ind].online)
    kinds = suppress({"online": online, "offline": offline}, threshold)
    total = len(selected)
    return StatisticsData(
        date_from=date_from,
        date_to=date_to,
        total=total if total >= threshold else None,
        by_month=tuple(month_counts.items()),
        levels=tuple((lvl, level_labels.get(lvl, lvl), level_counts[lvl]) for lvl in order),
        indicators=tuple(
            (ind, indicators[ind].title, indicators[ind].online, indicator_counts[ind])
            for ind in frequent
        ),
        online=kinds["online"],
        offline=kinds["offline"],
        language=language,
        threshold=threshold,
    )


#: Fixed English column names and keys, so files from several centres can be combined; the
#: label column is in the chosen language.
COLUMNS = ("section", "key", "label", "value")


def statistics_csv(data: StatisticsData) -> bytes:
    """UTF-8 CSV with a byte order mark (so spreadsheet programs read Greek and Polish right).

    One row per published number: section, key, label, value; suppressed values read "<5".
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
        ["suppression", "threshold", _("Counts under this are not shown"), data.threshold]
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
    return out.getvalue().encode("utf-8-sig")
