"""Benchmark of the XLSForm import (SPEC section 8: import a 300-question XLSForm ≤ 2 s).

Builds, with openpyxl, an XLSForm of 300 questions in 4 languages (label and hint in each),
in 15 groups, with relevant and constraint expressions, yes/no and multiple-choice lists, a
calculation used by later relevants, an "or_other", notes, metadata, a geopoint and a small
repeat, as a real intake form has them. Then measures what `free2link questionnaire
import-xlsform` does before writing: reading the .xlsx (pyxform over openpyxl), the mapping,
and checking the guide with the guide loader (`services.forms.read_xlsform`). Also the export
of the bundled in-depth guide and its conversion to XForm by pyxform, for scale.

Run: `python benchmarks/xlsform.py`.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from free2link_desktop.core.questionnaire import find_questionnaire
from free2link_desktop.interop.xform import export_xform
from free2link_desktop.interop.xlsform import export_xlsform
from free2link_desktop.services.forms import read_xlsform

QUESTIONS = 300
GROUPS = 15
LANGUAGES = (("English", "en"), ("Italiano", "it"), ("Ελληνικά", "el"), ("العربية", "ar"))
BUDGET_S = 2.0


def build_form() -> bytes:
    columns = ["type", "name"]
    columns += [f"label::{name} ({code})" for name, code in LANGUAGES]
    columns += [f"hint::{name} ({code})" for name, code in LANGUAGES]
    columns += ["relevant", "constraint", "constraint_message::English (en)", "required"]
    columns += ["calculation", "appearance"]
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(columns)

    def row(kind: str, name: str, words: str = "", **cells: str) -> None:
        values = {"type": kind, "name": name}
        if words:
            for lang_name, code in LANGUAGES:
                values[f"label::{lang_name} ({code})"] = (
                    f"{words} ({code}) — a question as long as a real one"
                )
                values[f"hint::{lang_name} ({code})"] = (
                    f"Guidance for {words} ({code}): ask gently."
                )
        values.update(cells)
        survey.append([values.get(c, "") for c in columns])

    row("start", "start")
    row("deviceid", "deviceid")
    per_group = QUESTIONS // GROUPS
    n = 0
    for g in range(GROUPS):
        row(
            "begin group",
            f"group_{g}",
            f"Section {g}",
            relevant="${q_0} = 'yes'" if g > 1 else "",
        )
        for i in range(per_group):
            name = f"q_{n}"
            kind = ("select_one yn", "integer", "select_multiple apps", "text", "date", "note")[
                n % 6
            ]
            cells: dict[str, str] = {}
            if n > 3 and n % 4 == 0:
                cells["relevant"] = f"${{q_{n - 3}}} != '' and ${{score_{g}}} >= 0"
            if kind == "integer":
                cells.update(
                    constraint=". >= 0 and . <= 120",
                    **{"constraint_message::English (en)": "Between 0 and 120."},
                )
            if kind != "note" and n % 3 == 0:
                cells["required"] = "yes"
            if i == 2:
                kind = "select_one apps or_other"
            row(kind, name, f"Question {n}", **cells)
            if i == 0:
                row("calculate", f"score_{g}", calculation=f"if(${{q_{n}}} = 'yes', 1, 0)")
            n += 1
        if g == 3:
            row("geopoint", "where", "Where are you")
            row("begin repeat", "household", "Household")
            row("text", "member", "Member")
            row("end repeat", "")
        row("end group", "")
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", *[f"label::{a} ({c})" for a, c in LANGUAGES]])
    for value in ("yes", "no"):
        choices.append(["yn", value, *[f"{value} ({c})" for _a, c in LANGUAGES]])
    for value in ("facebook", "instagram", "telegram", "whatsapp", "tiktok", "none"):
        choices.append(["apps", value, *[f"{value} ({c})" for _a, c in LANGUAGES]])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["Benchmark intake", "benchmark_intake", "1", "English (en)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(work, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def measure(runs: int = 7) -> list[float]:
    """Seconds per import of the generated 300-question form (for benchmarks/run_all.py)."""
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "intake.xlsx"
        form.write_bytes(build_form())
        read_xlsform(form, Path(folder) / "intake.yaml")  # warm: imports and caches
        return timed(lambda: read_xlsform(form, Path(folder) / "intake.yaml"), runs)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "intake.xlsx"
        form.write_bytes(build_form())
        size = form.stat().st_size
        first = read_xlsform(form, Path(folder) / "intake.yaml")
        assert len(first.questionnaire.questions) >= QUESTIONS, len(first.questionnaire.questions)
        imports = timed(lambda: read_xlsform(form, Path(folder) / "intake.yaml"), 7)
        full = find_questionnaire("full-screening")
        exports = timed(lambda: export_xlsform(full), 5)
        xforms = timed(lambda: export_xform(full), 3)
    imported = first.imported
    print(
        f"form: {size // 1024} KiB; "
        f"{len(first.questionnaire.questions)} questions kept, "
        f"{imported.count('changed')} changed, {imported.count('skipped')} skipped notes"
    )
    print()
    print("| what (s) | best | median | worst | budget |")
    print("|---|---:|---:|---:|---:|")

    def line(what: str, times: list[float], budget: str = "—") -> None:
        print(
            f"| {what} | {min(times):.2f} | {statistics.median(times):.2f} | "
            f"{max(times):.2f} | {budget} |"
        )

    line("import a 300-question XLSForm (4 languages): read, map, check", imports, f"{BUDGET_S:g}")
    line("export the in-depth guide (71 questions, 7 languages) to XLSForm", exports)
    line("same guide to XForm through pyxform", xforms)
    return 0 if statistics.median(imports) <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
