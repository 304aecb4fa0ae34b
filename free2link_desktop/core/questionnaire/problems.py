"""Problems found in questionnaire files and answers, and the errors that carry them.

A problem keeps its message template and parameters (not translated text) so it reads correctly
in whatever staff language is active when it is shown; `str(problem)` is the line an author sees:
`path/to/file.yaml:LINE:COL: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_, _

ERROR = "error"
WARNING = "warning"


def _render(template: str, params: dict[str, Any]) -> str:
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template.format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, for a warning) at a place in a file."""

    path: str
    line: int
    col: int
    template: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self) -> str:
        text = _render(self.template, self.params)
        if self.severity == WARNING:
            text = _("warning: {message}").format(message=text)
        return text

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"
        return f"{place}: {self.message()}"


class QuestionnaireError(InputRefused):
    """A questionnaire, indicator library or directory file that cannot be used.

    `problems` lists every problem found (one line each in the message); `file`, `line` and
    `col` are those of the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = [p for p in problems if p.is_error] or list(problems)
        first = self.problems[0] if self.problems else Problem("?", 1, 0, N_("Unknown problem."))
        self.file, self.line, self.col = first.path, first.line, first.col
        super().__init__("{problems}", problems="")

    @classmethod
    def single(cls, problem: Problem) -> QuestionnaireError:
        return cls([problem])

    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class AnswerRefused(InputRefused):
    """One answer that does not fit its question; the message names the question id."""

    def __init__(self, question_id: str, template: str, /, **params: Any) -> None:
        self.question_id = question_id
        self.reason_template = template
        self.reason_params = params
        super().__init__(template, **params)

    def reason(self) -> str:
        return _render(self.reason_template, self.reason_params)

    def message(self) -> str:
        return _("{question}: {reason}").format(question=self.question_id, reason=self.reason())


class AnswersRefused(InputRefused):
    """Several answers refused at once (an ANSWERS.json file): one line per problem."""

    def __init__(self, refusals: Iterable[AnswerRefused | InputRefused]) -> None:
        self.refusals = list(refusals)
        super().__init__("{problems}", problems="")

    def message(self) -> str:
        return "\n".join(r.message() for r in self.refusals)
