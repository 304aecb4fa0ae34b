"""Dates, times and numbers written the way the staff language writes them (babel, CLDR data).

"03/04/2026" means March in one office and April in the next, and "1,5" is one and a half in
Rome and fifteen in Manchester; everything the staff read goes through these functions, in the
current staff language unless a caller (a report for a partner) names another.

Times are shown in the computer's own time zone: an aware datetime (the workspace stores UTC) is
converted to local time first; a naive one is taken to be local already.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from free2link_desktop.i18n import DEFAULT_LANGUAGE, current_language

Number = int | float | Decimal


@lru_cache(maxsize=16)
def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, LookupError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LANGUAGE)


def locale_for(language: str | None = None) -> Locale:
    """The babel Locale of `language` (default: the current staff language)."""
    return _babel_locale(language or current_language())


def _local(value: datetime) -> datetime:
    """Wall-clock time in the computer's zone, without tzinfo so babel prints it as is."""
    if value.tzinfo is None:
        return value
    return value.astimezone().replace(tzinfo=None)


def format_date(value: date | datetime, length: str = "medium", language: str | None = None) -> str:
    """A date: `length` is "short", "medium", "long", "full" or a CLDR pattern."""
    if isinstance(value, datetime):
        value = _local(value).date()
    return babel_dates.format_date(value, format=length, locale=locale_for(language))


def format_time(value: time | datetime, length: str = "short", language: str | None = None) -> str:
    """A time of day (hours and minutes by default, 24- or 12-hour as the language does it)."""
    if isinstance(value, datetime):
        value = _local(value).time()
    return babel_dates.format_time(value, format=length, locale=locale_for(language))


def format_datetime(value: datetime, length: str = "medium", language: str | None = None) -> str:
    """Date and time together; "medium" gives e.g. "23 nov 2026, 14:05" in Italian."""
    locale = locale_for(language)
    if length in ("short", "medium", "long", "full"):
        # The date in `length`, the time always without seconds and without a time zone name.
        pattern = locale.datetime_formats.get(length, locale.datetime_formats["medium"])
        date_part = babel_dates.format_date(_local(value).date(), format=length, locale=locale)
        time_part = babel_dates.format_time(_local(value).time(), format="short", locale=locale)
        return str(pattern).replace("'", "").replace("{1}", date_part).replace("{0}", time_part)
    return babel_dates.format_datetime(_local(value), format=length, locale=locale)


def format_timedelta(value: timedelta, language: str | None = None) -> str:
    """A duration in words, rounded to its largest unit ("3 days", "2 hours")."""
    return babel_dates.format_timedelta(value, locale=locale_for(language))


def format_number(value: Number, language: str | None = None) -> str:
    """An integer or decimal number with the language's separators ("1.234,5" in Italian)."""
    return babel_numbers.format_decimal(value, locale=locale_for(language))


def format_decimal(value: Number, places: int, language: str | None = None) -> str:
    """A number with exactly `places` digits after the separator (scores, averages)."""
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=locale_for(language))


def format_percent(value: Number, language: str | None = None) -> str:
    """A fraction as a percentage: 0.25 → "25%" ("25 %" in Greek, "25%" in Italian)."""
    return babel_numbers.format_percent(value, locale=locale_for(language))


#: the languages whose names are recognised when staff write them out instead of a code
_NAMING_LANGUAGES = ("en", "it", "el", "pl", "ar", "fr", "uk")


def language_code_for(written: str, candidates: Iterable[str]) -> str | None:
    """The code among `candidates` that a language written by staff means, or None.

    A case's "languages spoken" is free text: staff write `ar`, `AR`, `Arabic`, `arabo`,
    `العربية` or `ar-SY`. Each candidate code is matched against the written form, its own
    name, and its name in the staff languages (babel's CLDR data), ignoring case and accents.
    """
    wanted = _fold(written)
    if not wanted:
        return None
    for code in candidates:
        names = {_fold(code)}
        with contextlib.suppress(ValueError, UnknownLocaleError):
            names.update(
                _fold(Locale.parse(code).get_display_name(Locale.parse(language)) or "")
                for language in (code, *_NAMING_LANGUAGES)
            )
        if wanted in names or wanted.split("-")[0].split("_")[0] == _fold(code):
            return code
    return None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_name(code: str, language: str | None = None) -> str:
    """A country's name in the staff language (CLDR), e.g. GR → "Ελλάδα", "Greece", "اليونان"."""
    return str(_babel_locale(language or current_language()).territories.get(code.upper(), code))
