"""Property tests: printed trees parse back to themselves; random input raises only our errors."""

from __future__ import annotations

import json
import string
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.questionnaire import (
    load_directory,
    load_indicator_library,
    load_questionnaire,
    parse_answers_document,
    score,
    validate_file,
)
from free2link_desktop.core.questionnaire.expressions import Context, ExpressionError, parse
from free2link_desktop.core.questionnaire.expressions.evaluator import FUNCTIONS, evaluate
from free2link_desktop.core.questionnaire.expressions.nodes import (
    PRECEDENCE,
    Binary,
    Call,
    Current,
    Literal,
    Negate,
    Node,
    Ref,
)
from free2link_desktop.core.questionnaire.expressions.printer import to_source

DATA = Path(__file__).parent / "data"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
texts = st.text(alphabet=string.ascii_letters + " '-éä", max_size=8)
numbers = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
leaves: st.SearchStrategy[Node] = st.one_of(
    st.builds(Literal, texts),
    st.builds(Literal, numbers),
    st.builds(Ref, names),
    st.just(Current()),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Binary, st.sampled_from(sorted(PRECEDENCE)), children, children),
        st.builds(Negate, children),
        st.builds(
            lambda name, args: Call(name, tuple(args)),
            st.sampled_from(sorted(FUNCTIONS)),
            st.lists(children, max_size=3),
        ),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


@SETTINGS
@given(trees)
def test_printed_trees_parse_back_to_the_same_tree(tree: Node) -> None:
    assert parse(to_source(tree)) == tree


@SETTINGS
@given(st.text(alphabet=string.printable + "é€", max_size=40))
def test_random_text_parses_or_raises_expression_error(source: str) -> None:
    try:
        tree = parse(source)
    except ExpressionError as error:
        assert 0 <= error.offset <= len(source)
        assert error.message()
        return
    assert parse(to_source(tree)) == tree


@SETTINGS
@given(trees, st.dictionaries(names, st.one_of(texts, numbers), max_size=4))
def test_evaluating_any_tree_never_fails(tree: Node, answers: dict[str, Any]) -> None:
    class Facts:
        def count(self, dimension: str, strength: str) -> int:
            return len(dimension)

        def raised(self, indicator_id: str) -> bool:
            return bool(indicator_id)

        def total(self) -> int:
            return 2

    bad_arity = any(
        isinstance(node, Call) and len(node.args) != FUNCTIONS[node.name].arity
        for node in _walk(tree)
    )
    if bad_arity:  # the checker refuses these when the file is loaded
        return
    ctx = Context(answers, date(2024, 2, 29), "", Facts())
    assert isinstance(evaluate(tree, ctx), str | float | bool)


def _walk(node: Node) -> list[Node]:
    from free2link_desktop.core.questionnaire.expressions.nodes import walk

    return walk(node)


# -- random YAML -------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), texts, st.sampled_from(["${x} = 1", "yes", "1.0"])
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "id",
                    "title",
                    "en",
                    "sections",
                    "questions",
                    "type",
                    "text",
                    "options",
                    "value",
                    "label",
                    "relevant",
                    "indicators",
                    "when",
                    "assessment",
                    "level",
                    "languages",
                    "version",
                    "dimensions",
                    "strength",
                    "x",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=15,
)
FORMATS = st.sampled_from(
    ["free2link-questionnaire/1", "free2link-indicators/1", "free2link-directory/1", "other"]
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    FORMATS,
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "version",
                "title",
                "languages",
                "indicators",
                "sections",
                "assessment",
                "dimensions",
                "organisations",
            ]
        ),
        yaml_values,
        max_size=7,
    ),
)
def test_random_yaml_gives_only_problems(tmp_path: Path, fmt: str, body: dict[str, Any]) -> None:
    path = tmp_path / "random.yaml"
    (tmp_path / "indicators.yaml").write_bytes((DATA / "indicators.yaml").read_bytes())
    path.write_text(yaml.safe_dump({"format": fmt, **body}), encoding="utf-8")
    for problem in validate_file(path):
        assert problem.path == str(path) and problem.line >= 1
    for load in (load_questionnaire, load_indicator_library, load_directory):
        try:
            load(path)
        except Free2LinkError as error:
            assert error.message().startswith(str(path))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=80))
def test_random_bytes_give_only_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    for problem in validate_file(path):
        assert str(problem).startswith(f"{path}:")


# -- random answers ---------------------------------------------------------------------------

GUIDE = load_questionnaire(DATA / "guide.yaml")
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(),
        texts,
        st.sampled_from(["yes", "no", "partly", "telegram", "2020-02-29", "2021-02-29"]),
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=2),
    max_leaves=6,
)
question_ids = st.sampled_from([q.id for q in GUIDE.questions] + ["nope"])


@SETTINGS
@given(st.dictionaries(question_ids, json_values, max_size=8), st.dates())
def test_random_answers_are_scored_or_refused(answers: dict[str, Any], day: date) -> None:
    try:
        result = score(GUIDE, answers, day)
    except Free2LinkError as error:
        lines = error.message().splitlines()
        assert lines and all(": " in line for line in lines)
        return
    json.dumps(result.to_json())


@SETTINGS
@given(
    st.one_of(
        json_values,
        st.dictionaries(
            st.sampled_from(["questionnaire", "version", "interview_date", "answers", "x"]),
            json_values,
            max_size=4,
        ),
    )
)
def test_random_answer_documents_are_read_or_refused(data: Any) -> None:
    try:
        parse_answers_document(data)
    except Free2LinkError as error:
        assert error.message().startswith("ANSWERS.json: ")
