"""The indicator library and the guides browser, over the bundled files, by keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from free2link_desktop.core.questionnaire import bundled_questionnaires, load_indicator_library
from free2link_desktop.paths import questionnaires_dir
from free2link_desktop.ui.interview import LibraryBrowser
from tests.ui.interview.keys import focused, press, show, type_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
Key = Qt.Key


@pytest.fixture
def library() -> Any:
    return load_indicator_library(questionnaires_dir() / "indicators.yaml")


def test_search_and_filters_by_keyboard(qtbot: Any, library: Any) -> None:
    browser = LibraryBrowser()
    show(qtbot, browser)
    panel = browser.indicators
    assert focused(browser) is panel.search
    assert len(panel.visible_ids()) == len(library.indicators)

    type_text(qtbot, browser, "passport")
    expected = {
        i.id
        for i in library.indicators
        if "passport" in (i.title.get("en") + " " + i.description.get("en")).casefold()
    }
    assert expected and set(panel.visible_ids()) == expected
    assert f"of {len(library.indicators)} indicators" in panel.count.text()

    for _ in range(len("passport")):
        press(qtbot, browser, Key.Key_Backspace)
    press(qtbot, browser, Key.Key_Tab)  # the dimension filter
    press(qtbot, browser, Key.Key_Tab)  # the strength filter
    assert focused(browser) is panel.strength
    press(qtbot, browser, Key.Key_Down)  # strong
    press(qtbot, browser, Key.Key_Tab)
    press(qtbot, browser, Key.Key_Down)  # online only
    wanted = {i.id for i in library.indicators if i.strength == "strong" and i.online}
    assert wanted and set(panel.visible_ids()) == wanted

    # the details of the chosen indicator: description and sources
    press(qtbot, browser, Key.Key_Tab)
    assert focused(browser) is panel.list
    press(qtbot, browser, Key.Key_Down)
    chosen = panel.list.currentItem().data(Qt.ItemDataRole.UserRole)
    details = panel.details.toPlainText()
    assert chosen.title.get("en") in details
    assert chosen.description.get("en") in details
    assert chosen.sources[0] in details

    # a dimension filter with nothing matching says so
    panel.dimension.setCurrentIndex(1)
    panel.search.setFocus()
    type_text(qtbot, browser, "zzzz-nothing")
    assert panel.visible_ids() == []
    assert "No indicator matches" in panel.details.toPlainText()


def test_guides_section_by_section(qtbot: Any) -> None:
    browser = LibraryBrowser()
    show(qtbot, browser)
    guides = bundled_questionnaires()
    browser.tabs.setCurrentIndex(1)
    panel = browser.guides
    assert panel.guide.count() == len(guides)
    guide = panel.current_guide()
    assert panel.tree.topLevelItemCount() == len(guide.sections)
    panel.tree.setFocus()
    assert guide.sections[0].title.get("en") in panel.details.toPlainText()
    press(qtbot, browser, Key.Key_Down)
    first = guide.sections[0].questions[0]
    assert first.text.get("en") in panel.details.toPlainText()

    # previewing Arabic: right-to-left text and the draft badge
    panel.language.setCurrentIndex(panel.language.findData("ar"))
    interviewee = next(q for q in guide.questions if q.audience == "interviewee")
    for row in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(row)
        for child in range(top.childCount()):
            if top.child(child).data(0, Qt.ItemDataRole.UserRole)[1] is interviewee:
                panel.tree.setCurrentItem(top.child(child))
    text = panel.details.toPlainText()
    assert interviewee.text.get("ar") in text
    assert "Draft translation — check with an interpreter" in text
    cursor = panel.details.document().find(interviewee.text.get("ar"))
    assert cursor.block().textDirection() == Qt.LayoutDirection.RightToLeft
