"""The rules the screen walk uses to tell leaked English from data and allowed words."""

from __future__ import annotations

from free2link_desktop.i18n.catalogs import po_path, read_catalog
from tests.i18n.visible import Seen, english_leaks

DATA = frozenset({"Do you agree to talk with us today?", "Rosa"})


def _translation(language: str, source: str) -> str:
    message = read_catalog(po_path(language), language).get(source)
    assert message is not None
    return str(message.string)


def _leaks(language: str, *texts: str) -> list[str]:
    return english_leaks([Seen("QLabel", text) for text in texts], language, DATA)


def test_catalog_source_left_in_english_is_caught() -> None:
    assert _leaks("it", "Not found.")
    assert _leaks("pl", "Case IT-2026-0001 erased.")  # a placeholder filled in
    assert not _leaks("it", _translation("it", "Not found."))


def test_data_codes_and_brands_are_allowed() -> None:
    assert not _leaks("el", "Do you agree to talk with us today?")
    assert not _leaks("ar", "Rosa", "IT-2026-0001", "WhatsApp", "Free2Link Desktop", "Polski")
    assert not _leaks("it", "OK")


def test_unmarked_english_is_caught() -> None:
    assert _leaks("el", "Πατήστε Save για αποθήκευση")
    assert _leaks("ar", "Loading…")
    assert _leaks("it", "Open the case")
    assert not _leaks("pl", "To pytanie")  # "to" is a Polish word too
