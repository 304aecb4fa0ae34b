"""Checks made once, when a file is loaded: names of functions, arity, references and `.`.

Everything an author can get wrong in an expression is found here with its offset, so that an
interview never stops on a broken rule.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, replace

from free2link_desktop.core.questionnaire.expressions.errors import ExpressionError
from free2link_desktop.core.questionnaire.expressions.evaluator import ASSESSMENT, FUNCTIONS
from free2link_desktop.core.questionnaire.expressions.nodes import (
    Call,
    Current,
    Literal,
    Node,
    Ref,
    walk,
)
from free2link_desktop.i18n import N_, ngettext


@dataclass(frozen=True)
class Scope:
    """What an expression may refer to where it is written."""

    question_ids: Collection[str]
    allow_current: bool = False
    assessment: bool = False
    dimensions: Collection[str] = ()
    indicator_ids: Collection[str] = ()

    @functools.cached_property
    def for_constraint(self) -> Scope:
        """The same scope where `.` (the answer being checked) is allowed too."""
        return replace(self, allow_current=True)


def check(tree: Node, scope: Scope) -> None:
    """Raise ExpressionError for the first thing in `tree` that `scope` does not allow."""
    for node in walk(tree):
        if isinstance(node, Ref) and node.name not in scope.question_ids:
            raise ExpressionError(
                node.offset,
                N_("${{{name}}} refers to a question that does not exist."),
                name=node.name,
            )
        if isinstance(node, Current) and not scope.allow_current:
            raise ExpressionError(
                node.offset, N_("'.' (this answer) can only be used in a constraint.")
            )
        if isinstance(node, Call):
            _check_call(node, scope)


def _check_call(node: Call, scope: Scope) -> None:
    function = FUNCTIONS.get(node.name)
    if function is None:
        raise ExpressionError(
            node.offset,
            N_("Unknown function '{name}'. Known functions: {known}."),
            name=node.name,
            known=", ".join(sorted(FUNCTIONS)),
        )
    if function.where == ASSESSMENT and not scope.assessment:
        raise ExpressionError(
            node.offset, N_("{name}() can only be used in assessment rules."), name=node.name
        )
    if len(node.args) != function.arity:
        raise ExpressionError(
            node.offset,
            ngettext(
                "{name}() takes {count} argument, not {given}.",
                "{name}() takes {count} arguments, not {given}.",
                function.arity,
            ),
            name=node.name,
            count=function.arity,
            given=len(node.args),
        )
    if function.names is None:
        return
    arg = node.args[0]
    if not isinstance(arg, Literal) or not isinstance(arg.value, str):
        raise ExpressionError(
            arg.offset,
            N_("{name}() needs a name in quotes, like {name}('{example}')."),
            name=node.name,
            example=function.names,
        )
    known = scope.dimensions if function.names == "dimension" else scope.indicator_ids
    if arg.value not in known:
        if function.names == "dimension":
            raise ExpressionError(
                arg.offset,
                N_("'{value}' is not a dimension of the indicator library."),
                value=arg.value,
            )
        raise ExpressionError(
            arg.offset,
            N_("'{value}' is not an indicator of the indicator library."),
            value=arg.value,
        )
