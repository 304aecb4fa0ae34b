"""YAML that remembers where every value came from.

Authors edit these files by hand, so every problem must point at a line and a column. PyYAML's
`compose` gives nodes with marks; we turn them into plain dicts, lists and scalars that keep
their nodes, so `LocatedMap.marks[key]` is where the value of `key` starts,
`LocatedMap.key_marks[key]` where the key itself is, `LocatedList.marks[i]` where item `i` is,
and `.mark` on both is where the collection starts. Marks are computed only when asked for (a
problem is rare, a node is not). Only safe YAML tags are constructed.

Anchors (`&name`) and aliases (`*name`) are refused: none of our formats needs them, and they are
how a small file expands into billions of values ("billion laughs"). Files larger than
`MAX_YAML_CHARS` are refused before any parsing.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from free2link_desktop.core.questionnaire.problems import Problem, QuestionnaireError
from free2link_desktop.i18n import N_

MAX_DEPTH = 60
#: The largest file read (characters; `loader.MAX_FILE_BYTES` caps the bytes read from disk).
#: The biggest bundled file is about 250 kB; a 300-question guide in seven languages fits.
MAX_YAML_CHARS = 4 * 1024 * 1024
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
#: The first characters of the plain scalars that may be something other than text.
_RESOLVED_FIRST = frozenset("tTfF~nN-+0123456789")
#: Where an anchor (`&name`) or an alias (`*name`) can start: after a line start, a space or a
#: flow/block indicator, and followed by a name character. Text such as "Q & A" or "R&D" does
#: not qualify; anything that does costs a scan of the file's events to be sure.
_BEFORE_ANCHOR = frozenset(" \t\r\n[]{},:?!-\x85\u2028\u2029")
_NOT_A_NAME = frozenset(" \t\r\n[]{},\x85\u2028\u2029")


def _may_have_anchor(text: str) -> bool:
    """A quick look (str.find, about 0.1 ms for the largest bundled guide) for anything that
    could be an anchor or an alias."""
    for sign in "&*":
        at = text.find(sign)
        while at != -1:
            after = text[at + 1 : at + 2]
            if (at == 0 or text[at - 1] in _BEFORE_ANCHOR) and after and after not in _NOT_A_NAME:
                return True
            at = text.find(sign, at + 1)
    return False


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (much faster), with YAML 1.2's plain scalars.

    Only `true`/`false`, `null`/`~`, and whole numbers are read as something other than text:
    YAML 1.1's `yes`, `no`, `on`, `off` booleans, sexagesimal numbers and dates surprise authors
    (`no:` is Norwegian, `version: 1.10` is not 1.1), and fewer resolvers also parse faster.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's resolver, cut to what these files use (libyaml calls it for every node).

        No path resolvers, and a plain scalar whose first character cannot start a boolean,
        null or number is text without trying any pattern.
        """
        if kind is ScalarNode:
            if implicit[0] and (not value or value[0] in _RESOLVED_FIRST):
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered, so there is no path to follow."""

    def ascend_resolver(self) -> None:
        """See `descend_resolver`."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)


class Mark(NamedTuple):
    """A 1-based line and column; `style` (the scalar's quoting) maps offsets inside it.

    A named tuple rather than a dataclass: a guide has tens of thousands of nodes and this is
    built for each of them.
    """

    line: int
    col: int
    style: str | None = None

    def shifted(self, offset: int) -> Mark:
        """The mark of character `offset` inside a one-line scalar (an expression)."""
        if self.style in {"|", ">"}:
            return self
        return Mark(self.line, self.col + offset + (1 if self.style in {"'", '"'} else 0), None)


def _mark_of(node: Node) -> Mark:
    start = node.start_mark
    return Mark(start.line + 1, start.column + 1, getattr(node, "style", None))


class NodeMark:
    """Where a node starts, worked out only if a problem is reported there."""

    __slots__ = ("_node",)

    def __init__(self, node: Node) -> None:
        self._node = node

    @property
    def line(self) -> int:
        return int(self._node.start_mark.line) + 1

    @property
    def col(self) -> int:
        return int(self._node.start_mark.column) + 1

    def shifted(self, offset: int) -> Mark:
        return _mark_of(self._node).shifted(offset)


AnyMark = Mark | NodeMark


def _as_written(value: Any, node: Node) -> Any:
    if isinstance(value, bool | int | float) and isinstance(node, ScalarNode):
        return str(node.value)
    return value


class _MarkView:
    """Marks of a collection's items, looked up by key or index."""

    def __init__(self, nodes: Any, index: int | None) -> None:
        self._nodes = nodes
        self._index = index

    def __getitem__(self, key: Any) -> NodeMark:
        node = self._nodes[key]
        return NodeMark(node if self._index is None else node[self._index])

    def get(self, key: Any, default: AnyMark) -> AnyMark:
        try:
            return self[key]
        except (KeyError, IndexError):
            return default


