"""The tokenizer and parser: tokens, precedence, associativity and the errors authors see."""

from __future__ import annotations

import pytest

from free2link_desktop.core.questionnaire.expressions import ExpressionError, parse, to_source
from free2link_desktop.core.questionnaire.expressions.nodes import (
    Binary,
    Call,
    Current,
    Literal,
    Negate,
    Ref,
)
from free2link_desktop.core.questionnaire.expressions.tokens import tokenize


def test_tokens_carry_kind_text_and_offset() -> None:
    tokens = tokenize("${a} != 'x y' and count-selected(.) >= 2.5")
    assert [(t.kind, t.text, t.offset) for t in tokens] == [
        ("ref", "${a}", 0),
        ("op", "!=", 5),
        ("string", "'x y'", 8),
        ("op", "and", 14),
        ("name", "count-selected", 18),
        ("(", "(", 32),
        ("dot", ".", 33),
        (")", ")", 34),
        ("op", ">=", 36),
        ("number", "2.5", 39),
        ("end", "", 42),
    ]
    assert tokens[0].value == "a"
    assert tokens[2].value == "x y"
    assert tokens[9].value == 2.5


def test_both_quote_styles_and_the_other_quote_inside() -> None:
    assert parse('"it\'s"') == Literal("it's")
    assert parse("'say \"hi\"'") == Literal('say "hi"')


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", Binary("+", Literal(1.0), Binary("*", Literal(2.0), Literal(3.0)))),
        ("(1 + 2) * 3", Binary("*", Binary("+", Literal(1.0), Literal(2.0)), Literal(3.0))),
        ("1 - 2 - 3", Binary("-", Binary("-", Literal(1.0), Literal(2.0)), Literal(3.0))),
        ("8 div 4 div 2", Binary("div", Binary("div", Literal(8.0), Literal(4.0)), Literal(2.0))),
        ("7 mod 3 * 2", Binary("*", Binary("mod", Literal(7.0), Literal(3.0)), Literal(2.0))),
        (
            "${a} = 1 or ${b} = 2 and ${c} = 3",
            Binary(
                "or",
                Binary("=", Ref("a"), Literal(1.0)),
                Binary(
                    "and", Binary("=", Ref("b"), Literal(2.0)), Binary("=", Ref("c"), Literal(3.0))
                ),
            ),
        ),
        ("1 < 2 = true()", Binary("=", Binary("<", Literal(1.0), Literal(2.0)), Call("true", ()))),
        ("-${a} * 2", Binary("*", Negate(Ref("a")), Literal(2.0))),
        ("- - 1", Negate(Negate(Literal(1.0)))),
        (". >= 0", Binary(">=", Current(), Literal(0.0))),
        ("if(${a}, 'x', 'y')", Call("if", (Ref("a"), Literal("x"), Literal("y")))),
        ("${ a }", Ref("a")),
        (".5 + 1.", Binary("+", Literal(0.5), Literal(1.0))),
    ],
)
def test_precedence_and_associativity(source: str, expected: object) -> None:
    assert parse(source) == expected


@pytest.mark.parametrize(
    ("source", "offset", "fragment"),
    [
        ("", 0, "empty"),
        ("1 +", 3, "ends too early"),
        ("(1 + 2", 6, "')' is missing"),
        ("${Bad}", 0, "${question_id}"),
        ("'open", 0, "closing quote"),
        ("1 ? 2", 2, "'?'"),
        ("yes", 0, "'yes' is not understood"),
        ("1 2", 2, "'2' is not expected"),
        ("f(1,)", 4, "')' is not expected"),
        ("a and", 0, "not understood"),
    ],
)
def test_syntax_errors_name_the_place(source: str, offset: int, fragment: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert caught.value.offset == offset
    assert fragment in caught.value.message()


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("-" * 500 + "1")
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("1" + " + 1" * 3000)  # a chain nests to the left
    assert parse("1" + " + 1" * 50) is not None


@pytest.mark.parametrize(
    "source",
    [
        "1 + 2 * 3",
        "(1 + 2) * 3",
        "1 - (2 - 3)",
        "-(1 - 2)",
        "not(${a} = 'yes') and (${b} or ${c})",
        "selected(${m}, 'x') or count-selected(${m}) > 2",
        '"it\'s" = ${a}',
        "0.125 mod 3",
    ],
)
def test_printer_round_trips(source: str) -> None:
    tree = parse(source)
    assert parse(to_source(tree)) == tree
    assert to_source(tree) == source
