"""Which version of each interview guide is offered for a new screening.

A workspace can hold several versions of a guide: the one shipped with the app, one a
coordinator installed (a locally reviewed translation, say), and older ones kept because past
screenings used them. A new screening always gets the newest version of each guide id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from free2link_desktop.core.questionnaire.model import Questionnaire

_PARTS = re.compile(r"[.+-]")


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Dotted numbers compare as numbers (1.10 is newer than 1.9); other parts as text."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in _PARTS.split(version)
    )


def newest_versions(guides: Iterable[Questionnaire]) -> list[Questionnaire]:
    """The newest version of each guide id, in the order in which the ids first appear."""
    newest: dict[str, Questionnaire] = {}
    for guide in guides:
        kept = newest.get(guide.id)
        if kept is None or version_key(guide.version) > version_key(kept.version):
            newest[guide.id] = guide
    return list(newest.values())
