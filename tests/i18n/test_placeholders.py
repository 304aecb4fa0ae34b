"""The rule that decides whether a translation keeps its source's {placeholders}."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from free2link_desktop.i18n.placeholders import (
    consistent,
    mismatches,
    percent_consistent,
    percent_fields,
    placeholders,
)


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


def test_percent_fields_of_argparse_messages() -> None:
    assert percent_fields("%(prog)s: error: %(message)s\n") == ({"prog", "message"}, 0)
    assert percent_fields("unrecognized arguments: %s") == (frozenset(), 1)
    assert percent_fields("100%% sure") == (frozenset(), 0)
    assert percent_consistent("invalid %(type)s value: %(value)r", "valore %(type)s: %(value)r")
    assert not percent_consistent("invalid %(type)s value: %(value)r", "valore %(tipo)s: %(value)r")
    assert not percent_consistent("unrecognized arguments: %s", "argomenti non riconosciuti")


def test_a_catalog_flags_broken_percent_translations() -> None:
    catalog = Catalog(locale="it")
    catalog.add("usage: ", "uso: ", flags=["python-format"])
    catalog.add(
        "argument %(argument_name)s: %(message)s",
        "argomento %(nome)s: %(message)s",
        flags=["python-format"],
    )
    catalog.add("Hello {name}", "Ciao {name}")
    assert [message.id for message in mismatches(catalog)] == [
        "argument %(argument_name)s: %(message)s"
    ]
