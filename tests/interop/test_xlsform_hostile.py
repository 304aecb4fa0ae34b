"""Hostile spreadsheets: an XLSForm comes from outside the centre and is read before anyone has
looked at it. External XML entities are not followed, a zip bomb is refused before it is
unpacked, and neither ends in a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from free2link_desktop.interop.xlsform import FormBroken, import_xlsform
from tests.interop.forms import xlsx

FORM = xlsx([("type", "name", "label"), ("text", "a", "PLACEHOLDER")])


def _rewritten(member: str, change: callable) -> bytes:  # type: ignore[valid-type]
    source = zipfile.ZipFile(io.BytesIO(FORM))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = change(data)
            target.writestr(info.filename, data)
    return out.getvalue()


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-7f3a", encoding="utf-8")

    def with_entity(xml: bytes) -> bytes:
        doctype = f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode()
        return doctype + xml.replace(b"PLACEHOLDER", b"&x;")

    sheet = "xl/worksheets/sheet1.xml"
    form = _rewritten(sheet, with_entity)
    assert b"<!ENTITY" in zipfile.ZipFile(io.BytesIO(form)).read(sheet)
    try:
        imported = import_xlsform(form, "entity")
    except FormBroken as broken:
        assert "CANARY" not in broken.message()
    else:  # pragma: no cover - openpyxl refuses entities (defusedxml); never their content
        assert "CANARY" not in str(imported.guide)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zipfile.ZipFile(io.BytesIO(FORM)).infolist():
            target.writestr(info.filename, zipfile.ZipFile(io.BytesIO(FORM)).read(info.filename))
        target.writestr("xl/media/padding.bin", bytes(200 * 2**20))
    bomb = out.getvalue()
    assert len(bomb) < 2**20
    with pytest.raises(FormBroken, match=r"unpacks to 200 MB, more than the 128 MB"):
        import_xlsform(bomb, "bomb")


def test_a_huge_file_is_not_read() -> None:
    with pytest.raises(FormBroken, match="larger than 32 MB"):
        import_xlsform(b"PK\x03\x04" + bytes(33 * 2**20), "huge")
