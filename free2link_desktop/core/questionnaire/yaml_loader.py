"""YAML that remembers where every value came from.

Authors edit these files by hand, so every problem must point at a line and a column. PyYAML's
`compose` gives nodes with marks; we turn them into plain dicts, lists and scalars and keep the
marks beside them: `LocatedMap.marks[key]` is where the value of `key` starts,
`LocatedMap.key_marks[key]` where the key itself is, `LocatedList.marks[i]` where item `i` is,
and `.mark` on both is where the collection starts. Only safe YAML tags are constructed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from free2link_desktop.core.questionnaire.problems import Problem, QuestionnaireError
from free2link_desktop.i18n import N_

MAX_DEPTH = 60


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column; `quoted` tells how to map offsets inside a scalar."""

    line: int
    col: int
    style: str | None = None

    def shifted(self, offset: int) -> Mark:
        """The mark of character `offset` inside a one-line scalar (an expression)."""
        if self.style in {"|", ">"}:
            return self
        return Mark(self.line, self.col + offset + (1 if self.style in {"'", '"'} else 0))


class LocatedMap(dict[str, Any]):
    """A mapping from YAML with the marks of its keys and values.

    `raw[key]` is the value's text as written when it is a scalar: YAML 1.1 reads `Yes`, `no`
    or `on` as booleans and `1.10` as a number, and a label or an option value must keep what
    the author wrote.
    """

    mark: Mark
    marks: dict[str, Mark]
    key_marks: dict[str, Mark]
    raw: dict[str, str]

    def text_of(self, key: str) -> Any:
        """The value at `key`, or its text as written when YAML read it as another scalar."""
        value = self.get(key)
        if isinstance(value, bool | int | float) and key in self.raw:
            return self.raw[key]
        return value


class LocatedList(list[Any]):
    """A sequence from YAML with the marks of its items."""

    mark: Mark
    marks: list[Mark]
    raw: list[str | None]

    def text_of(self, index: int) -> Any:
        value = self[index]
        raw = self.raw[index]
        return raw if isinstance(value, bool | int | float) and raw is not None else value


def _mark_of(node: Node) -> Mark:
    style = node.style if isinstance(node, ScalarNode) else None
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1, style)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = SafeConstructor()

    def fail(self, mark: Mark, template: str, **params: Any) -> QuestionnaireError:
        return QuestionnaireError.single(Problem(self.path, mark.line, mark.col, template, params))

    def build(self, node: Node, depth: int = 0) -> Any:
        mark = _mark_of(node)
        if depth > MAX_DEPTH:
            raise self.fail(mark, N_("The file is nested too deeply."))
        if isinstance(node, MappingNode):
            result = LocatedMap()
            result.mark, result.marks, result.key_marks, result.raw = mark, {}, {}, {}
            for key_node, value_node in node.value:
                key_mark = _mark_of(key_node)
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(key_mark, N_("A key must be a plain word."))
                key = str(key_node.value)  # as written: `no:` is Norwegian, not false
                if key in result:
                    raise self.fail(key_mark, N_("The key '{key}' appears twice."), key=key)
                result[key] = self.build(value_node, depth + 1)
                result.marks[key] = _mark_of(value_node)
                result.key_marks[key] = key_mark
                if isinstance(value_node, ScalarNode):
                    result.raw[key] = str(value_node.value)
            return result
        if isinstance(node, SequenceNode):
            items = LocatedList()
            items.mark, items.marks, items.raw = mark, [], []
            for item in node.value:
                items.append(self.build(item, depth + 1))
                items.marks.append(_mark_of(item))
                items.raw.append(str(item.value) if isinstance(item, ScalarNode) else None)
            return items
        return self.scalar(node)

    def scalar(self, node: ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, TypeError, OverflowError) as error:
            raise self.fail(
                _mark_of(node), N_("This value cannot be read: {reason}"), reason=str(error)
            ) from None


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document into located values; a YAML error becomes a QuestionnaireError."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "?"
        raise QuestionnaireError.single(
            Problem(path, line, col, N_("This is not valid YAML: {reason}"), {"reason": reason})
        ) from None
    except yaml.YAMLError as error:
        raise QuestionnaireError.single(
            Problem(path, 1, 1, N_("This is not valid YAML: {reason}"), {"reason": str(error)})
        ) from None
    if node is None:
        raise QuestionnaireError.single(Problem(path, 1, 1, N_("The file is empty."), {}))
    try:
        return _Builder(path).build(node)
    except RecursionError:
        raise QuestionnaireError.single(
            Problem(path, 1, 1, N_("The file is nested too deeply."), {})
        ) from None
