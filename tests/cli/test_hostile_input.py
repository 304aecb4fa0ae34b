"""Every command of the command line against input a clumsy or hostile person gives it.

Runs the real `free2link` main() in this process (no mock: the real parser, the real services,
a real encrypted workspace) with its streams captured, so a hundred and more cases cost seconds.
Each case must end with exit status 1, 2 or 3, a message, and no traceback; what was refused
must have left the workspace as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import traceback
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from free2link_desktop.cli import main
from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.cases import Consent
from free2link_desktop.i18n import set_language
from tests.conftest import CHEAP_KDF

PW = "hostile input password"
DATA = Path(__file__).parent / "data"
GUIDE = DATA / "guide.yaml"
SURROGATE = "bad\udcffname"  # what Python makes of a non-UTF-8 byte in an argument


@dataclass
class Result:
    status: int
    out: str
    err: str
    crash: str = ""


def run(workspace: Path, argv: list[str], stdin: bytes = b"", *, stdin_errors: str = "strict"):
    """`free2link --workspace WORKSPACE ARGV`, stdin decoded as a UTF-8 console would."""
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors=stdin_errors)
    ctx = CliContext(stream, out, err, str(workspace), json_output="--json" in argv)
    crash = ""
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            status = main(["--workspace", str(workspace), *argv], ctx)
    except SystemExit as stop:  # argparse's usage errors
        status = stop.code if isinstance(stop.code, int) else 2
    except BaseException:  # a traceback is exactly what this test looks for
        status, crash = -1, traceback.format_exc()
    finally:
        set_language("en")
    return Result(status, out.getvalue(), err.getvalue(), crash)


@dataclass(frozen=True)
class Files:
    workspace: Path
    code: str
    folder: Path
    junk: Path
    empty: Path
    not_json: Path
    answers: Path
    laughs: Path
    big_yaml: Path
    library: Path
    directory_file: Path
    not_a_backup: Path


def _answers(path: Path, answers: object, **extra: object) -> str:
    data = {
        "questionnaire": "test-screening",
        "version": "1.2.0",
        "interview_date": "2026-01-01",
        "answers": answers,
    }
    data.update(extra)
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    from free2link_desktop.services.workspace import create_workspace

    root = tmp_path_factory.mktemp("hostile")
    folder = root / "ws"
    session, _key = create_workspace(folder, "ana", PW, kdf=CHEAP_KDF)
    code = session.cases.create("Tern", nationality="Ukraine").code
    session.cases.record_consent(code, Consent(True, date.today(), None, "uk"))
    session.notes.add(code, "A first note.")
    session.lock()
    session.workspace.close()
    junk = root / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 64 + b"\xff\xfe\x00PK\x03\x04")
    empty = root / "empty"
    empty.write_bytes(b"")
    not_json = root / "not.json"
    not_json.write_text("{'questionnaire': 1,", encoding="utf-8")
    answers = root / "answers.json"
    _answers(answers, {"consent": "yes"})
    laughs = root / "laughs.yaml"
    lines = ["format: free2link-questionnaire/1", 'a0: &a0 ["lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    laughs.write_text("\n".join(lines) + "\nsections: *a9\n", encoding="utf-8")
    big_yaml = root / "big.yaml"
    big_yaml.write_bytes(b"format: free2link-directory/1\n" + b"#" * (5 * 1024 * 1024))
    not_a_backup = root / "not-a-backup.zip"
    with zipfile.ZipFile(not_a_backup, "w") as archive:
        archive.writestr("hello.txt", "not a workspace")
    return Files(
        workspace=folder,
        code=code,
        folder=root,
        junk=junk,
        empty=empty,
        not_json=not_json,
        answers=answers,
        laughs=laughs,
        big_yaml=big_yaml,
        library=DATA / "indicators.yaml",
        directory_file=Path(__file__).resolve().parents[2] / "questionnaires" / "directory.yaml",
        not_a_backup=not_a_backup,
    )


def _placeholders(files: Files, tmp: Path) -> dict[str, str]:
    def doc(name: str, answers: object, **extra: object) -> str:
        return _answers(tmp / name, answers, **extra)

    raw = tmp / "raw.json"
    return {
        "{code}": files.code,
        "{folder}": str(files.folder),
        "{junk}": str(files.junk),
        "{empty}": str(files.empty),
        "{missing}": str(files.folder / "does-not-exist.json"),
        "{missing_yaml}": str(files.folder / "does-not-exist.yaml"),
        "{not_json}": str(files.not_json),
        "{answers}": str(files.answers),
        "{laughs}": str(files.laughs),
        "{big_yaml}": str(files.big_yaml),
        "{library}": str(files.library),
        "{directory_file}": str(files.directory_file),
        "{not_a_backup}": str(files.not_a_backup),
        "{guide}": str(GUIDE),
        "{out_pdf}": str(tmp / "out.pdf"),
        "{out_csv}": str(tmp / "out.csv"),
        "{out_yaml}": str(tmp / "out.yaml"),
        "{json_list}": _raw(raw.with_name("list.json"), "[]"),
        "{json_null}": _raw(raw.with_name("null.json"), "null"),
        "{json_deep}": _raw(raw.with_name("deep.json"), "[" * 100_000 + "]" * 100_000),
        "{json_bignum}": _raw(
            raw.with_name("bignum.json"),
            '{"questionnaire": "test-screening", "interview_date": "2026-01-01", '
            '"answers": {"age_years": ' + "9" * 100_000 + "}}",
        ),
        "{json_inf}": _raw(
            raw.with_name("inf.json"),
            '{"questionnaire": "test-screening", "interview_date": "2026-01-01", '
            '"answers": {"age_years": 1e999}}',
        ),
        "{json_nan}": _raw(
            raw.with_name("nan.json"),
            '{"questionnaire": "test-screening", "interview_date": "2026-01-01", '
            '"answers": {"age_years": NaN}}',
        ),
        "{json_surrogate}": _raw(
            raw.with_name("surrogate.json"),
            '{"questionnaire": "test-screening", "interview_date": "2026-01-01", '
            '"answers": {"consent": "\\ud800"}}',
        ),
        "{json_bigfloat}": doc("bigfloat.json", {"age_years": 1e300}),
        "{json_toolarge}": doc("toolarge.json", {"age_years": 10**15}),
        "{json_bad_date}": doc("baddate.json", {}, interview_date="2023-02-30"),
        "{json_num_date}": doc("numdate.json", {}, interview_date=20230101),
        "{json_no_answers}": doc("noanswers.json", None),
        "{json_answers_list}": doc("answerslist.json", ["consent", "yes"]),
        "{json_unknown_q}": doc("unknownq.json", {"nope": "yes"}),
        "{json_wrong_type}": doc("wrongtype.json", {"consent": ["yes"], "age_years": "12"}),
        "{json_bool_int}": doc("boolint.json", {"age_years": True}),
        "{json_dict_answer}": doc("dictanswer.json", {"channels": {"a": 1}}),
        "{json_unknown_key}": doc("unknownkey.json", {}, extra_key=1),
        "{json_version_num}": doc("versionnum.json", {}, version=1.2),
        "{json_other_guide}": doc("otherguide.json", {}, questionnaire="first-screening"),
        "{json_constraint}": doc("constraint.json", {"age_years": -5}),
        "{json_key_empty}": doc("keyempty.json", {"": "yes"}),
        "{json_huge_text}": _answers(
            tmp / "hugetext.json",
            {"obs_notes": "x" * 300_000},
            questionnaire="first-screening",
            version="1.0.0",
        ),
        "{json_control_text}": _answers(
            tmp / "controltext.json",
            {"obs_notes": "fine\x1b[2Jcleared"},
            questionnaire="first-screening",
            version="1.0.0",
        ),
    }


def _raw(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


U = ["--user", "ana"]
P = f"{PW}\n".encode()

#: (id, argv, stdin). Each must be refused: exit 1, 2 or 3 with a message and no traceback.
CASES: list[tuple[str, list[str], bytes]] = [
    # -- the parser and common options ---------------------------------------------------------
    ("unknown-command", ["frobnicate"], b""),
    ("unknown-action", ["case", "frobnicate"], b""),
    ("questionnaire-without-action", ["questionnaire"], b""),
    ("screening-without-action", ["screening"], b""),
    ("unknown-lang", ["--lang", "xx", *U, "case", "list"], P),
    ("empty-lang", ["--lang", "", *U, "case", "list"], P),
    ("lang-surrogate", ["--lang", SURROGATE, *U, "case", "list"], P),
    ("no-user", ["case", "list"], P),
    ("empty-user", ["--user", "", "case", "list"], P),
    ("no-password-line", [*U, "case", "list"], b""),
    ("password-not-utf8", [*U, "case", "list"], b"\xff\xfe\n"),
    # -- init ----------------------------------------------------------------------------------
    ("init-existing", ["init", "--user", "bob"], P + P),
    ("init-no-user", ["init"], P + P),
    ("init-passwords-differ", ["init", "--user", "bob"], P + b"other\n"),
    ("init-no-stdin", ["init", "--user", "bob"], b""),
    # -- user ----------------------------------------------------------------------------------
    ("user-add-newline", [*U, "user", "add", "bob\nmallory", "--role", "caseworker"], P + P),
    ("user-add-trailing-newline", [*U, "user", "add", "bob\n", "--role", "caseworker"], P + P),
    ("user-add-empty", [*U, "user", "add", "", "--role", "caseworker"], P + P),
    ("user-add-long", [*U, "user", "add", "b" * 5000, "--role", "caseworker"], P + P),
    ("user-add-surrogate", [*U, "user", "add", SURROGATE, "--role", "caseworker"], P + P),
    ("user-add-bad-role", [*U, "user", "add", "bob", "--role", "god"], P + P),
    ("user-add-existing", [*U, "user", "add", "ana", "--role", "caseworker"], P + P),
    ("user-add-short-password", [*U, "user", "add", "bob", "--role", "caseworker"], P + b"x\n"),
    ("user-add-no-password", [*U, "user", "add", "bob", "--role", "caseworker"], P),
    ("user-passwd-unknown", [*U, "user", "passwd", "nobody"], P + P + P),
    ("user-passwd-differ", [*U, "user", "passwd", "ana"], P + P + b"one\n"),
    ("user-reset-without-flag", ["user", "reset", "ana"], b""),
    # -- case ----------------------------------------------------------------------------------
    ("case-add-no-alias", [*U, "case", "add"], P),
    ("case-add-empty-alias", [*U, "case", "add", "--alias", ""], P),
    ("case-add-blank-alias", [*U, "case", "add", "--alias", " \t "], P),
    ("case-add-alias-newline", [*U, "case", "add", "--alias", "Tern\nXX-2026-0001"], P),
    ("case-add-alias-tab", [*U, "case", "add", "--alias", "Tern\tclosed"], P),
    ("case-add-alias-escape", [*U, "case", "add", "--alias", "Tern\x1b[2J"], P),
    ("case-add-alias-nul", [*U, "case", "add", "--alias", "Tern\x00"], P),
    ("case-add-alias-bidi", [*U, "case", "add", "--alias", "Tern\u202eesolc"], P),
    ("case-add-alias-isolate", [*U, "case", "add", "--alias", "Tern\u2067x"], P),
    ("case-add-alias-line-sep", [*U, "case", "add", "--alias", "Tern\u2028x"], P),
    ("case-add-alias-surrogate", [*U, "case", "add", "--alias", SURROGATE], P),
    ("case-add-alias-huge", [*U, "case", "add", "--alias", "x" * 100_000], P),
    ("case-add-set-no-equals", [*U, "case", "add", "--alias", "A", "--set", "nonsense"], P),
    ("case-add-set-no-name", [*U, "case", "add", "--alias", "A", "--set", "=1"], P),
    ("case-add-set-unknown", [*U, "case", "add", "--alias", "A", "--set", "code=X"], P),
    ("case-add-set-unknown-ctl", [*U, "case", "add", "--alias", "A", "--set", "a\nb=1"], P),
    ("case-add-year-text", [*U, "case", "add", "--alias", "A", "--set", "birth_year=abc"], P),
    ("case-add-year-future", [*U, "case", "add", "--alias", "A", "--set", "birth_year=3000"], P),
    ("case-add-year-neg", [*U, "case", "add", "--alias", "A", "--set", "birth_year=-5"], P),
    ("case-add-year-float", [*U, "case", "add", "--alias", "A", "--set", "birth_year=1e3"], P),
    (
        "case-add-year-100k-digits",
        [*U, "case", "add", "--alias", "A", "--set", "birth_year=" + "9" * 100_000],
        P,
    ),
    ("case-add-gender-newline", [*U, "case", "add", "--alias", "A", "--set", "gender=f\nm"], P),
    (
        "case-add-centre-long",
        [*U, "case", "add", "--alias", "A", "--set", "centre=" + "c" * 500],
        P,
    ),
    ("case-add-languages-tab", [*U, "case", "add", "--alias", "A", "--set", "languages=en\tit"], P),
    ("case-add-status-bogus", [*U, "case", "add", "--alias", "A", "--set", "status=gone"], P),
    (
        "case-add-nationality-sur",
        [*U, "case", "add", "--alias", "A", "--set", f"nationality={SURROGATE}"],
        P,
    ),
    ("case-list-bad-status", [*U, "case", "list", "--status", "gone"], P),
    ("case-list-search-surrogate", [*U, "case", "list", "--search", SURROGATE], P),
    ("case-show-unknown", [*U, "case", "show", "XX-0000-0000"], P),
    ("case-show-empty", [*U, "case", "show", ""], P),
    ("case-show-surrogate", [*U, "case", "show", SURROGATE], P),
    ("case-show-huge", [*U, "case", "show", "X" * 100_000], P),
    ("case-show-quote", [*U, "case", "show", "' OR 1=1 --"], P),
    ("case-erase-unknown", [*U, "case", "erase", "XX-0000-0000"], P),
    # -- note ----------------------------------------------------------------------------------
    ("note-add-unknown-case", [*U, "note", "add", "XX-0000-0000"], P + b"text\n"),
    ("note-add-empty", [*U, "note", "add", "{code}"], P),
    ("note-add-blank", [*U, "note", "add", "{code}"], P + b"\n \n\t\n"),
    ("note-add-not-utf8", [*U, "note", "add", "{code}"], P + b"caf\xe9 au lait\n"),
    ("note-add-nul", [*U, "note", "add", "{code}"], P + b"a\x00b\n"),
    ("note-add-escape", [*U, "note", "add", "{code}"], P + b"a\x1b[2Jb\n"),
    ("note-add-huge", [*U, "note", "add", "{code}"], P + b"x" * 300_000),
    ("note-add-just-too-long", [*U, "note", "add", "{code}"], P + b"x" * 200_001 + b"\n"),
    # -- questionnaire -------------------------------------------------------------------------
    ("validate-missing", ["questionnaire", "validate", "{missing_yaml}"], b""),
    ("validate-folder", ["questionnaire", "validate", "{folder}"], b""),
    ("validate-junk", ["questionnaire", "validate", "{junk}"], b""),
    ("validate-empty", ["questionnaire", "validate", "{empty}"], b""),
    ("validate-json", ["questionnaire", "validate", "{not_json}"], b""),
    ("validate-laughs", ["questionnaire", "validate", "{laughs}"], b""),
    ("validate-big", ["questionnaire", "validate", "{big_yaml}"], b""),
    ("validate-no-file", ["questionnaire", "validate"], b""),
    ("install-missing", [*U, "questionnaire", "install", "{missing_yaml}"], P),
    ("install-folder", [*U, "questionnaire", "install", "{folder}"], P),
    ("install-junk", [*U, "questionnaire", "install", "{junk}"], P),
    ("install-laughs", [*U, "questionnaire", "install", "{laughs}"], P),
    ("install-library", [*U, "questionnaire", "install", "{library}"], P),
    ("install-directory", [*U, "questionnaire", "install", "{directory_file}"], P),
    ("install-big", [*U, "questionnaire", "install", "{big_yaml}"], P),
    # -- screening score -----------------------------------------------------------------------
    ("score-unknown-guide", ["screening", "score", "no-such-guide", "{answers}"], b""),
    ("score-missing-guide", ["screening", "score", "{missing_yaml}", "{answers}"], b""),
    ("score-guide-folder", ["screening", "score", "{folder}", "{answers}"], b""),
    ("score-guide-junk", ["screening", "score", "{junk}", "{answers}"], b""),
    ("score-guide-laughs", ["screening", "score", "{laughs}", "{answers}"], b""),
    ("score-guide-library", ["screening", "score", "{library}", "{answers}"], b""),
    ("score-guide-surrogate", ["screening", "score", SURROGATE, "{answers}"], b""),
    ("score-missing-answers", ["screening", "score", "{guide}", "{missing}"], b""),
    ("score-answers-folder", ["screening", "score", "{guide}", "{folder}"], b""),
    ("score-answers-junk", ["screening", "score", "{guide}", "{junk}"], b""),
    ("score-answers-empty", ["screening", "score", "{guide}", "{empty}"], b""),
    ("score-answers-not-json", ["screening", "score", "{guide}", "{not_json}"], b""),
    ("score-answers-list", ["screening", "score", "{guide}", "{json_list}"], b""),
    ("score-answers-null", ["screening", "score", "{guide}", "{json_null}"], b""),
    ("score-answers-deep", ["screening", "score", "{guide}", "{json_deep}"], b""),
    ("score-100k-digits", ["screening", "score", "{guide}", "{json_bignum}"], b""),
    ("score-1e999", ["screening", "score", "{guide}", "{json_inf}"], b""),
    ("score-nan", ["screening", "score", "{guide}", "{json_nan}"], b""),
    ("score-1e300", ["screening", "score", "{guide}", "{json_bigfloat}"], b""),
    ("score-16-digits", ["screening", "score", "{guide}", "{json_toolarge}"], b""),
    ("score-surrogate-answer", ["screening", "score", "{guide}", "{json_surrogate}"], b""),
    ("score-2023-02-30", ["screening", "score", "{guide}", "{json_bad_date}"], b""),
    ("score-numeric-date", ["screening", "score", "{guide}", "{json_num_date}"], b""),
    ("score-no-answers", ["screening", "score", "{guide}", "{json_no_answers}"], b""),
    ("score-answers-as-list", ["screening", "score", "{guide}", "{json_answers_list}"], b""),
    ("score-unknown-question", ["screening", "score", "{guide}", "{json_unknown_q}"], b""),
    ("score-wrong-types", ["screening", "score", "{guide}", "{json_wrong_type}"], b""),
    ("score-bool-for-int", ["screening", "score", "{guide}", "{json_bool_int}"], b""),
    ("score-dict-answer", ["screening", "score", "{guide}", "{json_dict_answer}"], b""),
    ("score-unknown-key", ["screening", "score", "{guide}", "{json_unknown_key}"], b""),
    ("score-numeric-version", ["screening", "score", "{guide}", "{json_version_num}"], b""),
    ("score-other-guide", ["screening", "score", "{guide}", "{json_other_guide}"], b""),
    ("score-constraint", ["screening", "score", "{guide}", "{json_constraint}"], b""),
    ("score-empty-question-id", ["screening", "score", "{guide}", "{json_key_empty}"], b""),
    ("score-huge-text", ["screening", "score", "first-screening", "{json_huge_text}"], b""),
    ("score-control-text", ["screening", "score", "first-screening", "{json_control_text}"], b""),
    # -- screening import ----------------------------------------------------------------------
    ("import-unknown-case", [*U, "screening", "import", "XX-0-0", "{guide}", "{answers}"], P),
    ("import-missing", [*U, "screening", "import", "{code}", "{guide}", "{missing}"], P),
    ("import-junk", [*U, "screening", "import", "{code}", "{guide}", "{junk}"], P),
    ("import-100k-digits", [*U, "screening", "import", "{code}", "{guide}", "{json_bignum}"], P),
    ("import-nan", [*U, "screening", "import", "{code}", "{guide}", "{json_nan}"], P),
    ("import-16-digits", [*U, "screening", "import", "{code}", "{guide}", "{json_toolarge}"], P),
    ("import-surrogate", [*U, "screening", "import", "{code}", "{guide}", "{json_surrogate}"], P),
    ("import-bad-date", [*U, "screening", "import", "{code}", "{guide}", "{json_bad_date}"], P),
    ("import-laughs", [*U, "screening", "import", "{code}", "{laughs}", "{answers}"], P),
    ("import-unknown-guide", [*U, "screening", "import", "{code}", "nope", "{answers}"], P),
    (
        "import-huge-text",
        [*U, "screening", "import", "{code}", "first-screening", "{json_huge_text}"],
        P,
    ),
    # -- report and stats ----------------------------------------------------------------------
    ("report-unknown-case", [*U, "report", "XX-0-0", "--out", "{out_pdf}"], P),
    ("report-unknown-lang", [*U, "report", "{code}", "--out", "{out_pdf}", "--lang", "xx"], P),
    (
        "report-unknown-recipient",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--recipient", "nope"],
        P,
    ),
    (
        "report-recipient-newline",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--recipient", "a\nb"],
        P,
    ),
    (
        "report-unknown-redact",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--redact", "soul"],
        P,
    ),
    (
        "report-screening-text",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--screening", "x"],
        P,
    ),
    (
        "report-unknown-screening",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--screening", "99999"],
        P,
    ),
    (
        "report-huge-screening",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--screening", "9" * 30],
        P,
    ),
    ("report-negative-note", [*U, "report", "{code}", "--out", "{out_pdf}", "--note", "-1"], P),
    (
        "report-empty-pdf-password",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--pdf-password-stdin"],
        P + b"\n",
    ),
    (
        "report-no-pdf-password",
        [*U, "report", "{code}", "--out", "{out_pdf}", "--pdf-password-stdin"],
        P,
    ),
    ("report-no-out", [*U, "report", "{code}"], P),
    ("stats-2023-02-30", [*U, "stats", "--out", "{out_csv}", "--from", "2023-02-30"], P),
    ("stats-text-date", [*U, "stats", "--out", "{out_csv}", "--to", "yesterday"], P),
    (
        "stats-from-after-to",
        [*U, "stats", "--out", "{out_csv}", "--from", "2024-05-01", "--to", "2024-01-01"],
        P,
    ),
    ("stats-year-99999", [*U, "stats", "--out", "{out_csv}", "--from", "99999-01-01"], P),
    ("stats-unknown-lang", [*U, "stats", "--out", "{out_csv}", "--lang", "xx"], P),
    # -- XLSForm and ODK forms -----------------------------------------------------------------
    (
        "xlsform-missing",
        ["questionnaire", "import-xlsform", "{missing}", "--out", "{out_yaml}"],
        b"",
    ),
    ("xlsform-folder", ["questionnaire", "import-xlsform", "{folder}", "--out", "{out_yaml}"], b""),
    ("xlsform-junk", ["questionnaire", "import-xlsform", "{junk}", "--out", "{out_yaml}"], b""),
    ("xlsform-empty", ["questionnaire", "import-xlsform", "{empty}", "--out", "{out_yaml}"], b""),
    (
        "xlsform-not-a-sheet",
        ["questionnaire", "import-xlsform", "{not_a_backup}", "--out", "{out_yaml}"],
        b"",
    ),
    (
        "export-unknown-guide",
        ["questionnaire", "export", "nope", "--format", "xform", "--out", "{out_yaml}"],
        b"",
    ),
    (
        "export-laughs",
        ["questionnaire", "export", "{laughs}", "--format", "xlsform", "--out", "{out_yaml}"],
        b"",
    ),
    (
        "export-bad-format",
        ["questionnaire", "export", "{guide}", "--format", "pdf", "--out", "{out_yaml}"],
        b"",
    ),
    (
        "export-junk-key",
        [
            *["questionnaire", "export", "{guide}", "--format", "xform", "--out", "{out_yaml}"],
            *["--public-key", "{junk}"],
        ],
        b"",
    ),
    (
        "export-missing-key",
        [
            *["questionnaire", "export", "{guide}", "--format", "xform", "--out", "{out_yaml}"],
            *["--public-key", "{missing}"],
        ],
        b"",
    ),
    ("reopen-text-id", [*U, "screening", "reopen", "x"], P),
    ("reopen-unknown", [*U, "screening", "reopen", "99999"], P),
    ("reopen-huge", [*U, "screening", "reopen", "9" * 40], P),
    ("reopen-negative", [*U, "screening", "reopen", "-1"], P),
    # -- backup and verify ---------------------------------------------------------------------
    ("restore-missing", ["backup", "restore", "{missing}"], b""),
    ("restore-folder", ["backup", "restore", "{folder}"], b""),
    ("restore-junk", ["backup", "restore", "{junk}"], b""),
    ("restore-empty", ["backup", "restore", "{empty}"], b""),
    ("restore-not-a-backup", ["backup", "restore", "{not_a_backup}"], b""),
    ("backup-create-no-out", [*U, "backup", "create"], P),
]

#: Commands whose output is the report of what is wrong (stdout), not a message on stderr.
REPORTS_ON_STDOUT = {"validate"}


@pytest.fixture
def placeholders(files: Files, tmp_path: Path) -> dict[str, str]:
    return _placeholders(files, tmp_path)


def _fill(argv: list[str], values: dict[str, str]) -> list[str]:
    filled = []
    for arg in argv:
        for key, value in values.items():
            arg = arg.replace(key, value)
        filled.append(arg)
    return filled


def _state(workspace: Path) -> list[tuple[str, str, str]]:
    """What a refused command must not change: the cases, their notes and the users."""
    from free2link_desktop.services.workspace import open_workspace

    workspace_ = open_workspace(workspace)
    try:
        session = workspace_.unlock("ana", PW)
        try:
            rows = [
                (c.code, c.alias, "|".join(n.text for n in session.notes.list(c.code)))
                for c in session.cases.list_page(0, 1000)
            ]
            rows += [("user", u.name, u.role) for u in session.users.list()]
            return rows
        finally:
            session.lock()
    finally:
        workspace_.close()


@pytest.fixture(scope="module")
def state_before(files: Files) -> list[tuple[str, str, str]]:
    return _state(files.workspace)


@pytest.mark.parametrize(
    ("argv", "stdin"), [(a, s) for _id, a, s in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_is_refused_with_a_message_and_no_traceback(
    files: Files, placeholders: dict[str, str], state_before: object, argv: list[str], stdin: bytes
) -> None:
    result = run(files.workspace, _fill(argv, placeholders), stdin)
    assert not result.crash, result.crash
    assert result.status in {1, 2, 3}, (result.status, result.out, result.err)
    assert "Traceback" not in result.out + result.err
    message = result.err + (result.out if REPORTS_ON_STDOUT & set(argv) else "")
    assert message.strip(), (result.status, result.out, result.err)


def test_nothing_refused_changed_the_workspace(files: Files, state_before: object) -> None:
    """Runs after the cases above (same module, file order): every refusal stored nothing."""
    assert _state(files.workspace) == state_before


#: Odd but valid input: any exit status is fine, a traceback is not.
ODD: list[tuple[str, list[str]]] = [
    (f"search-{i}", [*U, "case", "list", "--search", text])
    for i, text in enumerate(
        [
            *['"', "AND", "*", "NEAR(", "a:b", "^", "-", "OR OR", "'", '""', "(", "a AND"],
            *["%", "_", "\u202e", "x" * 100_000, "Tern" * 50],
        ]
    )
] + [
    ("search-json", [*U, "--json", "case", "list", "--search", "NOT"]),
    ("show-json", [*U, "--json", "case", "show", "{code}"]),
    ("stats-widest-range", [*U, "stats", "--out", "{out_csv}", "--from", "0001-01-01"]),
]


@pytest.mark.parametrize("argv", [a for _id, a in ODD], ids=[c[0] for c in ODD])
def test_odd_but_valid_input_never_ends_in_a_traceback(
    files: Files, placeholders: dict[str, str], argv: list[str]
) -> None:
    result = run(files.workspace, _fill(argv, placeholders), P)
    assert not result.crash, result.crash
    assert result.status in {0, 1, 2, 3}
    assert "Traceback" not in result.out + result.err


#: A workspace whose files are not what they should be (each on its own copy).
DAMAGE = {
    "keys-not-json": ("keys.json", b"{"),
    "keys-binary": ("keys.json", b"\xff\x00junk"),
    "keys-empty": ("keys.json", b""),
    "keys-a-list": ("keys.json", b"[]"),
    "keys-a-number": ("keys.json", b"1e999"),
    "keys-entries-a-list": ("keys.json", b'{"format": 1, "workspace_id": "x", "entries": []}'),
    "db-junk": ("workspace.db", bytes(range(256)) * 64),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_workspace_file_is_a_message_not_a_traceback(
    files: Files, tmp_path: Path, damage: str
) -> None:
    import shutil

    copy = tmp_path / "ws"
    shutil.copytree(files.workspace, copy)
    name, content = DAMAGE[damage]
    (copy / name).write_bytes(content)
    for argv in ([*U, "case", "list"], [*U, "verify"]):
        result = run(copy, argv, P)
        assert not result.crash, result.crash
        assert result.status in {1, 3} and result.err.strip()


def _process(
    workspace: Path, argv: list[bytes], stdin: bytes, *, strict_output: bool = False
) -> tuple[int, str, str]:
    """A real `free2link` process given raw bytes: arguments and stdin that are not UTF-8.

    `strict_output`: standard output refuses what it cannot encode, as on a desktop's UTF-8
    locale or a Windows console code page.
    """
    import subprocess
    import sys

    from tests.conftest import cli_env

    env = cli_env()
    env.pop("PYTHONUTF8", None)
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    if strict_output:
        env["PYTHONIOENCODING"] = "utf-8:strict"
    done = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"free2link_desktop",
            b"--workspace",
            bytes(workspace),
            *argv,
        ],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    return (
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (
            [b"--user", b"ana", b"case", b"add", b"--alias", b"Tern\xff"],
            P,
            "The value given for alias is not valid UTF-8 text.",
        ),
        (
            [b"--user", b"ana", b"case", b"list", b"--search", b"caf\xe9"],
            P,
            "The value given for search is not valid UTF-8 text.",
        ),
        (
            [b"--user", b"ana", b"note", b"add", b"{code}"],
            P + b"caf\xe9 au lait\n",
            "Standard input is not UTF-8 text",
        ),
    ],
    ids=["alias", "search", "note"],
)
def test_bytes_that_are_not_utf8_in_a_real_process(
    files: Files, state_before: object, argv: list[bytes], stdin: bytes, message: str
) -> None:
    argv = [a.replace(b"{code}", files.code.encode()) for a in argv]
    status, out, err = _process(files.workspace, argv, stdin)
    assert status == 1, (out, err)
    assert message in err and "Traceback" not in out + err


def test_stored_control_characters_are_escaped_in_every_listing(tmp_path: Path) -> None:
    """Text stored before the rules (by an older version) cannot forge a line or a column."""
    from free2link_desktop.services.workspace import create_workspace
    from free2link_desktop.storage.repositories.cases import CaseRepository

    folder = tmp_path / "ws"
    session, _key = create_workspace(folder, "ana", PW, kdf=CHEAP_KDF)
    code = session.cases.create("Tern").code
    with session.db.transaction():  # as an older version could have stored it
        CaseRepository(session.db).update(
            code, {"alias": "Tern\tclosed\nXX-2026-0099\topen", "centre": "Roma\x1b[2J"}
        )
    session.notes.add(code, "first line\nsecond line")
    session.lock()
    session.workspace.close()

    listed = run(folder, [*U, "case", "list"], P)
    assert listed.status == 0, listed.err
    assert listed.out.splitlines() == [
        f"{code}\topen\tRoma\\x1b[2J\tTern\\tclosed\\nXX-2026-0099\\topen"
    ]
    shown = run(folder, [*U, "case", "show", code], P)
    assert shown.status == 0, shown.err
    assert f"{code}  Tern\\tclosed\\nXX-2026-0099\\topen  [open]" in shown.out.splitlines()
    assert "first line\nsecond line" in shown.out and "\x1b" not in shown.out
    as_json = run(folder, [*U, "--json", "case", "list"], P)
    assert json.loads(as_json.out)[0]["alias"] == "Tern\tclosed\nXX-2026-0099\topen"


def test_control_characters_from_a_guide_file_do_not_reach_the_terminal(tmp_path: Path) -> None:
    """A guide's texts are printed escaped: YAML's "\\e" cannot clear an interviewer's screen."""
    (tmp_path / "indicators.yaml").write_bytes((DATA / "indicators.yaml").read_bytes())
    head, rest = GUIDE.read_text(encoding="utf-8").split("\ntitle:", 1)
    guide = tmp_path / "guide.yaml"
    guide.write_text(head + '\ntitle: {en: "Evil \\e[2J guide"}\n#' + rest, encoding="utf-8")
    result = run(tmp_path, ["screening", "score", str(guide), str(DATA / "answers.json")])
    assert result.status == 0, result.err
    assert "Evil \\x1b[2J guide" in result.out
    assert "\x1b" not in result.out + result.err


def test_an_output_file_name_that_is_not_utf8_is_printed_not_a_traceback(
    files: Files, tmp_path: Path
) -> None:
    out = bytes(tmp_path) + b"/stats-\xff.csv"
    status, printed, err = _process(
        files.workspace, [b"--user", b"ana", b"stats", b"--out", out], P, strict_output=True
    )
    assert status == 0, err
    assert printed.strip().endswith("stats-\\udcff.csv")
    assert (tmp_path / os.fsdecode(b"stats-\xff.csv")).is_file()
