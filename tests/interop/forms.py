"""Small XLSForms built with openpyxl for the tests, as a form author would type them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl

DATA = Path(__file__).parent / "data"
PYXFORM = DATA / "pyxform"

Rows = Sequence[Sequence[object]]


def xlsx(
    survey: Rows, choices: Rows = (), settings: Rows = (), extra: dict[str, Rows] | None = None
) -> bytes:
    """An .xlsx with the given sheets; each sheet's first row is its header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    for name, rows in (("choices", choices), ("settings", settings), *(extra or {}).items()):
        if rows:
            other = book.create_sheet(name)
            for row in rows:
                other.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


INTAKE_COLUMNS = (
    "type",
    "name",
    "label::English (en)",
    "label::Ελληνικά (el)",
    "label::العربية (ar)",
    "label::Ukrainian",
    "label::Local dialect",
    "hint::English (en)",
    "guidance_hint::English (en)",
    "relevant",
    "constraint",
    "constraint_message::English (en)",
    "required",
    "appearance",
    "calculation",
)
_SHORT = {
    "en": "label::English (en)",
    "el": "label::Ελληνικά (el)",
    "ar": "label::العربية (ar)",
    "uk": "label::Ukrainian",
    "local": "label::Local dialect",
    "hint": "hint::English (en)",
    "guidance": "guidance_hint::English (en)",
    "message": "constraint_message::English (en)",
}


def row(kind: str, name: str = "", *labels: str, **cells: str) -> list[object]:
    """One survey row: labels in en, el, ar, uk order, other cells by (short) column name."""
    values: dict[str, object] = {"type": kind, "name": name}
    for lang, label in zip(("en", "el", "ar", "uk"), labels, strict=False):
        values[_SHORT[lang]] = label
    for key, value in cells.items():
        values[_SHORT.get(key, key)] = value
    return [values.get(column) for column in INTAKE_COLUMNS]


#: A multilingual intake form in the shape centres write them: groups, skip logic, a yes/no
#: list, "or other", a calculation, a location, a repeat, notes, constraint messages, a
#: language without a code (Ukrainian) and one that has none (Local dialect).
INTAKE_SURVEY: Rows = [
    INTAKE_COLUMNS,
    row("start", "start"),
    row("begin group", "Consent", "Consent", "Συναίνεση", "الموافقة", "Згода", local="x"),
    row(
        "select_one yn",
        "agrees",
        "Do you agree to talk with me?",
        "Συμφωνείτε να μιλήσουμε;",
        "هل توافق على التحدث معي؟",
        "Чи згодні ви поговорити зі мною?",
        local="x",
        hint="Read slowly.",
        guidance="Only a clear yes counts.",
        required="yes",
    ),
    row("end group"),
    row(
        "begin group",
        "About",
        "About you",
        "Σχετικά με εσάς",
        "عنك",
        "Про вас",
        relevant="${agrees} = 'yes'",
    ),
    row(
        "integer",
        "Age",
        "How old are you?",
        "Πόσο χρονών είστε;",
        "كم عمرك؟",
        "Скільки вам років?",
        constraint=". >= 0 and . <= 120",
        message="An age between 0 and 120.",
        required="yes",
        appearance="numbers",
    ),
    row("calculate", "is_minor", calculation="if(${Age} < 18, 1, 0)"),
    row("begin group", "minor_block", "Minor", relevant="${is_minor} = 1"),
    row(
        "note",
        "minor_note",
        "Contact child protection now.",
        "Επικοινωνήστε τώρα με την προστασία παιδιών.",
        "اتصلوا بحماية الطفل الآن.",
        "Зверніться до служби захисту дітей.",
    ),
    row("end group"),
    row(
        "select_one channels or_other",
        "channel",
        "How did you hear about the job?",
        "Πώς μάθατε για τη δουλειά;",
        "كيف عرفت بالعمل؟",
        "Як ви дізналися про роботу?",
    ),
    row(
        "select_multiple channels",
        "apps",
        "Which apps?",
        "Ποιες εφαρμογές;",
        "أي تطبيقات؟",
        "Які застосунки?",
        relevant="${channel} != 'friend'",
    ),
    row(
        "decimal", "debt", "How much do you owe?", "Πόσα χρωστάτε;", "كم تدين؟", "Скільки ви винні?"
    ),
    row("geopoint", "where", "Where are you?", "Πού είστε;", "أين أنت؟", "Де ви?"),
    row(
        "text",
        "where_detail",
        "Describe the place",
        "Περιγράψτε το μέρος",
        "صف المكان",
        "Опишіть місце",
        relevant="${where} != ''",
    ),
    row(
        "date",
        "arrived",
        "When did you arrive?",
        "Πότε φτάσατε;",
        "متى وصلت؟",
        "Коли ви прибули?",
        constraint=". <= today()",
    ),
    row("begin repeat", "children", "Children", "Παιδιά", "الأطفال", "Діти"),
    row("text", "child_name", "Name", "Όνομα", "الاسم", "Ім'я"),
    row("end repeat"),
    row("end group"),
]
INTAKE_CHOICES: Rows = [
    (
        "list_name",
        "name",
        "label::English (en)",
        "label::Ελληνικά (el)",
        "label::العربية (ar)",
        "label::Ukrainian",
    ),
    ("yn", "yes", "Yes", "Ναι", "نعم", "Так"),
    ("yn", "no", "No", "Όχι", "لا", "Ні"),
    ("channels", "facebook", "Facebook", "Facebook", "فيسبوك", "Facebook"),
    ("channels", "whatsapp", "WhatsApp", "WhatsApp", "واتساب", "WhatsApp"),
    ("channels", "friend", "A friend", "Ένας φίλος", "صديق", "Друг"),
]
INTAKE_SETTINGS: Rows = [
    ("form_title", "form_id", "version", "default_language"),
    ("Intake 2024", "Intake_Form", "2024.1", "English (en)"),
]


def intake_form() -> bytes:
    return xlsx(INTAKE_SURVEY, INTAKE_CHOICES, INTAKE_SETTINGS)
