"""The rule that decides whether a translation keeps its source's {placeholders}."""

from __future__ import annotations

from free2link_desktop.i18n.placeholders import consistent, placeholders


def test_placeholder_names() -> None:
    assert placeholders("Case {reference} of {count:d} at {when!s}") == {
        "reference",
        "count",
        "when",
    }
    assert placeholders("No fields, {{literal}} braces") == frozenset()
    assert placeholders("{value:{width}}") == {"value", "width"}
    assert placeholders("Unbalanced {brace") is None


def test_singular_must_keep_exactly_the_same_fields() -> None:
    assert consistent("Hello {name}", "Ciao {name}")
    assert consistent("{a} and {b}", "{b} e {a}")
    assert not consistent("Hello {name}", "Ciao {nome}")
    assert not consistent("Hello {name}", "Ciao")
    assert not consistent("Hello", "Ciao {name}")
    assert not consistent("Hello {name}", "Ciao {name")


def test_plural_forms_may_drop_but_never_add_a_field() -> None:
    source = ("One case", "{count} cases")
    assert consistent(source, ("Un caso", "{count} casi"))
    assert consistent(source, ["حالة واحدة", "حالتان", "{count} حالات"])
    assert not consistent(source, ("Un caso", "{n} casi"))
    assert not consistent(source, ("Un caso", "Casi"))
    assert not consistent(source, ("{count} caso in {place}", "{count} casi"))
