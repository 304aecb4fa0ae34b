"""Cases, notes, follow-ups, search and role checks on a real encrypted workspace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from free2link_desktop.core.cases import Consent
from free2link_desktop.core.errors import InputRefused, NotFound, PermissionDenied
from tests.conftest import ADMIN


def test_case_codes_are_pseudonymous_and_sequential(admin_session):
    first = admin_session.cases.create("Sparrow", birth_year=2001, nationality="NG")
    second = admin_session.cases.create("Robin")
    year = date.today().year
    assert first.code == f"IT-{year}-0001" and second.code == f"IT-{year}-0002"
    assert first.birth_year == 2001 and first.status == "open"


def test_bad_case_input_is_refused_with_the_field_named(admin_session):
    with pytest.raises(InputRefused, match="alias"):
        admin_session.cases.create("   ")
    with pytest.raises(InputRefused, match="year of birth"):
        admin_session.cases.create("A", birth_year="soon")
    with pytest.raises(InputRefused, match="1850"):
        admin_session.cases.create("A", birth_year=1850)
    with pytest.raises(InputRefused, match="colour"):
        admin_session.cases.create("A", colour="red")


def test_notes_keep_their_history(admin_session):
    case = admin_session.cases.create("Finch")
    note = admin_session.notes.add(case.code, "first words")
    admin_session.notes.update(note.id, "first words, then more")
    admin_session.notes.update(note.id, "first words, then more, and the end")
    notes = admin_session.notes.list(case.code)
    assert [n.text for n in notes] == ["first words, then more, and the end"]
    assert notes[0].revision_count == 2
    history = admin_session.notes.history(note.id)
    assert [r.text for r in history] == ["first words", "first words, then more"]


def test_search_finds_code_alias_and_note_text(admin_session):
    a = admin_session.cases.create("Nightingale", centre="Bari")
    b = admin_session.cases.create("Swift", centre="Lesvos")
    admin_session.notes.add(b.code, "Recruited through a Telegram job advert")
    assert [c.code for c in admin_session.cases.list_page(0, 10, search="Nightin")] == [a.code]
    assert [c.code for c in admin_session.cases.list_page(0, 10, search="telegram")] == [b.code]
    assert [c.code for c in admin_session.cases.list_page(0, 10, search=b.code)] == [b.code]
    assert admin_session.cases.count(search='"unbalanced quote') == 0
    assert admin_session.cases.count(centre="Bari") == 1
    assert admin_session.cases.centres() == ["Bari", "Lesvos"]


def test_list_pages_and_sorts(admin_session):
    codes = [admin_session.cases.create(f"Bird {i}").code for i in range(5)]
    page1 = admin_session.cases.list_page(0, 2, sort="code_asc")
    page2 = admin_session.cases.list_page(2, 2, sort="code_asc")
    assert [c.code for c in page1 + page2] == codes[:4]
    assert admin_session.cases.list_page(0, 1)[0].code == codes[-1]


def test_consent_is_recorded_and_checked(admin_session):
    case = admin_session.cases.create("Wren")
    with pytest.raises(InputRefused, match="date"):
        admin_session.cases.record_consent(case.code, Consent(given=True))
    with pytest.raises(InputRefused, match="future"):
        admin_session.cases.record_consent(
            case.code, Consent(True, date.today() + timedelta(days=2))
        )
    updated = admin_session.cases.record_consent(
        case.code, Consent(True, date.today(), "M. Rossi", "ar")
    )
    assert updated.consent == Consent(True, date.today(), "M. Rossi", "ar")


def test_erase_removes_case_notes_and_index(admin_session):
    case = admin_session.cases.create("Heron")
    admin_session.notes.add(case.code, "zebracanary lives here")
    admin_session.followups.add(case.code, date.today(), "call the lawyer")
    admin_session.cases.erase(case.code)
    with pytest.raises(NotFound):
        admin_session.cases.get(case.code)
    assert admin_session.db.scalar("SELECT count(*) FROM notes") == 0
    assert admin_session.db.scalar("SELECT count(*) FROM followups") == 0
    assert admin_session.cases.count(search="zebracanary") == 0
    assert (
        admin_session.db.scalar(
            "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'zebracanary'"
        )
        == 0
    )


def test_views_and_changes_are_audited_without_personal_text(admin_session):
    case = admin_session.cases.create("Kestrel")
    admin_session.notes.add(case.code, "something private")
    admin_session.cases.get(case.code)
    entries = admin_session.audit.entries()
    actions = [e.action for e in entries]
    assert {"case.create", "note.add", "case.view"} <= set(actions)
    dumped = repr(entries)
    assert "Kestrel" not in dumped and "something private" not in dumped


def test_followups(admin_session):
    case = admin_session.cases.create("Plover")
    item = admin_session.followups.add(case.code, date(2030, 1, 2), "check housing")
    admin_session.followups.set_done(item.id, True)
    assert admin_session.followups.list(case.code)[0].done


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("interviewer", lambda s, code: s.cases.erase(code)),
        ("interviewer", lambda s, code: s.users.add("zed", "admin", "long password 1")),
        ("interviewer", lambda s, code: s.cases.create("New")),
        ("caseworker", lambda s, code: s.cases.erase(code)),
        ("caseworker", lambda s, code: s.settings.set("autolock_minutes", 3)),
        ("coordinator", lambda s, code: s.users.add("zed", "admin", "long password 1")),
    ],
)
def test_roles_are_checked_in_the_service_layer(admin_session, role, action):
    case = admin_session.cases.create("Gull")
    admin_session.users.add("someone", role, "their password 1")
    admin_session.lock()
    admin_session.workspace.failures.clear()
    session = admin_session.workspace.unlock("someone", "their password 1")
    try:
        with pytest.raises(PermissionDenied, match="does not allow you to"):
            action(session, case.code)
        assert not session.can("user.manage")
    finally:
        session.lock()


def test_last_admin_keeps_the_role(admin_session):
    with pytest.raises(InputRefused, match="last administrator"):
        admin_session.users.set_role(ADMIN, "caseworker")


def test_user_names_and_passwords_are_checked(admin_session):
    with pytest.raises(InputRefused, match="user name"):
        admin_session.users.add("bad name!", "caseworker", "long password 1")
    with pytest.raises(InputRefused, match="at least"):
        admin_session.users.add("short", "caseworker", "short")
    admin_session.users.add("dup", "caseworker", "long password 1")
    with pytest.raises(InputRefused, match="already"):
        admin_session.users.add("dup", "caseworker", "long password 1")


def test_settings_are_validated(admin_session):
    admin_session.settings.set("autolock_minutes", 10)
    assert admin_session.settings.get("autolock_minutes") == 10
    assert admin_session.settings.get("country") == "IT"
    with pytest.raises(InputRefused):
        admin_session.settings.set("autolock_minutes", 0)
    with pytest.raises(InputRefused):
        admin_session.settings.set("country", "FR")
