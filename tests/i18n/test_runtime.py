"""Switching the language while the application runs, plural forms, context, placeholder guard."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from free2link_desktop import i18n
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.i18n import _, ngettext, pgettext
from free2link_desktop.i18n.catalogs import po_path, read_catalog


def _shipped_translation(language: str, msgid: str) -> str:
    message = read_catalog(po_path(language), language).get(msgid)
    assert message is not None and message.string, f"{msgid!r} is not translated in {language}"
    return str(message.string)


def test_language_switches_without_restart() -> None:
    heard: list[str] = []
    i18n.add_language_listener(heard.append)
    try:
        i18n.set_language("it")
        assert i18n.current_language() == "it"
        assert _("Not found.") == _shipped_translation("it", "Not found.") != "Not found."
        i18n.set_language("pl")
        assert _("Not found.") == _shipped_translation("pl", "Not found.")
        i18n.set_language("en")
        assert _("Not found.") == "Not found."
    finally:
        i18n.remove_language_listener(heard.append)
    assert heard == ["it", "pl", "en"]


def test_an_error_is_translated_when_shown_not_when_raised() -> None:
    error = NotFound()
    i18n.set_language("el")
    assert str(error) == _shipped_translation("el", "Not found.")
    i18n.set_language("en")
    assert str(error) == "Not found."


def test_unknown_language_falls_back_to_english() -> None:
    i18n.set_language("tlh")
    assert i18n.current_language() == "en"
    assert _("Not found.") == "Not found."


def test_only_arabic_is_right_to_left() -> None:
    assert i18n.is_rtl("ar")
    assert not any(i18n.is_rtl(code) for code in ("en", "it", "el", "pl"))
    i18n.set_language("ar")
    assert i18n.is_rtl()


PO_TEMPLATE = """\
msgid ""
msgstr ""
"Language: {language}\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: {plural_forms}\\n"

{body}
"""

POLISH = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
ARABIC = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)


def _write_po(root: Path, language: str, plural_forms: str, body: str) -> Path:
    path = root / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    text = PO_TEMPLATE.format(language=language, plural_forms=plural_forms, body=body)
    path.write_text(text, encoding="utf-8")
    return root


def test_translation_with_other_placeholders_is_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body = """
msgid "Case {reference} was closed."
msgstr "Il caso {riferimento} è stato chiuso."

msgid "Case {reference} was opened."
msgstr "Il caso {reference} è stato aperto."

msgid "Broken {brace"
msgstr "Rotto {brace"
"""
    root = _write_po(tmp_path, "it", "nplurals=2; plural=(n != 1);", body)
    with caplog.at_level(logging.WARNING, logger="free2link_desktop.i18n"):
        catalog = i18n.load_catalog("it", root)
    assert catalog.gettext("Case {reference} was closed.") == "Case {reference} was closed."
    assert catalog.gettext("Case {reference} was opened.") == "Il caso {reference} è stato aperto."
    assert "Case {reference} was closed." in caplog.text
    assert "Case {reference} was opened." not in caplog.text
    # A malformed source translated as malformed text is still the same "shape": kept.
    assert catalog.gettext("Broken {brace") == "Rotto {brace"
    refused = InputRefused("Case {reference} was closed.", reference="A-7")
    assert str(refused) == "Case A-7 was closed."


def test_polish_plural_forms(tmp_path: Path) -> None:
    body = """
msgid "{count} case"
msgid_plural "{count} cases"
msgstr[0] "{count} sprawa"
msgstr[1] "{count} sprawy"
msgstr[2] "{count} spraw"
"""
    catalog = i18n.load_catalog("pl", _write_po(tmp_path, "pl", POLISH, body))
    forms = {n: catalog.ngettext("{count} case", "{count} cases", n) for n in (1, 2, 5, 12, 22, 25)}
    assert forms == {
        1: "{count} sprawa",
        2: "{count} sprawy",
        5: "{count} spraw",
        12: "{count} spraw",
        22: "{count} sprawy",
        25: "{count} spraw",
    }


def test_arabic_forms_may_leave_out_the_number(tmp_path: Path) -> None:
    body = """
msgid "{count} case"
msgid_plural "{count} cases"
msgstr[0] "لا توجد حالات"
msgstr[1] "حالة واحدة"
msgstr[2] "حالتان"
msgstr[3] "{count} حالات"
msgstr[4] "{count} حالة"
msgstr[5] "{count} حالة"

msgid "{count} note"
msgid_plural "{count} notes"
msgstr[0] "لا ملاحظات"
msgstr[1] "ملاحظة واحدة"
msgstr[2] "ملاحظتان"
msgstr[3] "{number} ملاحظات"
msgstr[4] "{count} ملاحظة"
msgstr[5] "{count} ملاحظة"

msgid "{count} screening"
msgid_plural "{count} screenings"
msgstr[0] "لا فحوصات"
msgstr[1] ""
msgstr[2] "فحصان"
msgstr[3] "{count} فحوصات"
msgstr[4] "{count} فحصًا"
msgstr[5] "{count} فحص"
"""
    catalog = i18n.load_catalog("ar", _write_po(tmp_path, "ar", ARABIC, body))
    assert catalog.ngettext("{count} case", "{count} cases", 2) == "حالتان"
    assert catalog.ngettext("{count} case", "{count} cases", 7) == "{count} حالات"
    # {number} is not a field of the source: the whole entry falls back to English.
    assert catalog.ngettext("{count} note", "{count} notes", 7) == "{count} notes"
    # A plural entry with an empty form falls back to English in every form.
    assert catalog.ngettext("{count} screening", "{count} screenings", 2) == "{count} screenings"


def test_context_separates_the_same_english_word(tmp_path: Path) -> None:
    body = """
msgctxt "case status"
msgid "Open"
msgstr "Aperto"

msgctxt "verb"
msgid "Open"
msgstr "Apri"
"""
    catalog = i18n.load_catalog(
        "it", _write_po(tmp_path, "it", "nplurals=2; plural=(n != 1);", body)
    )
    assert catalog.pgettext("case status", "Open") == "Aperto"
    assert catalog.pgettext("verb", "Open") == "Apri"


def test_english_helpers_return_the_source() -> None:
    assert ngettext("{count} case", "{count} cases", 1) == "{count} case"
    assert ngettext("{count} case", "{count} cases", 3) == "{count} cases"
    assert pgettext("verb", "Open") == "Open"


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    """Compiled catalogs are reused, but a translator's correction shows on the next load."""
    body = 'msgid "Not found."\nmsgstr "{text}"\n'
    root = _write_po(tmp_path, "it", "nplurals=2; plural=(n != 1);", body.format(text="Non c'è."))
    assert i18n.load_catalog("it", root).gettext("Not found.") == "Non c'è."
    assert i18n.load_catalog("it", root) is i18n.load_catalog("it", root)
    po = root / "it" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Non c'è.", "Non trovato."), "utf-8")
    assert i18n.load_catalog("it", root).gettext("Not found.") == "Non trovato."
