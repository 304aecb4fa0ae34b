"""The few engine calls the interview screens make, in one place.

The screens never evaluate an expression themselves: relevance (skip logic), urgency and answer
checks come from core.questionnaire, so the screen and the score can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from free2link_desktop import paths
from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.core.questionnaire.loader import (
    bundled_problems,
    bundled_questionnaires,
    load_indicator_library,
)
from free2link_desktop.core.questionnaire.relevance import evaluate_relevance

__all__ = [
    "bundled_guides",
    "guide_file_problems",
    "library",
    "relevant_ids",
    "urgent_holds",
]


def guide_file_problems(folder: Path | None = None) -> list[str]:
    """`file:LINE:COL: what is wrong` for each bundled guide that was left out."""
    return [str(problem) for problem in bundled_problems(folder)]


def relevant_ids(questionnaire: Any, answers: Mapping[str, Any]) -> frozenset[str]:
    return evaluate_relevance(questionnaire, answers).relevant_ids


def urgent_holds(questionnaire: Any, question: Any, answers: Mapping[str, Any]) -> bool:
    """True when `question` is relevant and its `urgent` expression holds for these answers."""
    if getattr(question, "urgent", None) is None:
        return False
    relevance = evaluate_relevance(questionnaire, answers)
    if not relevance.is_relevant(question.id):
        return False
    return bool(question.urgent.holds(relevance.context()))


def bundled_guides(folder: Path | None = None) -> list[Any]:
    """The interview guides shipped with the app (a bad file is skipped by the engine).

    Loading and checking both guides takes a noticeable fraction of a second, so they are kept
    for as long as the files do not change (their names, sizes and times are the key).
    """
    folder = folder or paths.questionnaires_dir()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    signature = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return list(_guides(folder, signature))


@lru_cache(maxsize=4)
def _guides(folder: Path, _signature: tuple[tuple[str, int, int], ...]) -> tuple[Any, ...]:
    return tuple(bundled_questionnaires(folder))


@lru_cache(maxsize=4)
def _library(path: Path) -> Any:
    return load_indicator_library(path)


def library(folder: Path | None = None) -> Any | None:
    """The bundled indicator library, or None when it is missing or unreadable."""
    path = (folder or paths.questionnaires_dir()) / "indicators.yaml"
    if not path.is_file():
        return None
    try:
        return _library(path)
    except Free2LinkError:
        return None
