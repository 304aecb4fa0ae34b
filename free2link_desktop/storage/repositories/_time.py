"""Timestamps are stored as ISO 8601 text in UTC, so they sort and compare as strings."""

from __future__ import annotations

from datetime import UTC, date, datetime


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def to_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text)


def to_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None
