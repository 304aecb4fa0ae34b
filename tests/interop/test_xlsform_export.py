"""Export to XLSForm and XForm: pyxform converts the file, and importing it again gives the
same guide (same questions, same skip logic, same score for the same answers)."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pyxform.xls2xform import convert

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire import (
    YES_NO_VALUES,
    Question,
    Questionnaire,
    find_questionnaire,
    score,
)
from free2link_desktop.interop.xform import export_xform
from free2link_desktop.interop.xlsform import export_xlsform
from free2link_desktop.services.forms import read_xlsform

GUIDES = ["first-screening", "full-screening"]
DAY = date(2026, 3, 1)


def _reimported(guide: Questionnaire, tmp_path: Path) -> Questionnaire:
    form = tmp_path / f"{guide.id}.xlsx"
    form.write_bytes(export_xlsform(guide))
    result = read_xlsform(form, tmp_path / "again.yaml")
    assert [n for n in result.imported.notes if n.kind != "kept"] == []
    return result.questionnaire


def _source(expression: Any) -> str | None:
    return expression.source if expression is not None else None


def _shape(guide: Questionnaire) -> list[Any]:
    return [
        (
            s.id,
            s.title,
            s.guidance,
            _source(s.relevant),
            [
                (
                    q.id,
                    q.type,
                    q.audience,
                    q.text,
                    q.guidance,
                    q.options,
                    _source(q.relevant),
                    q.required,
                    _source(q.constraint),
                    [(t.id, t.when.source) for t in q.indicators],
                    _source(q.urgent),
                )
                for q in s.questions
            ],
        )
        for s in guide.sections
    ]


def _answers(guide: Questionnaire, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in guide.questions:
        value = _value(question, rng)
        if value is not None and rng.random() < 0.85:
            answers[question.id] = value
    return answers


def _value(question: Question, rng: random.Random) -> Any:
    if question.type == "yes_no":
        return rng.choice(YES_NO_VALUES)
    if question.type == "single":
        return rng.choice(question.options).value
    if question.type == "multiple":
        plain = [o.value for o in question.options if not o.alone]
        return tuple(rng.sample(plain, rng.randint(1, len(plain)))) if plain else None
    if question.type == "integer":
        return rng.randint(10, 60)
    if question.type == "date":
        return "2001-05-17"
    if question.type == "text":
        return "words"
    return None


@pytest.mark.parametrize("guide_id", GUIDES)
def test_export_and_import_again_gives_the_same_guide_and_score(
    guide_id: str, tmp_path: Path
) -> None:
    guide = find_questionnaire(guide_id)
    again = _reimported(guide, tmp_path)
    assert (again.id, again.version, again.title) == (guide.id, guide.version, guide.title)
    assert dict(again.languages) == dict(guide.languages)
    assert again.library.sha256 == guide.library.sha256
    assert _shape(again) == _shape(guide)
    assert [(r.level, r.when.source, r.label, r.advice) for r in again.assessment] == [
        (r.level, r.when.source, r.label, r.advice) for r in guide.assessment
    ]
    rng = random.Random(guide_id)
    levels = set()
    for _ in range(150):
        answers = _answers(guide, rng)
        first = score(guide, answers, DAY, validate=False).to_json()
        second = score(again, answers, DAY, validate=False).to_json()
        assert first == second
        levels.add(first["assessment"]["level"])
    assert len(levels) > 1  # the answers reached more than one outcome


@pytest.mark.parametrize("guide_id", GUIDES)
def test_pyxform_converts_the_exported_xlsform(guide_id: str) -> None:
    guide = find_questionnaire(guide_id)
    warnings: list[str] = []
    result = convert(export_xlsform(guide), warnings=warnings, file_type=".xlsx")
    assert f'id="{guide_id}"' in result.xform
    assert warnings == []


def test_the_xlsform_has_every_language_and_guidance_as_guidance_hint() -> None:
    import io

    guide = find_questionnaire("first-screening")
    book = openpyxl.load_workbook(io.BytesIO(export_xlsform(guide)), read_only=True)
    header = next(book["survey"].iter_rows(max_row=1, values_only=True))
    assert "label::Arabic (ar)" in header and "guidance_hint::Ukrainian (uk)" in header
    assert set(book.sheetnames) >= {"survey", "choices", "settings", "free2link"}
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[1][:4] == (
        "First screening (short intake interview)",
        "first-screening",
        "1.1.0",
        "English (en)",
    )


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    import io

    guide_path = tmp_path / "guide.yaml"
    source = Path(find_questionnaire("first-screening").path or "")
    text = source.read_text(encoding="utf-8").replace(
        'title:\n  en: "First screening (short intake interview)"',
        'title:\n  en: "=HYPERLINK(\\"http://example.invalid\\",\\"x\\")"',
        1,
    )
    guide_path.write_text(text, encoding="utf-8")
    (tmp_path / "indicators.yaml").write_bytes((source.parent / "indicators.yaml").read_bytes())
    guide = find_questionnaire(guide_path)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsform(guide)))
    cell = book["settings"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@pytest.fixture(scope="module")
def rsa_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    folder = tmp_path_factory.mktemp("keys")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = folder / "public.pem"
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    private = folder / "private.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return public, private


def test_xform_has_id_version_languages_and_the_public_key(rsa_keys: tuple[Path, Path]) -> None:
    guide = find_questionnaire("first-screening")
    public, _private = rsa_keys
    xml = export_xform(guide, public_key_pem=public.read_bytes()).decode("utf-8")
    assert '<data id="first-screening" version="1.1.0"' in xml
    languages = re.findall(r'<translation lang="([^"]+)"', xml)
    assert languages == [
        "English (en)",
        "Italian (it)",
        "Greek (el)",
        "Polish (pl)",
        "French (fr)",
        "Arabic (ar)",
        "Ukrainian (uk)",
        "Russian (ru)",
        "Persian (fa)",
        "Turkish (tr)",
        "Urdu (ur)",
        "Somali (so)",
        "Pashto (ps)",
    ]
    key = re.search(r'base64RsaPublicKey="([^"]+)"', xml)
    assert key is not None
    body = "".join(public.read_text().splitlines()[1:-1])
    assert key.group(1) == body
    assert "<itext>" in xml


def test_xform_refuses_a_private_key_or_a_small_key(rsa_keys: tuple[Path, Path]) -> None:
    guide = find_questionnaire("first-screening")
    _public, private = rsa_keys
    with pytest.raises(InputRefused, match="not a PEM public key"):
        export_xform(guide, public_key_pem=private.read_bytes())
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    small = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
    pem = small.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(InputRefused, match="1024 bits"):
        export_xform(guide, public_key_pem=pem)
