"""Indicator strengths are translated with their grammar in view (issue 15).

Why: "strong", "medium" and "weak" agree with "indicator" in gender, and Greek, Polish and Arabic
inflect them differently for an assessment level. A bare word, or "{strength} indicator" built
from one, cannot be translated correctly; whole phrases and a context can.
"""

from __future__ import annotations

from free2link_desktop.i18n.catalogs import extract_messages


def test_no_bare_strength_word_and_no_composed_phrase_is_extracted() -> None:
    catalog = extract_messages()
    bare = [
        (m.id, m.context) for m in catalog if m.id in ("strong", "medium", "weak") and not m.context
    ]
    assert bare == []
    assert catalog.get("{strength} indicator") is None
    for phrase in ("strong indicator", "medium indicator", "weak indicator"):
        assert catalog.get(phrase) is not None, phrase
    context = "indicator strength, after the indicator's title"
    for word in ("strong", "medium", "weak"):
        assert catalog.get(word, context=context) is not None, word
