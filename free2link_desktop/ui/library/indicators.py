"""The indicator library: search, filter by dimension, strength and online, read the details.

Fifty-odd indicators are few enough to filter in place (hiding list rows), which keeps the
result instant as one types. Search looks at the title and description in the staff language
and in English (staff often remember the English term), and at the id.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.core.questionnaire.model import STRENGTHS
from free2link_desktop.i18n import N_, _, current_language
from free2link_desktop.ui import formatting
from free2link_desktop.ui.interview.texts import pick
from free2link_desktop.ui.language import Retranslating

ROLE = Qt.ItemDataRole.UserRole
ONLINE = (("", N_("Online and offline")), ("yes", N_("Online only")), ("no", N_("Offline only")))


def matches(indicator: Any, words: Sequence[str], language: str) -> bool:
    haystack = " ".join(
        (
            indicator.id.replace("_", " "),
            pick(indicator.title, language),
            pick(indicator.description, language),
            pick(indicator.title, "en"),
            pick(indicator.description, "en"),
        )
    ).casefold()
    return all(word in haystack for word in words)


class IndicatorBrowser(Retranslating, QWidget):
    """Search box and filters above a list; the chosen indicator's details beside it."""

    def __init__(
        self, library: Any, guides: Sequence[Any] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.guides = list(guides)
        layout = QVBoxLayout(self)
        filters = QFormLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.dimension = QComboBox(self)
        self.strength = QComboBox(self)
        self.online = QComboBox(self)
        self.search_label = QLabel(self)
        self.dimension_label = QLabel(self)
        self.strength_label = QLabel(self)
        self.online_label = QLabel(self)
        for label, field in (
            (self.search_label, self.search),
            (self.dimension_label, self.dimension),
            (self.strength_label, self.strength),
            (self.online_label, self.online),
        ):
            label.setBuddy(field)
            filters.addRow(label, field)
        self.count = QLabel(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout.addLayout(row)
        for indicator in getattr(library, "indicators", ()):
            item = QListWidgetItem(self.list)
            item.setData(ROLE, indicator)
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.dimension, self.strength, self.online):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.list.currentItemChanged.connect(self._show_details)
        self.retranslate_ui()
        self.setTabOrder(self.search, self.dimension)
        self.setTabOrder(self.dimension, self.strength)
        self.setTabOrder(self.strength, self.online)
        self.setTabOrder(self.online, self.list)
        self.setTabOrder(self.list, self.details)
        self.setFocusProxy(self.search)

    def visible_ids(self) -> list[str]:
        return [
            self.list.item(row).data(ROLE).id
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def apply_filter(self, *_args: object) -> None:
        words = self.search.text().casefold().split()
        dimension = self.dimension.currentData()
        strength = self.strength.currentData()
        online = self.online.currentData()
        language = current_language()
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            indicator = item.data(ROLE)
            visible = (
                matches(indicator, words, language)
                and (not dimension or indicator.dimension == dimension)
                and (not strength or indicator.strength == strength)
                and (not online or indicator.online == (online == "yes"))
            )
            item.setHidden(not visible)
            shown += visible
        total = self.list.count()
        self.count.setText(_("{shown} of {total} indicators").format(shown=shown, total=total))
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = next(
                (self.list.item(r) for r in range(total) if not self.list.item(r).isHidden()),
                None,
            )
            self.list.setCurrentItem(first)  # type: ignore[arg-type]  # None clears it; stubs say no
            if first is None:
                text = _("No indicator matches.")
                self.details.setHtml(f"<p>{html.escape(text)}</p>")

    def _fill_combo(
        self, combo: QComboBox, entries: Sequence[tuple[str, str]], all_text: str
    ) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, "")
        for value, text in entries:
            combo.addItem(text, value)
        index = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _show_details(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        self.details.setHtml(self.details_html(item.data(ROLE)))

    def details_html(self, indicator: Any) -> str:
        language = current_language()
        esc = html.escape
        try:
            dimension = pick(self.library.dimension(indicator.dimension).title, language)
        except KeyError:
            dimension = indicator.dimension
        facts = [
            _("Dimension: {dimension}").format(dimension=dimension),
            _("Strength: {strength}").format(strength=formatting.strength(indicator.strength)),
            _("Specific to online recruitment or exploitation")
            if indicator.online
            else _("Not specific to online recruitment or exploitation"),
        ]
        sources_heading = _("Sources")
        parts = [
            f"<h2>{esc(pick(indicator.title, language))}</h2>",
            "<p>" + "<br>".join(esc(f) for f in facts) + "</p>",
            f"<p>{esc(pick(indicator.description, language))}</p>",
            f"<h3>{esc(sources_heading)}</h3><ul>",
            *(f"<li>{esc(source)}</li>" for source in indicator.sources),
            "</ul>",
        ]
        asked = [
            (pick(guide.title, language), pick(question.text, language))
            for guide in self.guides
            for question in guide.questions
            if any(t.id == indicator.id for t in question.indicators)
        ]
        if asked:
            text = _("Questions that can raise it")
            parts.append(f"<h3>{esc(text)}</h3><ul>")
            parts.extend(f"<li>{esc(text)} <i>({esc(title)})</i></li>" for title, text in asked)
            parts.append("</ul>")
        return "".join(parts)

    def retranslate_ui(self) -> None:
        language = current_language()
        self.search_label.setText(_("&Search"))
        self.search.setPlaceholderText(_("Words in the title or description"))
        self.search.setAccessibleName(_("Search indicators"))
        self.dimension_label.setText(_("&Dimension"))
        self.strength_label.setText(_("St&rength"))
        self.online_label.setText(_("&Online"))
        self.dimension.setAccessibleName(_("Filter by dimension"))
        self.strength.setAccessibleName(_("Filter by strength"))
        self.online.setAccessibleName(_("Filter by online or offline"))
        self.list.setAccessibleName(_("Indicators"))
        self.details.setAccessibleName(_("Indicator details"))
        dims = [(d.id, pick(d.title, language)) for d in getattr(self.library, "dimensions", ())]
        self._fill_combo(self.dimension, dims, _("All dimensions"))
        strengths = [(value, formatting.strength(value)) for value in STRENGTHS]
        self._fill_combo(self.strength, strengths, _("All strengths"))
        self._fill_combo(self.online, [(v, _(t)) for v, t in ONLINE[1:]], _(ONLINE[0][1]))
        for row in range(self.list.count()):
            item = self.list.item(row)
            indicator = item.data(ROLE)
            strength = formatting.strength(indicator.strength)
            template = (
                _("{title} ({strength}, online)") if indicator.online else _("{title} ({strength})")
            )
            item.setText(template.format(title=pick(indicator.title, language), strength=strength))
        self.apply_filter()
        if self.list.currentItem() is not None:
            self._show_details(self.list.currentItem())
