"""The shipped catalogs are complete, clean and in step with the code.

The strings are extracted afresh (in memory, with the settings of scripts/update_catalogs.py)
and compared with translations/messages.pot and every shipped language. When this fails after
you added or changed a string, run `python scripts/update_catalogs.py` and translate what it
reports (docs/translating.md).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message

from free2link_desktop.i18n.catalogs import (
    REVIEW_STATUSES,
    SHIPPED_LANGUAGES,
    extract_messages,
    po_path,
    read_catalog,
    review_status,
    template_path,
)
from free2link_desktop.i18n.placeholders import consistent, is_translated

#: How many plural forms each language has (gettext's Plural-Forms, CLDR integer rules).
PLURAL_FORMS = {"it": 2, "el": 2, "pl": 3, "ar": 6}
HOW_TO_FIX = "run `python scripts/update_catalogs.py` and translate (docs/translating.md)"

Key = tuple[str | tuple[str, ...], str | None]


def _key(message: Message) -> Key:
    ids = message.id if isinstance(message.id, str) else tuple(message.id)
    return ids, message.context


def _keys(catalog: Catalog) -> set[Key]:
    return {_key(message) for message in catalog if message.id}


def _show(keys: set[Key]) -> str:
    return "\n  ".join(sorted(repr(key) for key in keys))


@cache
def _extracted() -> frozenset[Key]:
    return frozenset(_keys(extract_messages()))


@cache
def _catalog(language: str) -> Catalog:
    return read_catalog(po_path(language), language)


def test_every_language_has_a_plural_rule_here() -> None:
    assert set(SHIPPED_LANGUAGES) == set(PLURAL_FORMS)


def test_template_matches_the_code() -> None:
    template = _keys(read_catalog(template_path()))
    missing = _extracted() - template
    stale = template - _extracted()
    assert not missing, f"strings missing from messages.pot ({HOW_TO_FIX}):\n  {_show(missing)}"
    assert not stale, (
        f"messages.pot has strings no longer in the code ({HOW_TO_FIX}):\n  {_show(stale)}"
    )


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_catalog_has_every_string_of_the_code(language: str) -> None:
    missing = _extracted() - _keys(_catalog(language))
    assert not missing, f"{language}: strings missing ({HOW_TO_FIX}):\n  {_show(missing)}"


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_catalog_has_no_fuzzy_or_empty_entry(language: str) -> None:
    catalog = _catalog(language)
    assert not catalog.fuzzy, f"{language}: the header is marked fuzzy"
    fuzzy = {_key(m) for m in catalog if m.id and m.fuzzy}
    empty = {_key(m) for m in catalog if m.id and not is_translated(m)}
    assert not fuzzy, f"{language}: fuzzy entries (check and clear the flag):\n  {_show(fuzzy)}"
    assert not empty, f"{language}: untranslated entries:\n  {_show(empty)}"


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = {
        _key(m) for m in _catalog(language) if m.id and m.string and not consistent(m.id, m.string)
    }
    assert not wrong, f"{language}: translations whose {{placeholders}} differ:\n  {_show(wrong)}"


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_plural_forms(language: str) -> None:
    catalog = _catalog(language)
    assert catalog.num_plurals == PLURAL_FORMS[language]
    wrong = {_key(m) for m in catalog if m.pluralizable and len(m.string) != PLURAL_FORMS[language]}
    assert not wrong, (
        f"{language}: plural entries without {PLURAL_FORMS[language]} forms:\n  {_show(wrong)}"
    )


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_catalog_declares_its_review_status(language: str) -> None:
    status = review_status(po_path(language))
    assert status in REVIEW_STATUSES, f"{language}: X-Review-Status is {status!r}"
    if status == "draft":
        assert "REVIEW STATUS: DRAFT" in _catalog(language).header_comment


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_gnu_msgfmt_accepts_the_catalog(language: str, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (.ci/run installs the gettext package)")
    result = subprocess.run(
        [msgfmt, "--check", f"--output-file={tmp_path / 'messages.mo'}", str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check rejects {language}:\n{result.stderr}"
