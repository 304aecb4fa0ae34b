"""The text rules hold in the services, so the GUI and the command line refuse the same input:
control characters in one-line fields, broken text, and over-long free text."""

from __future__ import annotations

import pytest

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire.model import Organisation, Text
from free2link_desktop.core.text import MAX_FREE_TEXT


def _cases(session) -> list[tuple[str, str]]:
    return [(c.code, c.alias) for c in session.cases.list_page(0, 100)]


@pytest.mark.parametrize(
    "fields",
    [
        {"alias": "Tern\nXX-2026-0002"},
        {"alias": "Tern\tclosed"},
        {"alias": "Tern\u202eesolc"},
        {"alias": "bad\udcffname"},
        {"nationality": "Eri\ntrea"},
        {"centre": "Roma\x1b[2J"},
        {"gender": "f\u2028m"},
        {"languages": ["en", "it\nar"]},
        {"languages": "en,it\tar"},
    ],
)
def test_case_fields_refuse_control_characters_on_create_and_update(admin_session, fields):
    session = admin_session
    code = session.cases.create("Tern").code
    before = _cases(session)
    with pytest.raises(InputRefused, match=r"one line without control characters|not valid"):
        session.cases.create(
            fields.get("alias", "Heron"), **{k: v for k, v in fields.items() if k != "alias"}
        )
    with pytest.raises(InputRefused, match=r"one line without control characters|not valid"):
        session.cases.update(code, **fields)
    assert _cases(session) == before
    assert session.cases.get(code).alias == "Tern"


def test_a_right_to_left_alias_with_its_marks_is_kept(admin_session):
    case = admin_session.cases.create("نور\u200f", nationality="Syria")
    assert case.alias == "نور\u200f"


def test_a_search_with_broken_text_is_refused_not_a_traceback(admin_session):
    with pytest.raises(InputRefused, match="The search is not valid text"):
        admin_session.cases.list_page(0, 10, search="bad\udcffname")
    with pytest.raises(InputRefused, match="The search is not valid text"):
        admin_session.cases.count(search="\ud800")


def test_notes_refuse_control_characters_and_broken_text(admin_session):
    code = admin_session.cases.create("Tern").code
    for text in ("a\x1b[2Jb", "caf\udce9", "x" * (MAX_FREE_TEXT + 1)):
        with pytest.raises(InputRefused, match="The note"):
            admin_session.notes.add(code, text)
    note = admin_session.notes.add(code, "line\n\tindented\r\n")
    with pytest.raises(InputRefused, match="The note contains a control character"):
        admin_session.notes.update(note.id, "a\x00b")
    assert [n.text for n in admin_session.notes.list(code)] == ["line\n\tindented\r\n"]


@pytest.mark.parametrize("name", ["bob\n", "bob\nmallory", "bob\t", "\udcffbob"])
def test_a_user_name_cannot_end_in_a_newline(admin_session, name):
    with pytest.raises(InputRefused, match="A user name has 1 to 40"):
        admin_session.users.add(name, "caseworker", "long enough password")
    assert [u.name for u in admin_session.users.list()] == ["admin"]


@pytest.mark.parametrize(
    "fields",
    [
        {"id": "casa-aurora\n"},
        {"name": Text({"en": "Casa\nAurora"})},
        {"phone": ("+39 000\t000",)},
        {"email": ("a@b.it\u202e",)},
        {"website": ("https://x.it\x00",)},
        {"source": "leaflet\r\n2024"},
        {"services": (Text({"en": "shelter\nlegal"}),)},
        {"address": Text({"en": "Via Roma 1\x1b[2J"})},
        {"notes": Text({"en": "x" * 100_000})},
    ],
)
def test_directory_entries_refuse_control_characters(admin_session, fields):
    base = {
        "id": "casa-aurora",
        "country": "IT",
        "name": Text({"en": "Casa Aurora shelter"}),
        "phone": ("+39 000 000",),
        "address": Text({"en": "Via Roma 1\n00100 Roma"}),  # an address may have two lines
    }
    base.update(fields)
    before = admin_session.directory.organisations()
    with pytest.raises(InputRefused):
        admin_session.directory.save(Organisation(**base))
    assert admin_session.directory.organisations() == before
