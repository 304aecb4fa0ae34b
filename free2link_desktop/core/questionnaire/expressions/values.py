"""XPath 1.0 conversions between the three value types (as XLSForm / ODK use them).

Numbers are floats; an empty or non-numeric string converts to NaN, so every comparison of an
empty answer with a number is false (and `!=` true), exactly as in XPath.
"""

from __future__ import annotations

import math
import re
from datetime import date

Value = str | float | bool

_XPATH_NUMBER = re.compile(r"\s*-?(\d+(\.\d*)?|\.\d+)\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    if _XPATH_NUMBER.fullmatch(value):
        return float(value)
    return math.nan


def to_string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        if number == int(number):
            return str(int(number))
        return repr(number)
    return value


def to_boolean(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return not (value == 0 or math.isnan(value))
    return value != ""


def parse_iso_date(value: object) -> date | None:
    """A `YYYY-MM-DD` date, or None when the text is not one."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def equal(left: Value, right: Value) -> bool:
    """XPath `=`: booleans if either is boolean, else numbers if either is a number, else text."""
    if isinstance(left, bool) or isinstance(right, bool):
        return to_boolean(left) == to_boolean(right)
    if isinstance(left, float) or isinstance(right, float):
        return to_number(left) == to_number(right)
    return left == right


def compare(op: str, left: Value, right: Value) -> bool:
    """`<`, `<=`, `>`, `>=`: numbers as in XPath; two ISO dates compare as dates."""
    left_date, right_date = parse_iso_date(left), parse_iso_date(right)
    if left_date is not None and right_date is not None:
        return _ordered(op, left_date.toordinal(), right_date.toordinal())
    a, b = to_number(left), to_number(right)
    if math.isnan(a) or math.isnan(b):
        return False
    return _ordered(op, a, b)


def _ordered(op: str, a: float, b: float) -> bool:
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def arithmetic(op: str, left: Value, right: Value) -> float:
    """`+ - * div mod` on numbers; `div` is floating division, `mod` keeps the dividend's sign."""
    a, b = to_number(left), to_number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        if b == 0:
            if a == 0 or math.isnan(a):
                return math.nan
            return math.copysign(math.inf, a) * math.copysign(1.0, b)
        return a / b
    if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def age_in_years(born: date, on: date) -> int:
    """Whole years from `born` to `on`; someone born on 29 February turns a year older on 1 March
    in years without one (the common legal reading)."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years
