"""The bundled referral directory: it loads, every entry says where it was checked and when, the
three countries and their emergency number 112 are there, and every text is in every language.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from free2link_desktop.core.questionnaire import Directory, load_directory, validate_file
from tests.conftest import REPO_ROOT

DIRECTORY = REPO_ROOT / "questionnaires" / "directory.yaml"
LANGUAGES = ("en", "it", "el", "pl", "fr", "ar", "uk")
COUNTRIES = {"IT", "GR", "PL"}


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(DIRECTORY)


def test_file_validates_without_problems() -> None:
    problems = validate_file(DIRECTORY)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_every_entry_has_a_source_and_a_verification_date(directory: Directory) -> None:
    for org in directory.organisations:
        assert org.source.strip(), org.id
        assert "http" in org.source, f"{org.id}: the source names no address"
        assert org.verified is not None, org.id
        assert date(2026, 1, 1) <= org.verified <= date.today(), org.id


def test_the_three_countries_are_covered(directory: Directory) -> None:
    assert set(directory.countries) == COUNTRIES
    for country in COUNTRIES:
        non_emergency = [o for o in directory.for_country(country) if not o.emergency]
        assert non_emergency, f"{country}: no anti-trafficking entry point"


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_emergency_112_in_every_country(directory: Directory, country: str) -> None:
    emergency = [o for o in directory.for_country(country) if o.emergency]
    assert [o.phone for o in emergency] == [("112",)]


def test_every_text_in_every_language(directory: Directory) -> None:
    missing = []
    for org in directory.organisations:
        texts = {"name": org.name, "hours": org.hours, "notes": org.notes}
        texts.update({f"service {i}": s for i, s in enumerate(org.services)})
        for where, text in texts.items():
            if where in ("hours", "notes") and not text:
                continue
            missing += [f"{org.id} {where}: {lang}" for lang in LANGUAGES if not text.has(lang)]
    assert missing == []


def test_contact_details_look_like_contact_details(directory: Directory) -> None:
    for org in directory.organisations:
        assert org.services, org.id
        assert org.phone or org.website, f"{org.id}: no way to reach it"
        for phone in org.phone:
            assert re.fullmatch(r"\+?[0-9][0-9 ]*[0-9]", phone), (org.id, phone)
        for email in org.email:
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", email), (org.id, email)
        for site in org.website:
            assert site.startswith("https://"), (org.id, site)


def test_known_national_lines(directory: Directory) -> None:
    """The national anti-trafficking lines checked on 2026-11-23 (see each entry's source)."""
    phones = {o.id: o.phone for o in directory.organisations}
    assert phones["it-numero-verde-antitratta"] == ("800 290 290",)
    assert phones["gr-trafficking-line-1109"] == ("1109",)
    assert phones["gr-ekka-line-197"] == ("197",)
    assert phones["pl-kcik"] == ("+48 22 628 01 20", "+48 22 628 99 99")
    emails = {o.id: o.email for o in directory.organisations}
    assert emails["pl-kcik"] == ("info@kcik.pl", "kcik@strada.org.pl")


def test_child_helplines_in_every_country(directory: Directory) -> None:
    """Issue 15: a person who may be under 18 goes to child protection first (checked 2026-12-04,
    see each entry's source)."""
    phones = {o.id: o.phone for o in directory.organisations}
    assert phones["it-114-emergenza-infanzia"] == ("114",)
    assert phones["gr-sos-1056-children"] == ("1056",)
    assert phones["pl-116111-children"] == ("116 111",)
    for org_id in ("it-114-emergenza-infanzia", "gr-sos-1056-children", "pl-116111-children"):
        org = next(o for o in directory.organisations if o.id == org_id)
        assert "under 18" in org.notes.get("en"), org_id


def test_labour_inspectorates_and_what_was_confirmed(directory: Directory) -> None:
    by_id = {o.id: o for o in directory.organisations}
    for org_id in ("it-ispettorato-lavoro", "gr-labour-inspectorate", "pl-labour-inspectorate"):
        assert "not a referral for protection" in by_id[org_id].notes.get("en"), org_id
    assert "A21" in by_id["gr-trafficking-line-1109"].notes.get("en")
    assert "could not be confirmed" not in by_id["gr-trafficking-line-1109"].notes.get("en")
    assert "16 regions" in by_id["it-emergency-112"].notes.get("en")
    assert "9:00" in by_id["pl-kcik"].hours.get("en")
    assert by_id["pl-la-strada"].phone == ("+48 605 687 750",)
