"""Referral and statistics exports through the session, read back as a recipient would."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.errors import InputRefused, NotFound, PermissionDenied
from free2link_desktop.core.questionnaire import parse_answers_document
from tests.reports.pdfcheck import fonts_without_embedding, pdftotext
from tests.reports.samples import ARABIC_NOTE

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "data"
RECIPIENT = "it-numero-verde-antitratta"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(FIXTURES, folder)
    return folder / "guide.yaml"


def _answers(day: date | None = None) -> object:
    return parse_answers_document(
        {
            "questionnaire": "test-screening",
            "version": "1.2.0",
            "interview_date": (day or date.today()).isoformat(),
            "answers": {"consent": "yes", "job_offer_online": "yes", "paid": "no"},
        }
    )


def _case(session, guide: Path, *, alias: str = "Heron", consent: bool = True) -> str:
    code = session.cases.create(alias, birth_year=1998, nationality="Nigeria").code
    if consent:
        session.cases.record_consent(code, Consent(True, date.today(), None, "en"))
    session.screenings.import_answers(code, guide, _answers())
    return code


def _text(path: Path) -> str:
    return pdftotext(path.read_bytes(), path.parent)


def test_referral_holds_code_recipient_indicators_and_answers(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    admin_session.notes.add(code, "Met at the desk; asked for a female interpreter.")
    admin_session.notes.add(code, ARABIC_NOTE)
    out = tmp_path / "out" / "referral.pdf"
    out.parent.mkdir()
    export = admin_session.reports.export_referral(code, out, recipient_id=RECIPIENT)
    text = _text(out)
    for expected in (
        code,
        "Numero Verde Antitratta",
        "800 290 290",
        "Not paid or paid very little",
        "Were you paid as promised?",
        "Met at the desk",
        export.document_id,
    ):
        assert expected in text, expected
    assert "Heron" not in text  # the alias stays out unless chosen
    assert fonts_without_embedding(out.read_bytes()) == []
    assert export.screenings == 1 and export.notes == 2
    entry = admin_session.audit.entries(5, code)[0]
    assert entry.action == "report.export" and entry.user == "admin"
    assert entry.details["recipient"] == RECIPIENT
    assert entry.details["fingerprint"] == export.fingerprint
    assert len(entry.details["notes"]) == 2 and len(entry.details["screenings"]) == 1
    assert admin_session.audit.verify().ok


def test_questions_and_answers_come_in_the_chosen_language(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    out = tmp_path / "it.pdf"
    admin_session.reports.export_referral(code, out, language="it", recipient_id=RECIPIENT)
    text = _text(out)
    assert "Sei stato pagato come promesso?" in text
    assert "Non pagato" in text
    assert "Were you paid as promised?" not in text


def test_redaction_and_chosen_notes(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    kept = admin_session.notes.add(code, "Chosen note about the appointment.")
    admin_session.notes.add(code, "Unchosen note that must stay in the workspace.")
    out = tmp_path / "r.pdf"
    admin_session.reports.export_referral(
        code, out, redact=["birth_year", "nationality"], note_ids=[kept.id]
    )
    text = _text(out)
    assert "Chosen note" in text
    assert "Unchosen note" not in text
    assert "1998" not in text and "Nigeria" not in text
    admin_session.reports.export_referral(code, out, redact=["notes"], overwrite=True)
    assert "Chosen note" not in _text(out)
    with pytest.raises(InputRefused, match="passport_number"):
        admin_session.reports.export_referral(code, out, redact=["passport_number"], overwrite=True)
    with pytest.raises(InputRefused, match="no note"):
        admin_session.reports.export_referral(code, out, note_ids=[999_999], overwrite=True)


def test_alias_only_when_chosen(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    out = tmp_path / "a.pdf"
    admin_session.reports.export_referral(code, out, show_alias=True)
    assert "Heron" in _text(out)


def test_no_consent_is_refused_unless_overridden_and_audited(admin_session, guide, tmp_path):
    code = _case(admin_session, guide, consent=False)
    out = tmp_path / "n.pdf"
    with pytest.raises(InputRefused, match="consent"):
        admin_session.reports.export_referral(code, out)
    assert not out.exists()
    admin_session.reports.export_referral(code, out, consent_override=True)
    assert "No consent to this referral has been recorded." in " ".join(_text(out).split())
    actions = [e.action for e in admin_session.audit.entries(5, code)]
    assert "report.consent_override" in actions and "report.export" in actions


def test_password_protects_the_file(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    out = tmp_path / "p.pdf"
    export = admin_session.reports.export_referral(code, out, password="partner pw")
    assert export.encrypted
    with pytest.raises(RuntimeError):
        _text(out)
    assert code in pdftotext(out.read_bytes(), tmp_path, password="partner pw")


def test_unknown_recipient_and_language_are_refused(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    with pytest.raises(NotFound):
        admin_session.reports.export_referral(code, tmp_path / "x.pdf", recipient_id="nope")
    with pytest.raises(InputRefused):
        admin_session.reports.export_referral(code, tmp_path / "x.pdf", language="xx")


def test_caseworker_may_not_export(admin_session, guide, tmp_path):
    code = _case(admin_session, guide)
    admin_session.users.add("cw", "caseworker", "caseworker pw 1")
    admin_session.lock()
    session = admin_session.workspace.unlock("cw", "caseworker pw 1")
    try:
        with pytest.raises(PermissionDenied):
            session.reports.export_referral(code, tmp_path / "x.pdf")
        with pytest.raises(PermissionDenied):
            session.reports.export_statistics(tmp_path / "s.csv")
    finally:
        session.lock()
    assert not (tmp_path / "x.pdf").exists()


def test_statistics_hold_no_code_alias_or_small_count(admin_session, guide, tmp_path):
    codes = [_case(admin_session, guide, alias=f"Alias{i}") for i in range(6)]
    out_csv, out_pdf = tmp_path / "s.csv", tmp_path / "s.pdf"
    today = date.today()
    data = admin_session.reports.export_statistics(
        out_csv, today - timedelta(days=1), today + timedelta(days=1), out_pdf=out_pdf
    )
    assert data.total == 6
    raw = out_csv.read_text(encoding="utf-8-sig")
    pdf_text = _text(out_pdf)
    for code in codes:
        assert code not in raw and code not in pdf_text
    assert "Alias" not in raw and "Alias" not in pdf_text
    rows = list(csv.reader(io.StringIO(raw)))
    values = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert values[("indicator", "no_pay")] == "6"
    for row in rows[1:]:
        if row[0] not in ("period", "suppression", "note"):
            assert row[3] == "<5" or int(row[3]) >= 5, row
    assert admin_session.audit.entries(1)[0].action == "stats.export"


def test_one_person_screened_again_and_again_shows_only_suppressed_marks(
    admin_session, guide, tmp_path
):
    """Six screenings of ONE case: every cell stands for one person, so none is shown (counting
    screenings showed 6 of them in every table)."""
    code = _case(admin_session, guide)
    for _again in range(5):
        admin_session.screenings.import_answers(code, guide, _answers())
    out_csv = tmp_path / "s.csv"
    data = admin_session.reports.export_statistics(out_csv)
    assert data.total is None and data.indicators == () and data.online is None
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    counted = [row for row in rows[1:] if row[0] not in ("period", "suppression", "note")]
    assert counted and all(row[3] == "<5" for row in counted), counted
