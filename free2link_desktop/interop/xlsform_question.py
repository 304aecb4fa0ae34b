"""One XLSForm survey row -> one question of a guide (or two, with "or other")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from free2link_desktop.core.questionnaire.model import YES_NO_VALUES
from free2link_desktop.i18n import N_
from free2link_desktop.interop.xlsform_columns import Columns
from free2link_desktop.interop.xlsform_names import Names, Unusable
from free2link_desktop.interop.xlsform_notes import CHANGED, KEPT, SKIPPED, Lazy, NoteSink
from free2link_desktop.interop.xlsform_types import Kind

_OPTION_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_TRUE = frozenset({"yes", "true", "true()", "1"})
_FALSE = frozenset({"no", "false", "false()", "0", ""})
OTHER_LABEL = N_("Other")
SPECIFY_OTHER = N_("Specify other.")
_TYPE_NAMES = {
    "yes_no": N_("yes/no"),
    "single": N_("single choice"),
    "multiple": N_("multiple choice"),
    "text": N_("text"),
    "integer": N_("number"),
    "date": N_("date"),
    "note": N_("note"),
}


class QuestionBuilder:
    def __init__(
        self,
        note: NoteSink,
        columns: Columns,
        lists: Mapping[str, list[dict[str, Any]]],
        names: Names,
    ) -> None:
        self.note = note
        self.columns = columns
        self.lists = lists
        self.names = names

    def build(
        self, row: Mapping[str, Any], kind: Kind, line: int, name: str
    ) -> dict[str, Any] | None:
        qid = self.names.ids[name]
        say = self._sayer(line, name)
        question: dict[str, Any] = {"id": qid, "type": kind.ours}
        options: list[dict[str, Any]] = []
        if kind.list_name:
            found = self._options(kind, say)
            if found is None:
                return None
            options = found
            if not options:
                question["type"] = "yes_no"
        if str(row.get("free2link_audience") or "").strip() == "interviewer":
            question["audience"] = "interviewer"
        question["text"] = self.columns.text(row, "label", line, name)
        if not question["text"]:
            question["text"] = self.columns.same_text(name)
            say(CHANGED, N_("the question has no label: its name is shown instead"))
        if any("${" in text for text in question["text"].values()):
            say(CHANGED, N_("the label shows ${{…}} as written: guides do not fill answers in"))
        bind = row.get("bind") or {}
        guidance = self.columns.guidance(row, line, bind.get("jr:constraintMsg"))
        if guidance:
            question["guidance"] = guidance
        if options:
            question["options"] = options
        self._expressions(question, bind, say)
        self._required(question, bind, say)
        self._ours(question, row, say)
        if qid != name:
            say(CHANGED, N_("renamed to '{id}' (question ids are lower-case)"), id=qid)
        if row.get("choice_filter"):
            say(CHANGED, N_("the choice filter was dropped: every choice is offered"))
        if kind.base in ("decimal", "add decimal prompt", "q decimal"):
            say(CHANGED, N_("a decimal number: imported as a text question"))
        say(
            KEPT,
            N_("{type} -> {ours}"),
            type=str(row.get("type")),
            ours=Lazy(_TYPE_NAMES[question["type"]]),
        )
        if kind.or_other:
            question["__extra"] = [self._other(question, kind, name, say)]
        return question

    def _sayer(self, line: int, name: str) -> Any:
        def say(kind: str, template: str, **params: Any) -> None:
            self.note(kind, "survey", line, name, template, **params)

        return say

    # -- options ---------------------------------------------------------------------------------
    def _options(self, kind: Kind, say: Any) -> list[dict[str, Any]] | None:
        """The options; [] for a yes/no list; None when the question cannot be imported."""
        rows = self.lists[kind.list_name]
        values = [str(r["name"]) for r in rows]
        if (
            not kind.multiple
            and not kind.or_other
            and {"yes", "no"} <= set(values)
            and set(values) <= set(YES_NO_VALUES)
        ):
            return []
        bad = [v for v in values if not v or not set(v) <= _OPTION_CHARS]
        if bad or not values:
            say(
                SKIPPED,
                N_("the choice '{value}' of list '{list}' is not one word: not imported"),
                value=bad[0] if bad else "",
                list=kind.list_name,
            )
            return None
        options = []
        for r, value in zip(rows, values, strict=True):
            label = self.columns.values(r.get("label"))
            label = self.columns.complete(label, int(r["__row"]), value, "label", "choices")
            options.append({"value": value, "label": label or self.columns.same_text(value)})
        if kind.or_other and "other" not in values:
            options.append({"value": "other", "label": self.columns.translated(OTHER_LABEL)})
        return options

    def _other(self, question: dict[str, Any], kind: Kind, name: str, say: Any) -> dict[str, Any]:
        other_id = self.names.others[name]
        test = (
            f"selected(${{{question['id']}}}, 'other')"
            if kind.multiple
            else f"${{{question['id']}}} = 'other'"
        )
        say(
            CHANGED,
            N_("'or other': an option 'other' and a text question '{id}' were added"),
            id=other_id,
        )
        extra: dict[str, Any] = {
            "id": other_id,
            "type": "text",
            "text": self.columns.translated(SPECIFY_OTHER),
            "relevant": test,
        }
        if question.get("audience"):
            extra["audience"] = question["audience"]
        return extra

    # -- rules -----------------------------------------------------------------------------------
    def _expression(self, source: Any, key: str, say: Any, constraint: bool = False) -> str | None:
        if not source or not str(source).strip():
            return None
        try:
            return self.names.translate(str(source), constraint=constraint)
        except Unusable as error:
            say(
                CHANGED,
                N_("'{key}' dropped: {reason}"),
                key=key,
                reason=Lazy(error.template, error.params),
            )
            return None

    def _expressions(self, question: dict[str, Any], bind: Mapping[str, Any], say: Any) -> None:
        relevant = self._expression(bind.get("relevant"), "relevant", say)
        if relevant:
            question["relevant"] = relevant
        source = bind.get("constraint")
        if source and question["type"] not in ("integer", "date"):
            say(
                CHANGED,
                N_("the constraint was dropped: guides check only numbers and dates"),
            )
        elif source:
            constraint = self._expression(source, "constraint", say, constraint=True)
            if constraint:
                question["constraint"] = constraint

    def _required(self, question: dict[str, Any], bind: Mapping[str, Any], say: Any) -> None:
        value = str(bind.get("required") or "").strip()
        if value.lower() in _TRUE and question["type"] != "note":
            question["required"] = True
        elif value.lower() not in _FALSE and question["type"] != "note":
            say(
                CHANGED,
                N_("required only when '{expression}': imported as not required"),
                expression=value,
            )

    def _ours(self, question: dict[str, Any], row: Mapping[str, Any], say: Any) -> None:
        """Our own columns (free2link_indicators, free2link_urgent) from an exported guide."""
        triggers = []
        for line in str(row.get("free2link_indicators") or "").splitlines():
            indicator, _sep, when = line.partition(":")
            when_text = self._expression(when, "free2link_indicators", say)
            if indicator.strip() and when_text:
                triggers.append({"id": indicator.strip(), "when": when_text})
        if triggers:
            question["indicators"] = triggers
        urgent = self._expression(row.get("free2link_urgent"), "free2link_urgent", say)
        if urgent:
            question["urgent"] = urgent
