"""Suggested export names are valid on Windows, where most centre laptops run."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from free2link_desktop.core.file_names import (
    FORBIDDEN_CHARACTERS,
    MAX_NAME_BYTES,
    RESERVED_NAMES,
    safe_file_name,
)


@pytest.mark.parametrize(
    ("stem", "suffix", "expected"),
    [
        ("referral-IT-2026-0001-2026-12-04", ".pdf", "referral-IT-2026-0001-2026-12-04.pdf"),
        ('a<b>c:d"e/f\\g|h?i*j', ".pdf", "a_b_c_d_e_f_g_h_i_j.pdf"),
        ("line\nbreak\ttab\x00nul\x7f", ".csv", "line_break_tab_nul_.csv"),
        ("trailing dots...", "", "trailing dots"),
        ("trailing spaces   ", ".pdf", "trailing spaces.pdf"),
        ("  .hidden", ".pdf", "hidden.pdf"),
        ("CON", ".pdf", "_CON.pdf"),
        ("nul", ".csv", "_nul.csv"),
        ("com1", ".f2lbackup", "_com1.f2lbackup"),
        ("LPT9.backup", ".pdf", "_LPT9.backup.pdf"),
        ("Aux ", ".pdf", "_Aux.pdf"),
        ("COM¹", "", "_COM¹"),
        ("CONSOLE", ".pdf", "CONSOLE.pdf"),  # only the exact device names are reserved
        ("", ".pdf", "free2link-export.pdf"),
        ("???", ".pdf", "free2link-export.pdf"),
        ("Ελένη-Σμύρνη", ".pdf", "Ελένη-Σμύρνη.pdf"),
        ("rtl\u202emark", ".pdf", "rtl_mark.pdf"),  # a bidi override could disguise ".exe"
    ],
)
def test_names(stem: str, suffix: str, expected: str) -> None:
    assert safe_file_name(stem, suffix) == expected


def test_a_long_name_is_cut_and_keeps_its_suffix() -> None:
    name = safe_file_name("é" * 300, ".f2lbackup")
    assert name.endswith(".f2lbackup")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_a_bad_suffix_is_a_bug() -> None:
    with pytest.raises(ValueError):
        safe_file_name("x", "pdf")
    with pytest.raises(ValueError):
        safe_file_name("x", ".p/df")


@given(st.text(max_size=300))
def test_any_text_gives_a_name_windows_accepts(stem: str) -> None:
    name = safe_file_name(stem, ".pdf")
    assert name.endswith(".pdf") and len(name) > len(".pdf")
    assert not set(name) & FORBIDDEN_CHARACTERS
    assert all(ord(c) >= 32 and c != "\x7f" for c in name)
    assert not name.endswith((" ", ".")) and not name.startswith((" ", "."))
    assert name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED_NAMES
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
