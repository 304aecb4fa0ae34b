"""The languages added for reception centres (issue 15) are offered where a guide has them.

Why: a Persian, Pashto, Urdu, Russian, Turkish or Somali speaker can now be interviewed with
the first screening; a guide without those texts must not offer them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from free2link_desktop.ui.interview.start import StartInterviewDialog
from free2link_desktop.ui.interview.texts import is_rtl

ADDED = ("fa", "ps", "ur", "ru", "tr", "so")
ROLE = Qt.ItemDataRole.UserRole


def _enabled(dialog: StartInterviewDialog) -> dict[str, bool]:
    items = [dialog.language_list.item(r) for r in range(dialog.language_list.count())]
    return {item.data(ROLE): bool(item.flags() & Qt.ItemFlag.ItemIsEnabled) for item in items}


def test_first_screening_offers_the_added_languages_and_full_screening_does_not(
    qtbot: Any, session: Any, case_code: str
) -> None:
    dialog = StartInterviewDialog(session, case_code)
    qtbot.addWidget(dialog)
    guides = [dialog.guide_list.item(r).data(ROLE) for r in range(dialog.guide_list.count())]
    dialog.guide_list.setCurrentRow(
        next(i for i, g in enumerate(guides) if g.id == "first-screening")
    )
    first = _enabled(dialog)
    assert all(first[lang] for lang in ADDED), first
    dialog.guide_list.setCurrentRow(
        next(i for i, g in enumerate(guides) if g.id == "full-screening")
    )
    full = _enabled(dialog)
    assert not any(full[lang] for lang in ADDED), full


def test_persian_pashto_and_urdu_are_right_to_left() -> None:
    assert [lang for lang in ADDED if is_rtl(lang)] == ["fa", "ps", "ur"]
