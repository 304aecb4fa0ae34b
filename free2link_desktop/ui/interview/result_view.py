"""The result of a screening, explained: level, why (indicators and the answers that raised
them, with their sources), what to do next, and the plain statement that nothing rules
trafficking out. "Prepare referral" hands over to the reports helper; roles without
"report.export" see it disabled, with the reason.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import N_, _, current_language, pgettext
from free2link_desktop.ui import formatting
from free2link_desktop.ui.interview.answers import YES_NO_LABELS, scaled_font
from free2link_desktop.ui.interview.texts import is_rtl, pick


def strength_tag(strength: str) -> str:
    """An indicator's strength as the tag after its title, "(strong, online)".

    With a context: the word agrees with "indicator", whose gender differs from that of the
    assessment levels ("medium") in Greek, Polish and Arabic.
    """
    tags = {
        "strong": pgettext("indicator strength, after the indicator's title", "strong"),
        "medium": pgettext("indicator strength, after the indicator's title", "medium"),
        "weak": pgettext("indicator strength, after the indicator's title", "weak"),
    }
    return tags.get(strength, strength)


NOT_RULED_OUT = N_(
    "No result rules trafficking out. A person may not be ready to speak; stay available, "
    "and screen again if the situation changes."
)


def answer_text(question: Any, value: Any, language: str) -> str:
    """An answer as staff read it: option labels rather than stored values."""
    if value is None or value == "" or value == [] or value == ():
        return _("not answered")
    kind = getattr(question, "type", "")
    if kind == "yes_no":
        labels = {v: _(label) for v, label in YES_NO_LABELS.items()}
        return labels.get(value, str(value))
    if kind in ("single", "multiple"):
        values = value.split() if isinstance(value, str) and kind == "multiple" else value
        values = [values] if isinstance(values, str) else list(values)
        shown = []
        for item in values:
            option = question.option(item) if hasattr(question, "option") else None
            shown.append(pick(option.label, language) if option else str(item))
        return ", ".join(shown)
    return str(value)


def level_name(level: str | None) -> str:
    if not level:
        return _("Not assessed")
    return formatting.level(level)


#: text colours per level, for a light and a dark background (each at least 4.5:1 against it)
LEVEL_COLOURS: dict[str, tuple[str, str]] = {
    "high": ("#b00020", "#ff8a80"),
    "medium": ("#8a4b00", "#ffb74d"),
    "low": ("#00529b", "#90caf9"),
}


def level_colour(level: str | None, palette: QPalette) -> str | None:
    """The colour that marks an assessment level (none for "none"); the words say it too."""
    colours = LEVEL_COLOURS.get(level or "")
    if colours is None:
        return None
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return colours[1] if dark else colours[0]


class ResultView(QWidget):
    """Shows a ScreeningResult for one questionnaire and its answers."""

    referral_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.level = QLabel(self)
        self.level.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.level.setWordWrap(True)
        self.statement = QLabel(self)
        self.statement.setWordWrap(True)
        self.statement.setFrameShape(QFrame.Shape.StyledPanel)
        self.statement.setMargin(8)
        self.body = QTextBrowser(self)
        self.body.setOpenLinks(False)
        self.body.setObjectName("result_body")
        # a visible focus: the body is where the keyboard starts, and it scrolls with the keys
        self.body.setStyleSheet(
            "QTextBrowser#result_body:focus { border: 2px solid palette(highlight); }"
        )
        self.refer = QPushButton(self)
        self.refer.setAutoDefault(True)
        self.refer.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(True)
        self.refer.clicked.connect(self.referral_requested)
        self.close_button.clicked.connect(self.closed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refer)
        layout.addWidget(self.heading)
        layout.addWidget(self.level)
        layout.addWidget(self.statement)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.body, self.refer)
        self.setTabOrder(self.refer, self.close_button)
        self._questionnaire: Any = None
        self._result: Any = None
        self._answers: Mapping[str, Any] = {}
        self._can_export = False
        self._contacts: list[str] = []
        self.retranslateUi()

    def show_result(
        self,
        questionnaire: Any,
        result: Any,
        answers: Mapping[str, Any],
        *,
        can_export: bool,
        contacts: Sequence[str] = (),
    ) -> None:
        self._questionnaire = questionnaire
        self._result = result
        self._answers = dict(answers)
        self._can_export = can_export
        self._contacts = list(contacts)
        # the main action: Enter on the result prepares the referral (when the role may)
        self.refer.setDefault(can_export)
        self.retranslateUi()
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def scroll_page(self, pages: int) -> None:
        """Page Down / Page Up read through the result, wherever the focus is."""
        bar = self.body.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())

    def text(self) -> str:
        """Everything the view says, as plain text (for screen readers' summaries and tests)."""
        return "\n".join((self.level.text(), self.statement.text(), self.body.toPlainText()))

    def retranslateUi(self) -> None:
        self.heading.setText(_("Result of the screening"))
        self.statement.setText(_(NOT_RULED_OUT))
        self.statement.setAccessibleName(self.statement.text())
        self.refer.setText(_("Prepare referral…"))
        self.refer.setAccessibleName(_("Prepare referral"))
        self.close_button.setText(_("Back to the case"))
        self.refer.setEnabled(self._can_export)
        self.refer.setToolTip(
            "" if self._can_export else _("Your role does not allow exporting referrals.")
        )
        self.body.setAccessibleName(_("Indicators and advice"))
        result = self._result
        if result is None:
            self.level.clear()
            self.body.clear()
            return
        language = current_language()
        label = pick(getattr(result, "label", None), language)
        self.level.setText(
            _("Assessment: {level} — {label}").format(
                level=level_name(getattr(result, "level", None)), label=label
            )
        )
        self.level.setAccessibleName(self.level.text())
        colour = level_colour(getattr(result, "level", None), self.palette())
        self.level.setStyleSheet(f"color: {colour};" if colour else "")
        direction = "rtl" if is_rtl(language) else "ltr"
        self.body.setHtml(f'<div dir="{direction}">{self._body_html(language)}</div>')

    def _body_html(self, language: str) -> str:
        result = self._result
        questionnaire = self._questionnaire
        esc = html.escape
        parts: list[str] = []
        advice = pick(getattr(result, "advice", None), language)
        if advice:
            heading = _("What to do next")  # outside the f-string, so babel extracts it
            parts.append(f"<h3>{esc(heading)}</h3><p>{esc(advice)}</p>")
        if self._contacts and (
            getattr(result, "level", None) in ("high", "medium") or getattr(result, "urgent", False)
        ):
            numbers = _("Numbers for this centre's country (from the referral directory):")
            parts.append(f"<p><b>{esc(numbers)}</b></p><ul>")
            parts.extend(f"<li>{esc(line)}</li>" for line in self._contacts)
            parts.append("</ul>")
        if getattr(result, "urgent", False):
            asked = [
                pick(questionnaire.question(qid).text, language)
                for qid in getattr(result, "urgent_questions", ())
            ]
            parts.append(
                "<p><b>" + esc(_("Urgent: an answer called for immediate action.")) + "</b></p><ul>"
            )
            parts.extend(f"<li>{esc(text)}</li>" for text in asked)
            parts.append("</ul>")
        raised = list(getattr(result, "indicators", ()))
        heading = _("Indicators raised ({count})").format(count=len(raised))
        parts.append(f"<h3>{esc(heading)}</h3>")
        if not raised:
            none_raised = _("No indicator was raised by the answers given.")
            parts.append(f"<p>{esc(none_raised)}</p>")
        library = questionnaire.library
        for dimension in library.dimensions:
            mine = [r for r in raised if r.indicator.dimension == dimension.id]
            if not mine:
                continue
            parts.append(f"<h4>{esc(pick(dimension.title, language))}</h4><ul>")
            for item in mine:
                parts.append(self._indicator_html(item, language))
            parts.append("</ul>")
        missing = list(getattr(result, "unanswered_required", ()))
        if missing:
            names = "; ".join(pick(questionnaire.question(q).text, language) for q in missing)
            parts.append(
                "<p><i>"
                + esc(_("Required questions left unanswered: {questions}").format(questions=names))
                + "</i></p>"
            )
        return "".join(parts)

    def _indicator_html(self, item: Any, language: str) -> str:
        esc = html.escape
        indicator = item.indicator
        tags = [strength_tag(indicator.strength)]
        if indicator.online:
            tags.append(_("online"))
        lines = [
            f"<li><b>{esc(pick(indicator.title, language))}</b> ({esc(', '.join(tags))})",
            f"<br>{esc(pick(indicator.description, language))}",
        ]
        for qid in item.questions:
            question = self._questionnaire.question(qid)
            lines.append(
                "<br>"
                + esc(
                    _("Raised by: “{question}” — answer: {answer}").format(
                        question=pick(question.text, language),
                        answer=answer_text(question, self._answers.get(qid), language),
                    )
                )
            )
        if indicator.sources:
            lines.append(
                "<br><small>"
                + esc(_("Sources: {sources}").format(sources="; ".join(indicator.sources)))
                + "</small>"
            )
        lines.append("</li>")
        return "".join(lines)
