"""Qt's own strings and the layout direction follow the staff language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QDoubleSpinBox, QWidget

from free2link_desktop import i18n
from free2link_desktop.i18n.qt import (
    CatalogQtTranslator,
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


def test_greek_qt_strings_come_from_our_own_catalog(app: QApplication) -> None:
    """Qt ships no qtbase_el.qm; translations/qt/qtbase_el.po stands in for it."""
    assert install_qt_translations(app, "el")
    assert isinstance(installed_qt_translator(app), CatalogQtTranslator)
    assert _button_texts() == ["Ακύρωση", "Αποθήκευση"]
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Επιλογή όλων"
    # Strings the file does not have fall through to Qt's English, never to an empty label.
    assert QCoreApplication.translate("QPlatformTheme", "Not a Qt string") == "Not a Qt string"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_a_language_without_any_qt_catalog_stays_english(app: QApplication) -> None:
    assert not install_qt_translations(app, "tlh")
    assert installed_qt_translator(app) is None
    assert _button_texts() == ["Cancel", "Save"]


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


def test_open_windows_take_the_new_locale(app: QApplication, qtbot: Any) -> None:
    """QLocale.setDefault alone reaches only widgets created afterwards."""
    window = QWidget()
    qtbot.addWidget(window)
    spin = QDoubleSpinBox(window)
    spin.setRange(0, 10_000)
    spin.setValue(1234.5)
    install_qt_translations(app, "it")
    assert spin.locale().language() == QLocale.Language.Italian
    assert spin.textFromValue(1234.5) == "1234,50"
    install_qt_translations(app, "en")
    assert spin.textFromValue(1234.5) == "1234.50"
