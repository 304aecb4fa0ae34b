"""The referral directory: bundled entries plus the coordinators' own, kept in the workspace."""

from __future__ import annotations

from dataclasses import replace

import pytest

from free2link_desktop.core.errors import InputRefused, NotFound, PermissionDenied
from free2link_desktop.core.questionnaire.model import Organisation, Text
from free2link_desktop.services.directory import bundled_organisations


def _org(**fields) -> Organisation:
    base = {
        "id": "casa-aurora",
        "country": "IT",
        "name": Text({"en": "Casa Aurora shelter"}),
        "phone": ("+39 000 000",),
    }
    base.update(fields)
    return Organisation(**base)


def test_bundled_entries_are_listed_by_country(admin_session):
    bundled = bundled_organisations()
    assert {o.country for o in bundled} == {"IT", "GR", "PL"}
    greek = admin_session.directory.organisations("gr")
    assert greek and all(o.country == "GR" for o in greek)


def test_coordinator_adds_edits_and_removes_an_entry(admin_session):
    directory = admin_session.directory
    saved = directory.save(_org())
    assert saved.verified is not None and saved.source
    assert directory.get("casa-aurora").name.get("en") == "Casa Aurora shelter"
    directory.save(replace(saved, phone=("+39 111 111",)))
    assert directory.get("casa-aurora").phone == ("+39 111 111",)
    directory.remove("casa-aurora")
    with pytest.raises(NotFound):
        directory.get("casa-aurora")
    assert any(e.action == "directory.save" for e in admin_session.audit.entries())


def test_a_bundled_entry_can_be_replaced_and_hidden_in_this_workspace(admin_session):
    first = bundled_organisations()[0]
    directory = admin_session.directory
    directory.save(replace(first, hours=Text({"en": "Mon-Fri 9-17"})))
    assert directory.get(first.id).hours.get("en") == "Mon-Fri 9-17"
    directory.remove(first.id)
    assert first.id not in {o.id for o in directory.organisations()}
    directory.save(first)
    assert first.id in {o.id for o in directory.organisations()}


def test_bad_entries_are_refused(admin_session):
    with pytest.raises(InputRefused, match="id"):
        admin_session.directory.save(_org(id="Bad Id"))
    with pytest.raises(InputRefused, match="country"):
        admin_session.directory.save(_org(country="FR"))
    with pytest.raises(InputRefused, match="reach"):
        admin_session.directory.save(_org(phone=()))


def test_caseworker_may_read_but_not_edit(admin_session):
    admin_session.users.add("cw", "caseworker", "caseworker pw 1")
    admin_session.lock()
    session = admin_session.workspace.unlock("cw", "caseworker pw 1")
    assert session.directory.organisations("IT")
    with pytest.raises(PermissionDenied):
        session.directory.save(_org())
    session.lock()
