"""The evaluator: XPath/XLSForm types, conversions and every function of SPEC 6.3."""

from __future__ import annotations

import math
from datetime import date

import pytest

from free2link_desktop.core.questionnaire.expressions import Context, parse
from free2link_desktop.core.questionnaire.expressions.evaluator import evaluate
from free2link_desktop.core.questionnaire.expressions.values import age_in_years

ANSWERS = {
    "yes_q": "yes",
    "empty": "",
    "age": 34.0,
    "zero": 0.0,
    "multi": "whatsapp telegram",
    "text": "héllo",
    "numeric_text": "12",
    "born": "1990-06-15",
    "leap": "2004-02-29",
}


class Facts:
    def count(self, dimension: str, strength: str) -> int:
        return {("rec", "strong"): 2, ("rec", "weak"): 1}.get((dimension, strength), 0)

    def raised(self, indicator_id: str) -> bool:
        return indicator_id == "debt"

    def total(self) -> int:
        return 3


def ev(source: str, today: date = date(2024, 6, 15), current: object = "") -> object:
    ctx = Context(ANSWERS, today, current, Facts())  # type: ignore[arg-type]
    return evaluate(parse(source), ctx)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("10 - 4 - 3", 3.0),
        ("7 div 2", 3.5),
        ("-7 div 2", -3.5),
        ("7 mod 3", 1.0),
        ("-7 mod 3", -1.0),
        ("7 mod -3", 1.0),
        ("7.5 mod 2", 1.5),
        ("2 * 3 mod 4", 2.0),
        ("${age} + 1", 35.0),
        ("${numeric_text} * 2", 24.0),
        ("-${age}", -34.0),
        ("int(7 div 2)", 3.0),
        ("int(-7 div 2)", -3.0),
        ("number('  4.25 ')", 4.25),
        ("string-length(${text})", 5.0),
        ("string-length(${empty})", 0.0),
        ("count-selected(${multi})", 2.0),
        ("count-selected(${empty})", 0.0),
        ("if(${yes_q} = 'yes', 'a', 'b')", "a"),
        ("if(${empty}, 'a', 'b')", "b"),
        ("coalesce(${empty}, 'fallback')", "fallback"),
        ("coalesce(${yes_q}, 'fallback')", "yes"),
        ("coalesce(${zero}, 5)", 0.0),
    ],
)
def test_values(source: str, expected: object) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 div 0", math.inf),
        ("-1 div 0", -math.inf),
    ],
)
def test_division_by_zero_is_infinite(source: str, expected: float) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(
    "source", ["0 div 0", "5 mod 0", "${empty} + 1", "number('abc')", "int('x')", "'a' * 2"]
)
def test_not_a_number(source: str) -> None:
    value = ev(source)
    assert isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # = between a number and a numeric string compares numbers
        ("${numeric_text} = 12", True),
        ("'12.0' = 12", True),
        ("'012' = 12", True),
        ("'012' = '12'", False),  # two strings compare as text
        ("${age} = '34'", True),
        # the empty answer compared with a number is false; != is its negation (XPath)
        ("${empty} = 0", False),
        ("${empty} < 1", False),
        ("${empty} >= 0", False),
        ("${empty} != 0", True),
        ("${empty} = ''", True),
        ("${empty} != ''", False),
        ("${missing} = ''", True),
        # text that is not a number
        ("'abc' < 5", False),
        ("'abc' = 5", False),
        ("'10' > '9'", True),  # relational operators convert to numbers
        ("'2024-01-02' > '2023-12-31'", True),  # two ISO dates compare as dates
        ("${born} < '2000-01-01'", True),
        # booleans
        ("true() = 1", True),
        ("false() = ''", True),
        ("true() = 'x'", True),
        ("(1 < 2) = (2 < 3)", True),
        ("not(${empty})", True),
        ("not(${zero})", True),
        ("not('0')", False),
        ("${yes_q} = 'yes' and ${age} >= 18", True),
        ("${yes_q} = 'no' or ${age} < 18", False),
    ],
)
def test_comparisons(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_selected_on_multiple_answers() -> None:
    assert ev("selected(${multi}, 'telegram')") is True
    assert ev("selected(${multi}, 'whatsapp')") is True
    assert ev("selected(${multi}, 'tele')") is False  # whole values only
    assert ev("selected(${multi}, 'whatsapp telegram')") is False
    assert ev("selected(${empty}, 'x')") is False
    assert ev("selected(${yes_q}, 'yes')") is True  # a single answer is a one-value list


def test_and_or_short_circuit() -> None:
    # the right side would need assessment facts; with facts absent it must not be evaluated
    ctx = Context({"a": "no"}, date(2024, 1, 1))
    assert evaluate(parse("${a} = 'yes' and indicators() > 0"), ctx) is False
    assert evaluate(parse("${a} = 'no' or indicators() > 0"), ctx) is True
    assert evaluate(parse("if(${a} = 'no', 1, indicators())"), ctx) == 1.0


def test_assessment_functions() -> None:
    assert ev("strong('rec')") == 2.0
    assert ev("weak('rec')") == 1.0
    assert ev("medium('rec')") == 0.0
    assert ev("strong('other')") == 0.0
    assert ev("indicator('debt')") is True
    assert ev("indicator('no_pay')") is False
    assert ev("indicators()") == 3.0


def test_current_value() -> None:
    assert ev(". >= 0 and . <= 120", current=34.0) is True
    assert ev(". >= 0 and . <= 120", current=121.0) is False


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        ("1990-06-15", date(2024, 6, 14), 33),  # the day before the birthday
        ("1990-06-15", date(2024, 6, 15), 34),  # on the birthday
        ("1990-06-15", date(2024, 6, 16), 34),
        ("2004-02-29", date(2022, 2, 28), 17),  # born on a leap day: not yet in a common year
        ("2004-02-29", date(2022, 3, 1), 18),
        ("2004-02-29", date(2024, 2, 28), 19),
        ("2004-02-29", date(2024, 2, 29), 20),
        ("2024-06-15", date(2024, 6, 15), 0),
    ],
)
def test_age_across_birthdays_and_leap_days(born: str, on: date, years: int) -> None:
    assert age_in_years(date.fromisoformat(born), on) == years
    ctx = Context({"d": born}, on)
    assert evaluate(parse("age(${d})"), ctx) == float(years)


def test_age_of_an_empty_or_bad_date_is_not_a_number() -> None:
    for text in ("", "15/06/1990", "1990-02-30"):
        value = evaluate(parse("age(${d})"), Context({"d": text}, date(2024, 1, 1)))
        assert isinstance(value, float) and math.isnan(value)
    assert evaluate(parse("age(${d}) < 18"), Context({"d": ""}, date(2024, 1, 1))) is False
