"""Reading an indicator library (`format: free2link-indicators/1`, SPEC 6.1)."""

from __future__ import annotations

import re
from pathlib import Path

from free2link_desktop.core.questionnaire.model import (
    STRENGTHS,
    Dimension,
    Indicator,
    IndicatorLibrary,
)
from free2link_desktop.core.questionnaire.reader import Reader
from free2link_desktop.core.questionnaire.yaml_loader import LocatedMap
from free2link_desktop.i18n import N_, _

LIBRARY_FORMAT = "free2link-indicators/1"
ID = re.compile(r"[a-z][a-z0-9_]*")
ID_HINT = N_("use lower-case letters, digits and _, starting with a letter")


def read_library(
    doc: LocatedMap, reader: Reader, path: Path | None, sha256: str
) -> IndicatorLibrary:
    reader.keys(
        doc, _("the indicator library"), ("format", "dimensions", "indicators"), ("languages",)
    )
    languages = reader.languages(doc)
    dimensions: list[Dimension] = []
    seen: set[str] = set()
    for entry, mark in reader.items(doc, "dimensions", _("the indicator library")):
        where = _("a dimension")
        dimension_id = reader.string(entry, "id", where, ID, _(ID_HINT))
        where = _("dimension '{id}'").format(id=dimension_id) if dimension_id else where
        reader.keys(entry, where, ("id", "title"), ("description",))
        title = reader.text(entry, "title", where)
        reader.text(entry, "description", where)
        if dimension_id is None:
            continue
        if dimension_id in seen:
            reader.error(mark, N_("The dimension id '{id}' is used twice."), id=dimension_id)
        seen.add(dimension_id)
        dimensions.append(Dimension(dimension_id, title))

    indicators: list[Indicator] = []
    seen_indicators: set[str] = set()
    for entry, mark in reader.items(doc, "indicators", _("the indicator library")):
        where = _("an indicator")
        indicator_id = reader.string(entry, "id", where, ID, _(ID_HINT))
        where = _("indicator '{id}'").format(id=indicator_id) if indicator_id else where
        reader.keys(
            entry,
            where,
            ("id", "dimension", "strength", "title", "description", "sources"),
            ("online",),
        )
        dimension = reader.string(entry, "dimension", where)
        if dimension is not None and dimension not in seen:
            reader.error(
                entry.marks["dimension"],
                N_("{where}: '{dimension}' is not a dimension listed under 'dimensions'."),
                where=where,
                dimension=dimension,
            )
        strength = reader.string(entry, "strength", where)
        if strength is not None and strength not in STRENGTHS:
            reader.error(
                entry.marks["strength"],
                N_("{where}: strength must be strong, medium or weak, not '{strength}'."),
                where=where,
                strength=strength,
            )
        online = reader.boolean(entry, "online", where)
        title = reader.text(entry, "title", where)
        description = reader.text(entry, "description", where)
        sources = reader.strings(entry, "sources", where)
        if "sources" in entry and not sources:
            reader.error(
                entry.marks["sources"], N_("{where}: give at least one source."), where=where
            )
        if indicator_id is None or dimension is None or strength is None:
            continue
        if indicator_id in seen_indicators:
            reader.error(mark, N_("The indicator id '{id}' is used twice."), id=indicator_id)
        seen_indicators.add(indicator_id)
        indicators.append(
            Indicator(indicator_id, dimension, strength, online, title, description, sources)
        )
    if languages:
        reader.check_languages(languages)
    return IndicatorLibrary(path, sha256, tuple(dimensions), tuple(indicators), languages)
