"""The recovery sheet read back: the key in its groups, the path, the warning, fonts embedded."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pypdf

from free2link_desktop.reports.recovery import recovery_sheet_pdf
from tests.reports.pdfcheck import fonts_without_embedding, pdftotext

KEY = "7KQ2-M9XD-4RTB-PW3H-C8NF-J6VA-2LQZ-E5YU"


def _sheet() -> bytes:
    return recovery_sheet_pdf(
        workspace_path="/home/anna/.local/share/Free2Link",
        recovery_key=KEY,
        created=datetime(2026, 11, 23, 18, 0, tzinfo=UTC),
    )


def test_sheet_holds_key_path_and_warning_on_one_page(tmp_path: Path) -> None:
    pdf = _sheet()
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    text = " ".join(pdftotext(pdf, tmp_path).split())
    for group in KEY.split("-"):
        assert group in text
    assert "/home/anna/.local/share/Free2Link" in text
    assert "lost for good" in text
    assert "Forgot password" in text


def test_sheet_fonts_are_embedded_including_the_monospaced_one() -> None:
    pdf = _sheet()
    assert fonts_without_embedding(pdf) == []
    fonts = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    names = {str(ref.get_object()["/BaseFont"]) for ref in fonts.values()}
    assert any("NotoMono" in name for name in names)