class LocatedMap(dict[str, Any]):
    """A mapping from YAML that can say where its keys and values are.

    `text_of(key)` gives a scalar as the author wrote it: YAML 1.1 reads `Yes`, `no` or `on` as
    booleans and `1.10` as a number, and a label or an option value must keep what was written.
    """

    def __init__(self, node: MappingNode) -> None:
        super().__init__()
        self._node = node
        self._entries: dict[str, tuple[Node, Node]] | None = None

    def _index(self) -> dict[str, tuple[Node, Node]]:
        if self._entries is None:
            self._entries = {str(k.value): (k, v) for k, v in self._node.value}
        return self._entries

    @property
    def mark(self) -> NodeMark:
        return NodeMark(self._node)

    @property
    def marks(self) -> _MarkView:
        return _MarkView(self._index(), 1)

    @property
    def key_marks(self) -> _MarkView:
        return _MarkView(self._index(), 0)

    def text_of(self, key: str) -> Any:
        """The value at `key`, or its text as written when YAML read it as another scalar."""
        value = self.get(key)
        if isinstance(value, bool | int | float):
            return _as_written(value, self._index()[key][1])
        return value


class LocatedList(list[Any]):
    """A sequence from YAML that can say where its items are (`marks[i]`, `mark`)."""

    def __init__(self, node: SequenceNode) -> None:
        super().__init__()
        self._node = node

    @property
    def mark(self) -> NodeMark:
        return NodeMark(self._node)

    @property
    def marks(self) -> _MarkView:
        return _MarkView(self._node.value, None)

    def text_of(self, index: int) -> Any:
        return _as_written(self[index], self._node.value[index])


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = SafeConstructor()
        #: ids of the collections built so far: a collection met twice came from an alias
        #: (a second line of defence; `_refuse_anchors` reports aliases where they are written).
        self._seen: set[int] = set()

    def fail(self, node: Node, template: str, **params: Any) -> QuestionnaireError:
        mark = _mark_of(node)
        return QuestionnaireError.single(Problem(self.path, mark.line, mark.col, template, params))

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, N_("The file is nested too deeply."))
        if id(node) in self._seen:
            raise self.fail(node, _ANCHOR_MESSAGE)
        self._seen.add(id(node))
        if isinstance(node, MappingNode):
            result = LocatedMap(node)
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(key_node, N_("A key must be a plain word."))
                key = str(key_node.value)  # as written: `no:` is Norwegian, not false
                if key in result:
                    raise self.fail(key_node, N_("The key '{key}' appears twice."), key=key)
                if isinstance(value_node, ScalarNode):
                    result[key] = self.scalar(value_node)
                else:
                    result[key] = self.build(value_node, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            items = LocatedList(node)
            for item in node.value:
                if isinstance(item, ScalarNode):
                    items.append(self.scalar(item))
                else:
                    items.append(self.build(item, depth + 1))
            return items
        return self.scalar(node)

    def scalar(self, node: Node) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, TypeError, OverflowError) as error:
            raise self.fail(
                node, N_("This value cannot be read: {reason}"), reason=str(error)
            ) from None


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is turned into objects.

    Building tens of thousands of small objects that all stay alive makes the collector run
    again and again for nothing: loading a 300-question guide takes half the time without it.
    Nothing built here forms a cycle, so reference counting frees all of it anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document into located values; a YAML error becomes a QuestionnaireError."""
    with no_gc_pauses():
        return _load_yaml(text, path)


_ANCHOR_MESSAGE = N_(
    "Anchors (&name) and aliases (*name) are not allowed in these files: write the value out."
)


def _refuse_anchors(text: str, path: str) -> None:
    """A QuestionnaireError at the first anchor or alias of `text`, if it has one.

    Read from the parser's events (linear in the file's size, nothing is built), so a file
    built to expand exponentially is refused at its first anchor.
    """
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                raise QuestionnaireError.single(
                    Problem(path, mark.line + 1, mark.column + 1, _ANCHOR_MESSAGE, {})
                )
    finally:
        loader.dispose()


def file_too_large(path: str) -> QuestionnaireError:
    """The problem of a file over the size limit (checked before anything is parsed)."""
    return QuestionnaireError.single(
        Problem(
            path,
            1,
            0,
            N_("The file is too large (more than {limit} MB)."),
            {"limit": f"{MAX_YAML_CHARS / 1_048_576:.0f}"},
        )
    )


def _load_yaml(text: str, path: str) -> Any:
    if len(text) > MAX_YAML_CHARS:
        raise file_too_large(path)
    try:
        if _may_have_anchor(text):
            _refuse_anchors(text, path)
        node = yaml.compose(text, Loader=_Loader)
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
