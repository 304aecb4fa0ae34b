"""What a person sees on a screen, and which of it is English that should have been translated.

Two nets, because they catch different mistakes:
- catalog leaks: a visible text that is (or contains) an English source string of our catalog
  whose translation in this language differs. This catches widgets that never call `_()` again
  after a language change, and strings marked but missed by a retranslate method.
- stray English: English words in text that is neither a catalog string nor data (a guide's
  own text, a case's alias), which catches strings that were never marked for translation.
  Greek and Arabic are written in other scripts, so any Latin word there is suspect; Italian and
  Polish are checked for common English words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from free2link_desktop.i18n import LANGUAGES
from free2link_desktop.i18n.catalogs import po_path, read_catalog

#: Words that may appear in any language: names of products, formats and platforms.
ALLOWED_WORDS = frozenset(
    {
        "free2link", "desktop", "ok", "pdf", "csv", "yaml", "json", "qt", "id", "email",
        "e-mail", "whatsapp", "facebook", "telegram", "instagram", "tiktok", "viber", "signal",
        "hmac", "sqlcipher", "online", "screening", "alias", "app", "sms", "url", "iban",
        "xlsform", "odk", "kobotoolbox", "surveycto", "ona",
        # names printed on the keys themselves, as Qt shows them in shortcuts
        "alt", "ctrl", "shift", "esc", "tab", "enter", "del", "home", "end", "pgup", "pgdown",
        # languages named in their own words, so a speaker finds their language
        "english", "italiano", "polski", "français", "deutsch", "español", "português",
        "română", "türkçe", "shqip", "soomaali",
    }
)  # fmt: skip
#: Common English words that are not also Italian or Polish words ("guide", "case" and "to"
#: are Italian or Polish words too, so they are not listed).
ENGLISH_WORDS = frozenset(
    {
        "the", "and", "of", "is", "are", "your", "this", "with", "for", "next", "back", "cancel",
        "save", "question", "questions", "answer", "answers", "interview", "section",
        "language", "yes", "not", "cases", "notes", "stop", "pause", "finish", "result",
        "start", "continue", "what", "which", "who", "when", "how", "you", "from", "here",
    }
)  # fmt: skip
#: The language menus name each language in its own words ("English" stays "English").
ENDONYMS = frozenset(LANGUAGES.values())
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ž][A-Za-zÀ-ÖØ-öø-ž'-]+")
_CODE = re.compile(r"\S*\d\S*")  # case codes, dates, versions, numbers
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Seen:
    widget: str
    text: str


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _texts_of(widget: QWidget) -> Iterable[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.placeholderText()
        yield widget.toPlainText() if widget.isReadOnly() else ""
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QMenuBar):
        for action in widget.actions():
            if action.isVisible():
                yield action.text()
                menu = action.menu()
                if menu is not None:
                    yield from (item.text() for item in menu.actions() if item.isVisible())
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        for row in range(min(model.rowCount(root), 30)):
            columns = 1 if isinstance(widget, QListView) else model.columnCount(root)
            for column in range(columns):
                yield str(model.index(row, column, root).data() or "")
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    yield widget.accessibleName()


def visible_texts(root: QWidget) -> list[Seen]:
    """Every text shown by `root` and its visible descendants (labels, buttons, tooltips...)."""
    seen = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisible():
            continue
        for text in _texts_of(widget):
            plain = _plain(text or "")
            if plain:
                seen.append(Seen(type(widget).__name__, plain))
    return seen


def data_strings(*yaml_files: Any) -> frozenset[str]:
    """Every string in the given YAML files (guide texts, option labels, directory entries)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.add(node.strip())

    for path in yaml_files:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(text for text in found if text)


def _pattern(source: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(_plain(source.replace("{{", "{").replace("}}", "}")))
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def _letters(text: str) -> int:
    return len(re.findall(r"[^\W\d_]", text))


@cache
def _leak_patterns(language: str) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(English source, its pattern, whether it may appear inside a longer text)."""
    catalog: Catalog = read_catalog(po_path(language), language)
    patterns = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        translations = [message.string] if isinstance(message.string, str) else message.string
        for source in sources:
            if source in translations:
                continue
            literal = _PLACEHOLDER.sub("", source)
            if not re.search(r"[A-Za-z]{2}", literal):
                continue
            inside = len(re.findall(r"[A-Za-z]{3,}", literal)) >= 3
            patterns.append((source, _pattern(source), inside))
    return tuple(patterns)


def _without(text: str, data: frozenset[str]) -> str:
    for item in sorted(data, key=len, reverse=True):
        if len(item) > 2 and item in text:
            text = text.replace(item, " ")
    return text


def english_leaks(seen: list[Seen], language: str, data: frozenset[str]) -> list[str]:
    """Descriptions of every visible text that is English where `language` was expected."""
    problems = []
    # Data goes through the same clean-up as screen text (labels lose their "&" accelerators).
    data = data | ENDONYMS | {_plain(text) for text in data}
    for item in seen:
        if item.text in data:
            continue
        for source, pattern, inside in _leak_patterns(language):
            match = pattern.search(item.text) if inside else pattern.fullmatch(item.text)
            # "{start} to {end}" fits any text with " to " in it: count a match only when the
            # source's own English words are at least half of the letters matched.
            literal = _letters(_PLACEHOLDER.sub("", source))
            if match and literal * 2 >= _letters(match.group(0)):
                problems.append(f"{item.widget}: {item.text!r} is the English of {source!r}")
                break
        else:
            rest = _CODE.sub(" ", _without(item.text, data))
            words = {word.lower() for word in _LATIN_WORD.findall(rest)}
            if language in ("el", "ar"):
                stray = {word for word in words if len(word) > 2} - ALLOWED_WORDS
            else:
                stray = words & ENGLISH_WORDS
            if stray:
                problems.append(f"{item.widget}: {item.text!r} has English words {sorted(stray)}")
    return problems
