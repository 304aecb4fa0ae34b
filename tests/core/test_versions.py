"""Which guide version is newest: dotted numbers compare as numbers, not as text."""

from __future__ import annotations

from free2link_desktop.core.questionnaire import version_key


def test_numbers_compare_as_numbers() -> None:
    ordered = ["0.9", "1.0.0", "1.0.1", "1.2", "1.9.0", "1.10.0", "2"]
    assert sorted(reversed(ordered), key=version_key) == ordered
    assert version_key("1.10") > version_key("1.9")
    assert version_key("1.0.0") == version_key("1.0.0")
