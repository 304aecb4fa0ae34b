"""Dates, times and numbers follow the staff language (CLDR data through babel)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

from free2link_desktop import i18n
from free2link_desktop.core.questionnaire.model import STRENGTHS
from free2link_desktop.i18n import formatting as fmt
from free2link_desktop.ui import formatting

NBSP = "\u00a0"
MOMENT = datetime(2026, 3, 4, 14, 5, 9)


def test_dates_in_each_language() -> None:
    day = date(2026, 3, 4)
    assert fmt.format_date(day, language="en") == "Mar 4, 2026"
    assert fmt.format_date(day, language="it") == "4 mar 2026"
    assert fmt.format_date(day, language="pl") == "4 mar 2026"
    assert fmt.format_date(day, language="el") == "4 Μαρ 2026"
    assert fmt.format_date(day, "short", language="it") == "04/03/26"
    assert fmt.format_date(day, "short", language="pl") == "4.03.2026"
    assert fmt.format_date(day, "long", language="pl") == "4 marca 2026"
    assert "2026" in fmt.format_date(day, language="ar")


def test_current_staff_language_is_the_default() -> None:
    i18n.set_language("it")
    assert fmt.format_date(date(2026, 3, 4), "long") == "4 marzo 2026"
    assert fmt.format_number(1234.5) == "1.234,5"
    i18n.set_language("en")
    assert fmt.format_date(date(2026, 3, 4), "long") == "March 4, 2026"


def test_times_without_seconds_by_default() -> None:
    assert fmt.format_time(time(14, 5, 9), language="it") == "14:05"
    assert fmt.format_time(MOMENT, language="pl") == "14:05"
    assert fmt.format_time(time(14, 5), language="en") == "2:05\u202fPM"
    assert fmt.format_datetime(MOMENT, language="it") == "4 mar 2026, 14:05"
    assert fmt.format_datetime(MOMENT, "short", language="pl") == "4.03.2026, 14:05"


def test_aware_datetimes_are_shown_in_local_time() -> None:
    stored = MOMENT.replace(tzinfo=UTC)
    local = stored.astimezone().replace(tzinfo=None)
    assert fmt.format_datetime(stored, language="it") == fmt.format_datetime(local, language="it")
    elsewhere = datetime(2026, 3, 4, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    expected_day = elsewhere.astimezone().date()
    assert fmt.format_date(elsewhere, "short", language="pl") == fmt.format_date(
        expected_day, "short", language="pl"
    )


def test_numbers_in_each_language() -> None:
    assert fmt.format_number(1234567.5, language="en") == "1,234,567.5"
    assert fmt.format_number(1234567.5, language="it") == "1.234.567,5"
    assert fmt.format_number(1234567.5, language="el") == "1.234.567,5"
    assert fmt.format_number(1234567.5, language="pl") == f"1{NBSP}234{NBSP}567,5"
    assert fmt.format_number(1234567, language="ar") == "1,234,567"
    assert fmt.format_decimal(Decimal("2.5"), 2, language="it") == "2,50"
    assert fmt.format_decimal(3, 0, language="en") == "3"
    assert fmt.format_percent(0.25, language="it") == "25%"
    assert fmt.format_percent(0.25, language="el") == "25%"


def test_durations_in_words() -> None:
    assert fmt.format_timedelta(timedelta(days=3), language="it") == "3 giorni"
    assert fmt.format_timedelta(timedelta(days=3), language="pl") == "3 dni"


def test_unknown_language_formats_as_english() -> None:
    assert fmt.format_number(1234.5, language="xx") == "1,234.5"


def test_greek_tells_an_indicator_strength_from_an_assessment_level() -> None:
    """Greek "Medium": masculine for an indicator (ο δείκτης), neuter for a level (το επίπεδο)."""
    i18n.set_language("el")
    try:
        assert formatting.strength("medium") == "Μέτριος"
        assert formatting.level("medium") == "Μέτριο"
        assert [formatting.strength(s) for s in STRENGTHS] == [
            "Ισχυρός",
            "Μέτριος",
            "Ασθενής",
        ]
    finally:
        i18n.set_language("en")
    assert formatting.strength("medium") == "Medium"
    assert formatting.strength("unheard-of") == "unheard-of"
