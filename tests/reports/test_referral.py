"""The referral PDF written for real and read back with poppler and pypdf."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from free2link_desktop.reports.model import short_fingerprint
from free2link_desktop.reports.referral import referral_pdf
from tests.reports import samples
from tests.reports.pdfcheck import fonts_without_embedding, logical_words, pdftotext


@pytest.fixture(scope="module")
def english_pdf() -> bytes:
    return referral_pdf(samples.referral(notes=4, screenings=2))


def test_contains_code_recipient_sender_indicators_and_answers(
    english_pdf: bytes, tmp_path: Path
) -> None:
    text = pdftotext(english_pdf, tmp_path)
    for expected in (
        "K7QM-2F9X",
        "Associazione Liberi Tutti",
        "Anna Bianchi",
        "anna.bianchi@example.org",
        "F2L-R-TEST-0001-AB",
        "Online job offer too good to be true",
        "Identity documents held by someone else",
        "Did you find this job on the internet?",
        "Who has your passport now?",
        "The employer",
        "ILO (2009) Operational indicators of trafficking in human beings",
        "Strong indication of trafficking",
        "Refer to a specialised anti-trafficking service within 48 hours.",
        "The person consented to this referral",
        "Met at the reception desk.",
        "Η συνέντευξη έγινε με διερμηνέα.",
        "Говорит, что ей обещали работу в кафе",
    ):
        assert expected in text, expected
    # the empty dimension is not listed
    assert "Exploitation" not in text


def test_alias_only_when_chosen(english_pdf: bytes, tmp_path: Path) -> None:
    assert "Blue Heron" not in pdftotext(english_pdf, tmp_path)
    shown = referral_pdf(samples.referral(notes=0, show_alias=True))
    assert "Blue Heron" in pdftotext(shown, tmp_path)
    withheld = referral_pdf(
        samples.referral(notes=0, show_alias=True, redactions=frozenset({"alias"}))
    )
    assert "Blue Heron" not in pdftotext(withheld, tmp_path)


def test_redacted_fields_and_notes_are_absent(tmp_path: Path) -> None:
    data = samples.referral(
        notes=4, redactions=frozenset({"birth_year", "nationality", "centre", "notes"})
    )
    text = pdftotext(referral_pdf(data), tmp_path)
    for withheld in ("1999", "Nigeria", "Centro Accoglienza Sud", "Met at the reception desk"):
        assert withheld not in text, withheld
    assert "Withheld from this report" in text
    assert "K7QM-2F9X" in text


def test_only_the_notes_passed_in_are_printed(tmp_path: Path) -> None:
    data = samples.referral(notes=2)
    chosen = data.notes[:1]
    everything = replace(
        data, notes=(*data.notes, replace(data.notes[0], text=samples.SECRET_NOTE))
    )
    assert samples.SECRET_NOTE in pdftotext(referral_pdf(everything), tmp_path)
    text = pdftotext(referral_pdf(replace(data, notes=chosen)), tmp_path)
    assert "UNCHOSEN NOTE" not in text
    assert "Met at the reception desk" in text


def test_answers_in_the_chosen_language(tmp_path: Path) -> None:
    text = pdftotext(referral_pdf(samples.referral(lang="it", notes=0)), tmp_path)
    assert "Ha trovato questo lavoro su internet?" in text
    assert "Il datore di lavoro" in text
    assert "Offerta di lavoro online troppo bella per essere vera" in text
    assert "Did you find this job on the internet?" not in text
    assert re.search(r"Genere\s+Femminile", text)  # the recorded gender in the report language


def test_no_consent_is_stated_plainly(tmp_path: Path) -> None:
    text = pdftotext(referral_pdf(samples.referral(consent=None, notes=0)), tmp_path)
    assert "No consent to this referral has been recorded." in text
    assert "override is recorded in the audit log" in text


def test_every_page_is_marked_confidential_numbered_and_fingerprinted(
    english_pdf: bytes, tmp_path: Path
) -> None:
    data = samples.referral(notes=4, screenings=2)
    short = short_fingerprint(data.redacted().fingerprint())
    pages = pdftotext(english_pdf, tmp_path).split("\f")[:-1]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "CONFIDENTIAL" in page
        assert f"Page {number} of {len(pages)}" in page
        assert short in page


def test_fingerprint_covers_content_but_not_withheld_values() -> None:
    data = samples.referral(notes=2)
    assert re.fullmatch(r"[0-9a-f]{64}", data.fingerprint())
    changed = replace(data, notes=(*data.notes[:1], replace(data.notes[1], text="edited")))
    assert changed.fingerprint() != data.fingerprint()
    other_alias = replace(data, case=replace(data.case, alias="Someone Else"))
    assert other_alias.fingerprint() == data.fingerprint()  # the alias is withheld


def test_arabic_note_is_shaped_and_every_line_reads_right_to_left(tmp_path: Path) -> None:
    data = replace(samples.referral(notes=0), notes=(samples.referral(notes=2).notes[1],))
    assert data.notes[0].text == samples.ARABIC_NOTE
    raw = pdftotext(referral_pdf(data), tmp_path, raw=True)
    # shaped: presentation forms in the text layer, including the lam-alef ligature
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in raw)
    assert "\ufefb" in raw or "\ufefc" in raw
    arabic_lines = [
        line for line in raw.splitlines() if any("\ufe70" <= c <= "\ufeff" for c in line)
    ]
    assert len(arabic_lines) >= 2, "the note should wrap over several lines"
    # each line is drawn left to right in visual order: reversing its words gives the
    # logical order, and the lines in turn give the note's words in the order they were written
    rebuilt: list[str] = []
    for line in arabic_lines:
        rebuilt.extend(reversed(logical_words(line)))
    assert rebuilt == logical_words(samples.ARABIC_NOTE)
    # the Latin word and the numbers inside keep their own left-to-right order
    assert "Facebook" in raw
    assert "WhatsApp" in raw
    assert "1500" in raw
    assert "2023" in raw


def test_password_protects_with_aes_256(tmp_path: Path) -> None:
    pdf = referral_pdf(samples.referral(notes=1), password="s3cret pass")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    # V5/R6 with the AESV3 crypt filter: AES-256 as ISO 32000-2 defines it
    assert (encrypt["/V"], encrypt["/R"], encrypt["/Length"]) == (5, 6, 256)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert reader.decrypt("wrong") == pypdf.PasswordType.NOT_DECRYPTED
    with pytest.raises(RuntimeError):
        pdftotext(pdf, tmp_path)
    assert b"K7QM-2F9X" not in pdf
    assert "K7QM-2F9X" in pdftotext(pdf, tmp_path, password="s3cret pass")
    opened = pypdf.PdfReader(io.BytesIO(pdf))
    assert opened.decrypt("s3cret pass") != pypdf.PasswordType.NOT_DECRYPTED
    assert "K7QM-2F9X" in opened.pages[0].extract_text()


def test_every_font_is_embedded(english_pdf: bytes) -> None:
    assert fonts_without_embedding(english_pdf) == []
    encrypted = referral_pdf(samples.referral(notes=1), password="pw")
    assert fonts_without_embedding(encrypted, password="pw") == []


def test_a_right_to_left_report_is_mirrored(tmp_path: Path) -> None:
    """In an Arabic report the big code on the cover sits on the right."""
    pdf = referral_pdf(replace(samples.referral(notes=1), language="ar"))
    path = tmp_path / "ar.pdf"
    path.write_bytes(pdf)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<'
    codes = [
        (float(y_max) - float(y_min), float(x_min))
        for x_min, y_min, y_max, word in re.findall(pattern, bbox)
        if word == "K7QM-2F9X"
    ]
    _height, x_min = max(codes)
    assert x_min > 595 / 2
    assert fonts_without_embedding(pdf) == []
