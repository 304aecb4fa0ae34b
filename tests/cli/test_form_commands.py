"""`questionnaire import-xlsform` and `questionnaire export`, as a coordinator runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from free2link_desktop.cli import main
from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.questionnaire import bundled_questionnaires, load_questionnaire
from tests.conftest import ADMIN, PASSWORD, run_free2link
from tests.interop.forms import PYXFORM, intake_form

UCL = PYXFORM / "UCL_Biomass_Plot_Form.xlsx"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(io.StringIO(stdin), out, err, json_output="--json" in argv)
    code = main(list(argv), ctx)
    return code, out.getvalue(), err.getvalue()


def test_import_writes_a_guide_that_validates_and_names_what_was_skipped(tmp_path: Path) -> None:
    out = tmp_path / "ucl.yaml"
    code, stdout, stderr = run("questionnaire", "import-xlsform", str(UCL), "--out", str(out))
    assert code == 0, stderr
    assert stdout.splitlines()[0].startswith(f"{out}: guide ucl-biomass-plot-form ")
    assert "with 16 questions" in stdout and "The guide has no indicators" in stdout
    assert f"{UCL}: survey, row 22 'center_point': a location: not imported" in stderr
    assert (tmp_path / "ucl.indicators.yaml").is_file()
    code, stdout, _ = run("questionnaire", "validate", str(out))
    assert code == 0 and stdout.strip() == f"{out}: ok"
    assert len(load_questionnaire(out).questions) == 16


def test_import_json_lists_every_note(tmp_path: Path) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    code, stdout, _ = run(
        "questionnaire", "import-xlsform", str(form), "--out", str(tmp_path / "g.yaml"), "--json"
    )
    assert code == 0
    summary = json.loads(stdout)
    assert summary["id"] == "intake-form" and summary["indicators"] == 0
    assert summary["languages"] == {"en": "source", "el": "draft", "ar": "draft", "uk": "draft"}
    skipped = {(n["row"], n["name"]) for n in summary["notes"] if n["kind"] == "skipped"}
    assert (15, "where") in skipped and (18, "children") in skipped


def test_a_broken_form_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "guide.yaml"
    form = PYXFORM / "duplicate_columns.xlsx"
    code, stdout, stderr = run("questionnaire", "import-xlsform", str(form), "--out", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.strip() == "Sheet survey, row 1: the column 'label' appears twice."
    assert list(tmp_path.iterdir()) == []
    not_a_form = tmp_path / "notes.xlsx"
    not_a_form.write_text("just text", encoding="utf-8")
    result = run_free2link(
        tmp_path / "ws", "questionnaire", "import-xlsform", str(not_a_form), "--out", str(out)
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not a spreadsheet" in result.stderr and not out.exists()


def test_an_existing_guide_is_replaced_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "ucl.yaml"
    out.write_text("mine", encoding="utf-8")
    code, _stdout, stderr = run("questionnaire", "import-xlsform", str(UCL), "--out", str(out))
    assert code == 1 and "already exists" in stderr and "--force" in stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "ucl.indicators.yaml").exists()
    code, _stdout, _stderr = run(
        "questionnaire", "import-xlsform", str(UCL), "--out", str(out), "--force"
    )
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# Imported from")


def test_export_a_bundled_guide_without_a_workspace(tmp_path: Path) -> None:
    xlsx, xml = tmp_path / "fs.xlsx", tmp_path / "fs.xml"
    code, stdout, stderr = run(
        "questionnaire",
        "export",
        "first-screening",
        "--format",
        "xlsform",
        "--out",
        str(xlsx),
        "--workspace",
        str(tmp_path / "no-workspace"),
    )
    assert code == 0, stderr
    assert stdout.strip() == f"{xlsx}: first-screening 1.1.0"
    assert not (tmp_path / "no-workspace").exists()
    again = tmp_path / "again.yaml"
    assert run("questionnaire", "import-xlsform", str(xlsx), "--out", str(again))[0] == 0
    assert load_questionnaire(again).sha256 != ""  # validates, indicators included
    assert len(load_questionnaire(again).library.indicators) > 0
    code, _stdout, stderr = run(
        "questionnaire", "export", str(again), "--format", "xform", "--out", str(xml)
    )
    assert code == 0, stderr
    assert '<data id="first-screening" version="1.1.0"' in xml.read_text(encoding="utf-8")


def test_export_refuses_a_bad_key_file_and_an_unknown_guide(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n")
    out = tmp_path / "f.xml"
    code, _o, err = run(
        "questionnaire",
        "export",
        "first-screening",
        "--format",
        "xform",
        "--out",
        str(out),
        "--public-key",
        str(key),
    )
    assert code == 1 and "not a PEM public key" in err and not out.exists()
    code, _o, err = run(
        "questionnaire",
        "export",
        "first-screening",
        "--format",
        "xform",
        "--out",
        str(out),
        "--public-key",
        str(tmp_path / "missing.pem"),
    )
    assert code == 1 and "cannot be read" in err
    code, _o, err = run(
        "questionnaire", "export", "no-such-guide", "--format", "xlsform", "--out", str(out)
    )
    assert code == 1 and "no-such-guide" in err
    with pytest.raises(SystemExit) as usage:  # argparse: a usage error
        run("questionnaire", "export", "first-screening", "--format", "pdf", "--out", str(out))
    assert usage.value.code == 2


def test_an_imported_guide_installs_runs_and_exports_from_the_workspace(
    admin_session, workspace_dir: Path, tmp_path: Path
) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    guide_path = tmp_path / "guide" / "intake.yaml"
    guide_path.parent.mkdir()
    assert run("questionnaire", "import-xlsform", str(form), "--out", str(guide_path))[0] == 0
    guide = admin_session.screenings.install(guide_path)
    offered = {g.id: g for g in admin_session.screenings.offered(bundled_questionnaires())}
    assert offered["intake-form"].sha256 == guide.sha256
    code = admin_session.cases.create("Heron").code
    record = admin_session.screenings.start(code, guide.sha256, "ar")
    admin_session.screenings.save_answer(record.id, "agrees", "yes")
    admin_session.screenings.save_answer(record.id, "age", 16)
    result = admin_session.screenings.finish(record.id)
    assert result.level == "none" and "no indicators" in result.label.get("en")
    assert "minor_note" in result.relevant_questions
    admin_session.lock()
    admin_session.workspace.close()

    out = tmp_path / "from-workspace.xlsx"
    done = run_free2link(
        workspace_dir,
        "questionnaire",
        "export",
        "intake-form",
        "--format",
        "xlsform",
        "--out",
        str(out),
        "--user",
        ADMIN,
        stdin=PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"PK")
