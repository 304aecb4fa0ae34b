"""Reading PDFs back the way a recipient's tools would: poppler's pdftotext and pypdf."""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pypdf

BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def pdftotext(pdf: bytes, folder: Path, *, raw: bool = False, password: str | None = None) -> str:
    """The text layer as poppler extracts it (made-up test data only reaches the disk)."""
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-enc", "UTF-8"]
    if raw:
        command.append("-raw")
    if password is not None:
        command += ["-upw", password]
    command += [str(path), "-"]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace"))
    return result.stdout.decode("utf-8").translate(BIDI_MARKS)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def fonts_without_embedding(pdf: bytes, password: str | None = None) -> list[str]:
    """Names of the fonts used on any page that carry no FontFile2/FontFile/FontFile3."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    missing: list[str] = []
    seen = 0
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen += 1
            descendants = font.get("/DescendantFonts")
            targets = [d.get_object() for d in descendants] if descendants else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                if not any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont")))
    assert seen, "no fonts found at all"
    return missing


def logical_words(text: str) -> list[str]:
    """Words compared loosely: presentation forms folded back (NFKC), harakat and punctuation
    dropped, so that what was drawn can be compared with what was written."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("M", "P")))
    return kept.split()


def words_with_boxes(
    pdf: bytes, folder: Path, page: int = 1
) -> list[tuple[float, float, float, float, str]]:
    """(x_min, y_min, x_max, y_max, word) of each word on `page`, y measured from the top."""
    path = folder / "boxes.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"]
    xml = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (float(x0), float(y0), float(x1), float(y1), html.unescape(word))
        for x0, y0, x1, y1, word in re.findall(pattern, xml)
    ]
