"""XLSForm import on real public forms (pyxform's own test forms, BSD-2) and on a multilingual
intake form built as a centre would type it: what is kept, changed and skipped, and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from free2link_desktop.core.questionnaire import score
from free2link_desktop.interop.xlsform import FormBroken, import_xlsform
from free2link_desktop.services.forms import read_xlsform
from tests.interop.forms import PYXFORM, intake_form, xlsx

REAL_FORMS = [
    "UCL_Biomass_Plot_Form.xlsx",
    "flat_xlsform_test.xlsx",
    "widgets.xls",
    "specify_other.xlsx",
    "or_other.xlsx",
    "yes_or_no_question.xlsx",
    "case_insensitivity.xlsx",
    "group.xls",
    "choice_filter_test.xlsx",
]


def _notes(form: bytes) -> dict[tuple[str, str], list[str]]:
    imported = import_xlsform(form, "form")
    out: dict[tuple[str, str], list[str]] = {}
    for note in imported.notes:
        out.setdefault((note.kind, note.name), []).append(str(note))
    return out


@pytest.mark.parametrize("name", REAL_FORMS)
def test_real_forms_import_validate_and_score(name: str, tmp_path: Path) -> None:
    form = PYXFORM / name
    result = read_xlsform(form, tmp_path / "guide.yaml")  # checked by the guide loader
    guide = result.questionnaire
    assert guide.questions
    assert all(q.text.get(guide.source_language) for q in guide.questions)
    scored = score(guide, {})
    assert scored.level == "none"
    assert "no indicators" in scored.label.get("en")


def test_a_swahili_and_english_field_form_names_every_skip(tmp_path: Path) -> None:
    result = read_xlsform(PYXFORM / "UCL_Biomass_Plot_Form.xlsx", tmp_path / "ucl.yaml")
    guide = result.questionnaire
    # no default_language in settings: the first language column is the source
    assert dict(guide.languages) == {"sw": "source", "en": "draft"}
    leader = guide.question("leader_name_other")
    assert leader.text.get("sw") == "Jina Lako"
    assert str(leader.relevant) == "${leader_name} = 'other'"
    notes = {(n.kind, n.name): str(n) for n in result.imported.notes}
    assert (
        notes["skipped", "center_point"]
        == "survey, row 22 'center_point': a location: not imported"
    )
    assert "row 26 'slope_radius': a calculation" in notes["skipped", "slope_radius"]
    assert "row 16 'region_id': choices from a file" in notes["skipped", "region_id"]
    assert "row 11 'start': form metadata ('start')" in notes["skipped", "start"]
    assert "row 32 'trees': a repeat" in notes["skipped", "trees"]
    assert "inside the repeat 'trees' (row 32)" in notes["skipped", "tag"]
    assert "row 10 'leader_number': the constraint was dropped" in notes["changed", "leader_number"]
    kept = [n for n in result.imported.notes if n.kind == "kept"]
    assert len(kept) == len(guide.questions)


def test_a_multilingual_intake_form() -> None:
    imported = import_xlsform(intake_form(), "intake")
    guide = imported.guide
    assert (guide["id"], guide["version"]) == ("intake-form", "2024.1")
    assert guide["languages"] == {"en": "source", "el": "draft", "ar": "draft", "uk": "draft"}
    sections = {s["id"]: s for s in guide["sections"]}
    assert list(sections) == ["consent", "about"]
    assert sections["about"]["relevant"] == "${agrees} = 'yes'"
    questions = {q["id"]: q for q in imported.questions}
    agrees = questions["agrees"]
    assert agrees["type"] == "yes_no" and agrees["required"] is True
    assert agrees["text"]["ar"] == "هل توافق على التحدث معي؟"
    assert agrees["text"]["uk"] == "Чи згодні ви поговорити зі мною?"  # "Ukrainian" -> uk
    assert agrees["guidance"]["en"] == "Read slowly.\n\nOnly a clear yes counts."
    age = questions["age"]  # renamed from Age; references follow
    assert age["constraint"] == ". >= 0 and . <= 120"
    assert age["guidance"]["en"] == "An age between 0 and 120."  # the constraint message
    # the calculation is_minor is inlined into the nested group's relevant, pushed down
    assert questions["minor_note"]["relevant"] == "(if(${age} < 18, 1, 0)) = 1"
    assert [o["value"] for o in questions["channel"]["options"]][-1] == "other"
    assert questions["channel_other"]["relevant"] == "${channel} = 'other'"
    assert questions["apps"]["type"] == "multiple"
    assert questions["debt"]["type"] == "text"
    assert "where" not in questions and "child_name" not in questions and "start" not in questions
    assert "relevant" not in questions["where_detail"]
    assert "constraint" not in questions["arrived"]

    notes = _notes(intake_form())
    assert notes["skipped", "label::Local dialect"] == [
        "survey, row 1 'label::Local dialect': the language 'Local dialect' has no language "
        "code, so this column was not imported (name it like 'label::Local dialect (xx)')"
    ]
    assert notes["skipped", "appearance"]
    assert notes["changed", "Age"] == [
        "survey, row 7 'Age': renamed to 'age' (question ids are lower-case)"
    ]
    assert "'relevant' dropped" in notes["changed", "where_detail"][0]
    assert "refers to 'where', which was not imported" in notes["changed", "where_detail"][0]
    assert "Unknown function 'today'" in notes["changed", "arrived"][0]
    assert "row 18 'children': a repeat" in notes["skipped", "children"][0]
    assert notes["changed", "debt"][0].endswith("a decimal number: imported as a text question")


def test_the_intake_guide_scores_with_its_skip_logic(tmp_path: Path) -> None:
    form = tmp_path / "intake.xlsx"
    form.write_bytes(intake_form())
    guide = read_xlsform(form, tmp_path / "intake.yaml").questionnaire
    result = score(guide, {"agrees": "yes", "age": 15, "channel": "friend"})
    assert "minor_note" in result.relevant_questions and "apps" not in result.relevant_questions
    result = score(guide, {"agrees": "no"})
    assert "age" not in result.relevant_questions


HEADER = ("type", "name", "label")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            xlsx([HEADER, ("text", "a", "A"), ("text", "a", "A again")]),
            "Sheet survey, row 3: the name 'a' is already used in row 2.",
        ),
        (
            xlsx(
                [HEADER, ("select_one colours", "c", "Colour?")], [("list_name", "name", "label")]
            ),
            "Sheet survey, row 2: the choice list 'colours' is not on the choices sheet.",
        ),
        (
            xlsx([HEADER, ("text", "a", "A"), ("texte", "b", "B")]),
            "Sheet survey, row 3: unknown question type 'texte'.",
        ),
        (
            xlsx([HEADER, ("geopoint", "a", "Where?"), ("start", "start", "")]),
            "The form has no question that can be imported (sheet survey)",
        ),
        (
            xlsx([HEADER, ("text", "a", "A"), ("end group", "", "")]),
            "Sheet survey, row 3: 'end group' without a matching begin.",
        ),
        (
            xlsx([HEADER, ("begin group", "g", "G"), ("text", "a", "A")]),
            "Sheet survey, row 2: 'begin group' is never ended.",
        ),
        (
            xlsx([("name", "label"), ("a", "A")]),
            "Sheet survey, row 1: there is no 'type' column.",
        ),
        (b"type,name,label\ntext,a,A\n", "The file is not a spreadsheet (.xlsx or .xls)."),
        (b"PK\x03\x04 not really a zip", "The file cannot be read as a spreadsheet"),
        (
            (PYXFORM / "duplicate_columns.xlsx").read_bytes(),
            "Sheet survey, row 1: the column 'label' appears twice.",
        ),
        (
            (PYXFORM / "unknown_question_type.xls").read_bytes(),
            "Sheet survey, row 1: the columns 'bind:relevant' and 'relevance' are the same column.",
        ),
        (
            (PYXFORM / "group_name_test.xls").read_bytes(),
            "Sheet survey, row 3: the 'begin group' row has no name.",
        ),
        (
            (PYXFORM / "tutorial.xls").read_bytes(),  # every question is inside a repeat
            "The form has no question that can be imported",
        ),
    ],
)
def test_a_broken_form_names_the_sheet_and_row(form: bytes, message: str) -> None:
    with pytest.raises(FormBroken) as broken:
        import_xlsform(form, "broken")
    assert broken.value.exit_code == 2
    assert broken.value.message().startswith(message)


def test_header_case_and_spacing_as_xlsform_allows() -> None:
    form = xlsx(
        [
            ("Type", "NAME", " Label :: Français (fr) ", "label::English (en)", "Relevance"),
            ("Select One  yn", "q1", "Ça va ?", "All right?", ""),
            ("TEXT", "q2", "Pourquoi ?", "Why?", "${q1} = 'no'"),
        ],
        [
            ("List Name", "Name", "Label::Français (fr)", "label::English (en)"),
            ("yn", "yes", "Oui", "Yes"),
            ("yn", "no", "Non", "No"),
        ],
    )
    imported = import_xlsform(form, "cases")
    q1, q2 = imported.questions
    assert q1["type"] == "yes_no" and q2["relevant"] == "${q1} = 'no'"
    assert imported.guide["languages"] == {"fr": "source", "en": "draft"}
    assert q2["text"] == {"fr": "Pourquoi ?", "en": "Why?"}


def test_typographic_quotes_in_labels_are_kept() -> None:
    form = xlsx([HEADER, ("text", "a", "Czy „tak”? «oui» ‘yes’")])
    assert import_xlsform(form, "q").questions[0]["text"]["en"] == "Czy „tak”? «oui» ‘yes’"


def test_or_other_keeps_the_forms_own_names_and_its_text_question_can_be_referred_to() -> None:
    form = xlsx(
        [
            (*HEADER, "relevant"),
            ("select_one colours or_other", "colour", "Colour?", ""),
            ("note", "thanks", "Thanks for the detail", "${colour_other} != ''"),
            ("text", "colour_other_notes", "Anything else?", ""),
        ],
        [("list_name", "name", "label"), ("colours", "red", "Red"), ("colours", "blue", "Blue")],
    )
    questions = {q["id"]: q for q in import_xlsform(form, "o").questions}
    assert list(questions) == ["colour", "colour_other", "thanks", "colour_other_notes"]
    assert questions["thanks"]["relevant"] == "${colour_other} != ''"


def test_names_become_ids_and_references_follow() -> None:
    form = xlsx(
        [
            (*HEADER, "relevant"),
            ("integer", "Âge", "Âge ?", ""),
            ("text", "2nd-name", "Second name", "${Âge} > 17"),
            ("text", "age", "Age again", "${2nd-name} != ''"),
        ],
        settings=[("form_id", "version"), ("Enquête Accueil 2024", "3")],
    )
    imported = import_xlsform(form, "f")
    assert imported.guide["id"] == "enquete-accueil-2024"
    ids = [q["id"] for q in imported.questions]
    assert ids == ["age", "q_2nd_name", "age_2"]
    assert imported.questions[1]["relevant"] == "${age} > 17"
    assert imported.questions[2]["relevant"] == "${q_2nd_name} != ''"
