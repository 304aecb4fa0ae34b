"""Qt's own strings and the layout direction follow the staff language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from free2link_desktop import i18n
from free2link_desktop.i18n.qt import (
    install_qt_translations,
    installed_qt_translator,
    keep_qt_in_step,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    locale = QLocale()
    yield qapp
    i18n.set_language("en")
    install_qt_translations(qapp, "en")
    QLocale.setDefault(locale)


def _button_texts() -> list[str]:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    texts = sorted(button.text() for button in box.buttons())
    box.deleteLater()
    return texts


def test_qt_standard_buttons_follow_the_language(app: QApplication) -> None:
    assert install_qt_translations(app, "it")
    assert _button_texts() == ["Annulla", "Salva"]
    assert install_qt_translations(app, "pl")
    assert _button_texts() == ["Anuluj", "Zachowaj"]
    assert QLocale().language() == QLocale.Language.Polish
    assert install_qt_translations(app, "en")
    assert installed_qt_translator(app) is None
    assert _button_texts() == ["Cancel", "Save"]


def test_arabic_turns_the_layout_right_to_left(app: QApplication) -> None:
    assert install_qt_translations(app, "ar")
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "Cancel" not in _button_texts()
    install_qt_translations(app, "it")
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_greek_has_no_qt_catalog_and_says_so(app: QApplication) -> None:
    assert not install_qt_translations(app, "el")
    assert installed_qt_translator(app) is None
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_only_one_qt_translator_at_a_time(app: QApplication) -> None:
    install_qt_translations(app, "it")
    install_qt_translations(app, "pl")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"


def test_keep_in_step_follows_set_language(app: QApplication) -> None:
    undo = keep_qt_in_step(app)
    try:
        i18n.set_language("ar")
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        i18n.set_language("pl")
        assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"
    finally:
        undo()
    i18n.set_language("it")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"
