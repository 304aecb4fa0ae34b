"""The per-case search index (migration 2) always says what the cases and notes say.

Its documents are kept by triggers that first delete a case's document with the text it was
indexed with and then index the new one; a mistake there would leave words findable after
they were changed or erased, or lose them. So: random changes through the real services,
and after each step every word is searched and compared with what the rows hold.
"""

from __future__ import annotations

import random

import pytest

from free2link_desktop.storage.repositories.cases import fts_query

WORDS = ["heron", "telegram", "passport", "visa", "debt", "ćma", "δουλειά", "عمل", "herald"]
#: searched as well as the words: beginnings (served by the prefix index, or expanded into
#: the index's terms), a word that is nowhere, and two words
SEARCHES = [*WORDS, "her", "hera", "tele", "pass", "δουλ", "nowhere", "visa debt"]


def _expected(cases: dict[str, dict]) -> dict[str, set[str]]:
    """search -> the codes whose alias and notes hold, for each word, a token starting with it."""
    found: dict[str, set[str]] = {s: set() for s in SEARCHES}
    for code, case in cases.items():
        tokens = " ".join([case["alias"], *case["notes"].values()]).casefold().split()
        for search in SEARCHES:
            words = search.casefold().split()
            if all(any(t.startswith(w) for t in tokens) for w in words):
                found[search].add(code)
    return found


def _search(session, word: str) -> set[str]:
    return {c.code for c in session.cases.list_page(0, 1000, search=word)}


def _phrase(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))


@pytest.mark.parametrize("seed", [1, 2])
def test_search_follows_every_change(admin_session, seed: int) -> None:
    rng = random.Random(seed)
    cases: dict[str, dict] = {}
    for _step in range(40):
        action = rng.choice(["case", "note", "note", "edit", "alias", "erase", "status"])
        if action == "case" or not cases:
            alias = _phrase(rng)
            code = admin_session.cases.create(alias).code
            cases[code] = {"alias": alias, "notes": {}}
        elif action == "note":
            code = rng.choice(sorted(cases))
            text = _phrase(rng)
            cases[code]["notes"][admin_session.notes.add(code, text).id] = text
        elif action == "edit" and any(c["notes"] for c in cases.values()):
            code = rng.choice(sorted(c for c in cases if cases[c]["notes"]))
            note_id = rng.choice(sorted(cases[code]["notes"]))
            text = _phrase(rng)
            admin_session.notes.update(note_id, text)
            cases[code]["notes"][note_id] = text
        elif action == "alias":
            code = rng.choice(sorted(cases))
            alias = _phrase(rng)
            admin_session.cases.update(code, alias=alias)
            cases[code]["alias"] = alias
        elif action == "status":
            admin_session.cases.set_status(
                rng.choice(sorted(cases)), rng.choice(["open", "closed"])
            )
        elif action == "erase":
            code = rng.choice(sorted(cases))
            admin_session.cases.erase(code)
            del cases[code]
        listed = {
            sort: [c.code for c in admin_session.cases.list_page(0, 1000, sort=sort)]
            for sort in ("updated_desc", "updated_asc", "code_asc")
        }
        still_open = [c.code for c in admin_session.cases.list_page(0, 1000, status="open")]
        for word, codes in _expected(cases).items():
            assert _search(admin_session, word) == codes, (action, word)
            assert admin_session.cases.count(search=word) == len(codes)
            for sort, order in listed.items():  # found in the same order as the whole list
                found = admin_session.cases.list_page(0, 1000, search=word, sort=sort)
                assert [c.code for c in found] == [c for c in order if c in codes], sort
            found = admin_session.cases.list_page(0, 1000, search=word, status="open")
            assert [c.code for c in found] == [c for c in still_open if c in codes]
            page = admin_session.cases.list_page(1, 2, search=word)
            assert [c.code for c in page] == [c for c in listed["updated_desc"] if c in codes][1:3]
    admin_session.db.execute("INSERT INTO case_search (case_search) VALUES ('integrity-check')")


def test_searching_for_a_code_a_word_beginning_and_punctuation(admin_session) -> None:
    first = admin_session.cases.create("Nightingale")
    admin_session.notes.add(first.code, "Offer came through Telegram (job in Milano).")
    assert _search(admin_session, first.code) == {first.code}
    assert _search(admin_session, first.code.lower()) == {first.code}
    assert _search(admin_session, "tele") == {first.code}
    assert _search(admin_session, "job-in milano") == {first.code}
    assert _search(admin_session, '"unbalanced (quote*') == set()
    assert _search(admin_session, "%") == set()


def test_a_case_found_by_code_and_by_text_is_counted_once(admin_session) -> None:
    country = admin_session.cases.create("First").code.split("-")[0]
    second = admin_session.cases.create(f"{country}alia")  # its code and its alias match
    outsider = admin_session.cases.create("Third")
    admin_session.cases.erase(outsider.code)
    found = _search(admin_session, country)
    assert second.code in found and len(found) == 2
    assert admin_session.cases.count(search=country) == 2
    assert admin_session.cases.count(search=country, status="open") == 2


def test_fts_query_quotes_each_token() -> None:
    assert fts_query('say "hi"* IT-2026-0001') == '"say"* "hi"* "IT"* "2026"* "0001"*'
    assert fts_query("  ... ") == ""
