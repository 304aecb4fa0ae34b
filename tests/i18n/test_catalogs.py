"""The shipped catalogs are complete, clean and in step with the code.

The strings are extracted afresh (in memory, with the settings of scripts/update_catalogs.py)
and compared with translations/messages.pot and every shipped language. When this fails after
you added or changed a string, run `python scripts/update_catalogs.py` and translate what it
reports (docs/translating.md).
"""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_python

from free2link_desktop.i18n.catalogs import (
    KEYWORDS,
    REVIEW_STATUSES,
    SHIPPED_LANGUAGES,
    extract_messages,
    po_path,
    read_catalog,
    review_status,
    source_root,
    template_path,
)
from free2link_desktop.i18n.placeholders import is_translated, mismatches

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


MARKERS = {"_", "N_", "ngettext", "pgettext"}


def _is_marker(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS
    )


def _hidden_from_extraction(source: bytes) -> list[int]:
    """Lines with marked text that babel's extractor misses or garbles.

    babel (on Python 3.11) reads an f-string as one token, so `f"{_('Consent')}"` is never
    extracted; `_(f"...")` can never match a catalog entry; a marker inside another marker's
    arguments (`_(d.get(k, N_("x")))`) is skipped; and babel turns `_("a" if c else "b")` (and, in
    older releases, `_(table["key"])`) into catalog entries ("ab", "key") that no call looks up.
    """
    tree = ast.parse(source)
    lines = []
    literals: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            lines.extend(
                call.lineno
                for call in ast.walk(node)
                if _is_marker(call) and any(isinstance(a, ast.Constant) for a in call.args)
            )
        if not isinstance(node, ast.Call) or not _is_marker(node):
            continue
        literals.update(
            arg.value
            for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        )
        for arg in node.args:
            nested = any(_is_marker(inner) for inner in ast.walk(arg) if inner is not arg)
            if isinstance(arg, ast.JoinedStr) or nested:
                lines.append(node.lineno)
    for lineno, _function, messages, _comments in extract_python(
        io.BytesIO(source), KEYWORDS, [], {}
    ):
        parts = messages if isinstance(messages, tuple) else (messages,)
        if any(part is not None and part not in literals for part in parts):
            lines.append(lineno)
    return sorted(set(lines))


def test_the_extraction_check_knows_babel_blind_spots() -> None:
    assert _hidden_from_extraction(b"x = f\"{_('Consent')}: {y}\"\n") == [1]
    assert _hidden_from_extraction(b"x = _(f'Case {code}')\n") == [1]
    assert _hidden_from_extraction(b"x = _(names.get(key, N_('unknown')))\n") == [1]
    assert _hidden_from_extraction(b"x = _('a' if flag else 'b')\n") == [1]
    # Older babel turned `_(table["key"])` into a catalog entry "key" that no call looks up;
    # babel 2.19 (seen here) leaves it alone. The check flags the line exactly when the
    # installed babel makes such a phantom entry, whichever version it is.
    subscript = b"x = _(table['key'])\n"
    phantom = any(m for _l, _f, m, _c in extract_python(io.BytesIO(subscript), KEYWORDS, [], {}))
    assert _hidden_from_extraction(subscript) == ([1] if phantom else [])
    fine = b"x = _('Case {code}')\ny = _(name)\nz = ngettext('a', 'b', n)\nw = pgettext('c', 'd')\n"
    assert _hidden_from_extraction(fine) == []


def test_every_marked_string_can_be_extracted() -> None:
    package = source_root() / "free2link_desktop"
    problems = [
        f"{path.relative_to(source_root())}:{line}"
        for path in sorted(package.rglob("*.py"))
        for line in _hidden_from_extraction(path.read_bytes())
    ]
    assert not problems, (
        "marked strings babel cannot extract or extracts wrongly: give `_()` a plain string "
        "literal, or a variable holding an `N_()` string marked on its own (not inside an "
        "f-string, another marker or an expression):\n  " + "\n  ".join(problems)
    )


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
    wrong = {_key(message) for message in mismatches(_catalog(language))}
    assert not wrong, f"{language}: translations whose placeholders differ:\n  {_show(wrong)}"


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


QT_CATALOGS = sorted((source_root() / "translations" / "qt").glob("*.po"))


@pytest.mark.parametrize("path", QT_CATALOGS, ids=lambda path: path.stem)
def test_qt_string_catalogs_are_complete_and_valid(path: Path, tmp_path: Path) -> None:
    """translations/qt/qtbase_<lang>.po: Qt's own strings for languages Qt ships no .qm for."""
    catalog = read_catalog(path)
    unfinished = {_key(m) for m in catalog if m.id and (m.fuzzy or not is_translated(m))}
    assert not unfinished, f"{path.name}: fuzzy or empty entries:\n  {_show(unfinished)}"
    assert review_status(path) in REVIEW_STATUSES
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (.ci/run installs the gettext package)")
    result = subprocess.run(
        [msgfmt, "--check", f"--output-file={tmp_path / 'qt.mo'}", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check rejects {path.name}:\n{result.stderr}"
