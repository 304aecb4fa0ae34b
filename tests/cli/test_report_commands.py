"""`free2link report` and `free2link stats` run as real processes on a prepared workspace."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.questionnaire import parse_answers_document
from tests.conftest import CHEAP_KDF, run_free2link
from tests.reports.pdfcheck import pdftotext

PW = "cli report password"
GUIDE = Path(__file__).resolve().parents[1] / "core" / "data" / "guide.yaml"


free2link = run_free2link


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A workspace with one case with consent, one without, each with a screening and notes."""
    from free2link_desktop.services.workspace import create_workspace

    folder = tmp_path_factory.mktemp("cli-report") / "ws"
    session, _key = create_workspace(folder, "ana", PW, kdf=CHEAP_KDF)
    document = parse_answers_document(
        {
            "questionnaire": "test-screening",
            "version": "1.2.0",
            "interview_date": date.today().isoformat(),
            "answers": {"consent": "yes", "job_offer_online": "yes", "paid": "no"},
        }
    )
    codes = {}
    for name, consent in (("with", True), ("without", False)):
        code = session.cases.create(f"Alias-{name}", nationality="Ukraine").code
        if consent:
            session.cases.record_consent(code, Consent(True, date.today(), None, "uk"))
        session.screenings.import_answers(code, GUIDE, document)
        session.notes.add(code, f"First note of {name}.")
        codes[name] = code
    codes["second_note"] = str(session.notes.add(codes["with"], "Second note.").id)
    session.lock()
    session.workspace.close()
    return folder, codes


def test_report_writes_the_pdf_and_prints_its_path(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out = tmp_path / "r.pdf"
    result = free2link(
        folder,
        "report",
        codes["with"],
        "--out",
        str(out),
        "--user",
        "ana",
        "--recipient",
        "it-numero-verde-antitratta",
        "--redact",
        "nationality",
        stdin=f"{PW}\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    text = pdftotext(out.read_bytes(), tmp_path)
    assert codes["with"] in text
    assert "Numero Verde Antitratta" in text
    assert "Not paid or paid very little" in text
    assert "First note of with." in text
    assert "Ukraine" not in text and "Alias-with" not in text


def test_report_in_italian_with_chosen_note_as_json(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out = tmp_path / "it.pdf"
    result = free2link(
        folder,
        "report",
        codes["with"],
        "--out",
        str(out),
        "--lang",
        "it",
        "--note",
        codes["second_note"],
        "--json",
        "--user",
        "ana",
        stdin=f"{PW}\n",
    )
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["notes"] == 1 and info["screenings"] == 1 and len(info["fingerprint"]) == 64
    text = pdftotext(out.read_bytes(), tmp_path)
    assert "Sei stato pagato come promesso?" in text
    assert "Second note." in text and "First note of with." not in text


def test_report_with_pdf_password_from_stdin(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out = tmp_path / "p.pdf"
    result = free2link(
        folder,
        "report",
        codes["with"],
        "--out",
        str(out),
        "--pdf-password-stdin",
        "--user",
        "ana",
        stdin=f"{PW}\npartner secret\n",
    )
    assert result.returncode == 0, result.stderr
    with pytest.raises(RuntimeError):
        pdftotext(out.read_bytes(), tmp_path)
    assert codes["with"] in pdftotext(out.read_bytes(), tmp_path, password="partner secret")


def test_report_without_consent_is_refused_unless_overridden(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out = tmp_path / "n.pdf"
    refused = free2link(
        folder, "report", codes["without"], "--out", str(out), "--user", "ana", stdin=f"{PW}\n"
    )
    assert refused.returncode == 1
    assert "consent" in refused.stderr and "Traceback" not in refused.stderr
    assert not out.exists()
    allowed = free2link(
        folder,
        "report",
        codes["without"],
        "--out",
        str(out),
        "--consent-override",
        "--user",
        "ana",
        stdin=f"{PW}\n",
    )
    assert allowed.returncode == 0, allowed.stderr
    assert out.exists()


def test_bad_redaction_and_wrong_password(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out = tmp_path / "x.pdf"
    bad = free2link(
        folder,
        "report",
        codes["with"],
        "--out",
        str(out),
        "--redact",
        "shoe_size",
        "--user",
        "ana",
        stdin=f"{PW}\n",
    )
    assert bad.returncode == 1 and "shoe_size" in bad.stderr
    wrong = free2link(
        folder, "report", codes["with"], "--out", str(out), "--user", "ana", stdin="nope\n"
    )
    assert wrong.returncode == 3


def test_stats_csv_has_no_code_alias_or_small_count(ws, tmp_path: Path) -> None:
    folder, codes = ws
    out, pdf = tmp_path / "s.csv", tmp_path / "s.pdf"
    today = date.today().isoformat()
    result = free2link(
        folder,
        "stats",
        "--out",
        str(out),
        "--from",
        today,
        "--to",
        today,
        "--pdf",
        str(pdf),
        "--user",
        "ana",
        stdin=f"{PW}\n",
    )
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8-sig")
    text = pdftotext(pdf.read_bytes(), tmp_path)
    for secret in (codes["with"], codes["without"], "Alias-with", "Alias-without", "First note"):
        assert secret not in raw and secret not in text
    rows = list(csv.reader(io.StringIO(raw)))
    for row in rows[1:]:
        if row[0] not in ("period", "suppression", "note"):
            assert row[3] == "<5" or int(row[3]) >= 5, row
    assert rows[4][:2] == ["screenings", "total"] and rows[4][3] == "<5"  # only 2 screenings
    bad_date = free2link(
        folder, "stats", "--out", str(out), "--from", "yesterday", "--user", "ana", stdin=f"{PW}\n"
    )
    assert bad_date.returncode == 1 and "yesterday" in bad_date.stderr
