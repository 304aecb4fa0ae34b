"""scripts/update_catalogs.py's work, on a small throw-away source tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from free2link_desktop.i18n.catalogs import (
    extract_messages,
    po_path,
    read_catalog,
    review_status,
    template_path,
    update_catalogs,
)
from free2link_desktop.paths import bundle_root

SOURCE = """
from free2link_desktop.i18n import N_, _, ngettext, pgettext

TITLE = N_("Cases")


def show(count, name):
    # Translators: shown after a case is saved.
    print(_("Saved the case of {name}.").format(name=name))
    print(ngettext("{count} note", "{count} notes", count).format(count=count))
    print(pgettext("verb", "Open"))
    print("not marked, not extracted")
"""


def _tree(root: Path, source: str = SOURCE) -> Path:
    shutil.copy(bundle_root() / "babel.cfg", root / "babel.cfg")
    package = root / "free2link_desktop"
    package.mkdir(exist_ok=True)
    (package / "screen.py").write_text(source, encoding="utf-8")
    return root


def test_extraction_finds_every_marking_function(tmp_path: Path) -> None:
    catalog = extract_messages(_tree(tmp_path))
    ids = {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalog if m.id}
    assert ids == {
        ("Cases", None),
        ("Saved the case of {name}.", None),
        (("{count} note", "{count} notes"), None),
        ("Open", "verb"),
    }
    saved = catalog.get("Saved the case of {name}.")
    assert saved is not None
    assert saved.auto_comments == ["shown after a case is saved."]
    assert "python-brace-format" in saved.flags


def test_new_catalogs_are_drafts_with_the_language_plural_rule(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    stats = update_catalogs(root, languages=("pl", "ar"))
    assert [(s.language, s.total, s.translated, s.review) for s in stats] == [
        ("pl", 4, 0, "draft"),
        ("ar", 4, 0, "draft"),
    ]
    assert template_path(root).is_file()
    assert review_status(po_path("pl", root)) == "draft"
    assert read_catalog(po_path("pl", root), "pl").num_plurals == 3
    assert read_catalog(po_path("ar", root), "ar").num_plurals == 6


def test_update_keeps_translations_and_marks_changed_strings_fuzzy(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    update_catalogs(root, languages=("it",))
    path = po_path("it", root)
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Cases"\nmsgstr ""', 'msgid "Cases"\nmsgstr "Casi"')
    text = text.replace("X-Review-Status: draft", "X-Review-Status: reviewed")
    path.write_text(text, encoding="utf-8")

    before = path.read_text(encoding="utf-8")
    update_catalogs(root, languages=("it",))
    assert path.read_text(encoding="utf-8") == before, "an idle run must not touch the files"

    _tree(root, SOURCE.replace('N_("Cases")', 'N_("Cases:")'))
    [stats] = update_catalogs(root, languages=("it",))
    catalog = read_catalog(path, "it")
    changed = catalog.get("Cases:")
    assert changed is not None and changed.fuzzy and changed.string == "Casi"
    assert catalog.get("Cases") is None
    assert stats.fuzzy == 1 and stats.review == "reviewed"
    assert review_status(path) == "reviewed"
