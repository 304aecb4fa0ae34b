"""The interview guides, section by section: what is asked, how, when, and what it can raise.

Staff prepare for an interview by reading the guide; interpreters check a translation by showing
it in another language (the "Show questions in" choice, right-to-left for Arabic, with the draft
badge when that translation is a draft).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import N_, _, current_language, ngettext
from free2link_desktop.ui.interview.answers import YES_NO_LABELS
from free2link_desktop.ui.interview.texts import (
    INTERVIEWEE_LANGUAGES,
    is_rtl,
    language_label,
    ltr_isolate,
    pick,
    status_label,
)
from free2link_desktop.ui.language import Retranslating

ROLE = Qt.ItemDataRole.UserRole
TYPES = {
    "yes_no": N_("Yes / No / Don't know / Prefer not to answer"),
    "single": N_("One choice"),
    "multiple": N_("Several choices"),
    "text": N_("Free text"),
    "integer": N_("A whole number"),
    "date": N_("A date"),
    "note": N_("Information to share (no answer)"),
}


class GuideBrowser(Retranslating, QWidget):
    """A guide chooser, its sections and questions as a tree, and the chosen one's details."""

    def __init__(self, guides: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guides = list(guides)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.guide = QComboBox(self)
        self.language = QComboBox(self)
        self.guide_label = QLabel(self)
        self.language_label = QLabel(self)
        self.guide_label.setBuddy(self.guide)
        self.language_label.setBuddy(self.language)
        form.addRow(self.guide_label, self.guide)
        form.addRow(self.language_label, self.language)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        self.guide.currentIndexChanged.connect(self._fill_tree)
        self.language.currentIndexChanged.connect(self._refresh_details)
        self.tree.currentItemChanged.connect(self._refresh_details)
        self.setTabOrder(self.guide, self.language)
        self.setTabOrder(self.language, self.tree)
        self.setTabOrder(self.tree, self.details)
        self.retranslate_ui()

    def current_guide(self) -> Any | None:
        index = self.guide.currentIndex()
        return self.guides[index] if 0 <= index < len(self.guides) else None

    def shown_language(self) -> str:
        return self.language.currentData() or current_language()

    def _fill_tree(self, *_args: object) -> None:
        guide = self.current_guide()
        language = current_language()
        self.tree.clear()
        if guide is None:
            return
        for number, section in enumerate(guide.sections, start=1):
            top = QTreeWidgetItem(self.tree, [f"{number}. {pick(section.title, language)}"])
            top.setData(0, ROLE, ("section", section))
            for question in section.questions:
                text = pick(question.text, language)
                if question.audience == "interviewer":
                    text = _("Observation: {text}").format(text=text)
                child = QTreeWidgetItem(top, [text])
                child.setData(0, ROLE, ("question", question))
                child.setToolTip(0, text)
        self.tree.expandAll()
        # Qt takes None (no current item); the PySide6 stubs say it may not
        self.tree.setCurrentItem(self.tree.topLevelItem(0))  # type: ignore[arg-type]
        self._fill_languages()

    def _fill_languages(self) -> None:
        guide = self.current_guide()
        chosen = self.language.currentData() or current_language()
        self.language.blockSignals(True)
        self.language.clear()
        for code in INTERVIEWEE_LANGUAGES:
            status = guide.language_status(code) if guide is not None else None
            if status is None:
                continue
            self.language.addItem(
                _("{language} — {status}").format(
                    language=language_label(code), status=status_label(status)
                ),
                code,
            )
        index = self.language.findData(chosen)
        self.language.setCurrentIndex(index if index >= 0 else 0)
        self.language.blockSignals(False)

    def _refresh_details(self, *_args: object) -> None:
        item = self.tree.currentItem()
        if item is None:
            self.details.clear()
            return
        kind, obj = item.data(0, ROLE)
        html_text = self.section_html(obj) if kind == "section" else self.question_html(obj)
        self.details.setHtml(html_text)

    def _shown(self, text: Any) -> str:
        """`text` in the chosen language, in its own direction, with the draft badge."""
        esc = html.escape
        code = self.shown_language()
        guide = self.current_guide()
        direction = "rtl" if is_rtl(code) else "ltr"
        value = pick(text, code, fallback=False)
        if not value:
            return "<p><i>" + esc(_("Not translated into this language.")) + "</i></p>"
        badge = ""
        if guide is not None and guide.language_status(code) == "draft":
            text = _("Draft translation — check with an interpreter")
            badge = f"<p><b>⚠ {esc(text)}</b></p>"
        align = "right" if direction == "rtl" else "left"
        return (
            f'{badge}<table width="100%"><tr><td dir="{direction}" align="{align}">'
            f"<big>{esc(value)}</big></td></tr></table>"
        )

    def section_html(self, section: Any) -> str:
        esc = html.escape
        language = current_language()
        parts = [f"<h2>{esc(pick(section.title, language))}</h2>"]
        guidance = pick(section.guidance, language)
        if guidance:
            text = _("Guidance")
            parts.append(f"<h3>{esc(text)}</h3><p>{esc(guidance)}</p>")
        if section.relevant is not None:
            parts.append(
                "<p><i>"
                + esc(
                    _("Asked only when: {rule}").format(rule=ltr_isolate(section.relevant.source))
                )
                + "</i></p>"
            )
        count = len(section.questions)
        questions = ngettext("{count} question", "{count} questions", count).format(count=count)
        parts.append(f"<p>{esc(questions)}</p>")
        return "".join(parts)

    def question_html(self, question: Any) -> str:
        esc = html.escape
        language = current_language()
        guide = self.current_guide()
        parts = [f"<h2>{esc(pick(question.text, language))}</h2>"]
        if question.audience == "interviewer":
            text = _("Observation — for you, not to be read out")
            parts.append(f"<p><b>{esc(text)}</b></p>")
        elif self.shown_language() != language:
            parts.append(f"<h3>{esc(language_label(self.shown_language()))}</h3>")
            parts.append(self._shown(question.text))
        kind = _(TYPES.get(question.type, question.type))
        text = _("Answer: {kind}").format(kind=kind)
        # explicit direction: Qt gives the paragraph after a right-to-left table cell its
        # alignment unless told otherwise
        staff_dir, staff_align = ("rtl", "right") if is_rtl(language) else ("ltr", "left")
        parts.append(f'<p dir="{staff_dir}" align="{staff_align}">{esc(text)}</p>')
        if question.type == "yes_no":
            answers = " · ".join(_(label) for label in YES_NO_LABELS.values())
            parts.append("<p>" + esc(answers) + "</p>")
        if question.options:
            parts.append("<ol>")
            parts.extend(f"<li>{esc(pick(o.label, language))}</li>" for o in question.options)
            parts.append("</ol>")
        guidance = pick(question.guidance, language)
        if guidance:
            text = _("How to ask")
            parts.append(f"<h3>{esc(text)}</h3><p>{esc(guidance)}</p>")
        rules = []
        if question.relevant is not None:
            rules.append(
                _("Asked only when: {rule}").format(rule=ltr_isolate(question.relevant.source))
            )
        if question.constraint is not None:
            rules.append(
                _("Accepted answers: {rule}").format(rule=ltr_isolate(question.constraint.source))
            )
        if question.urgent is not None:
            rules.append(_("Urgent when: {rule}").format(rule=ltr_isolate(question.urgent.source)))
        if rules:
            parts.append("<p><i>" + "<br>".join(esc(r) for r in rules) + "</i></p>")
        if question.indicators and guide is not None:
            text = _("Can raise")
            parts.append(f"<h3>{esc(text)}</h3><ul>")
            for trigger in question.indicators:
                try:
                    title = pick(guide.library.indicator(trigger.id).title, language)
                except KeyError:
                    title = trigger.id
                parts.append(
                    f"<li>{esc(title)} <i>({esc(ltr_isolate(trigger.when.source))})</i></li>"
                )
            parts.append("</ul>")
        return "".join(parts)

    def retranslate_ui(self) -> None:
        language = current_language()
        self.guide_label.setText(_("&Guide"))
        self.language_label.setText(_("Show &questions in"))
        self.guide.setAccessibleName(_("Interview guide"))
        self.language.setAccessibleName(_("Language of the questions"))
        self.tree.setAccessibleName(_("Sections and questions"))
        self.details.setAccessibleName(_("Details"))
        index = max(0, self.guide.currentIndex())
        self.guide.blockSignals(True)
        self.guide.clear()
        for guide in self.guides:
            self.guide.addItem(
                _("{title} (version {version})").format(
                    title=pick(guide.title, language), version=guide.version
                )
            )
        self.guide.setCurrentIndex(index if self.guides else -1)
        self.guide.blockSignals(False)
        self._fill_tree()
