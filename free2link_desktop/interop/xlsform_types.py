"""What an XLSForm `type` cell means for an import: a question we map, a row we skip, a group.

pyxform's own tables (its question types, select and group spellings) decide what a type is,
so every spelling ODK, Kobo and old forms use is recognised; we only decide what to do with it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from free2link_desktop.i18n import N_

#: XLSForm type (any of pyxform's spellings) -> our question type
_MAPPED = {
    "text": "text",
    "string": "text",
    "add text prompt": "text",
    "q string": "text",
    "integer": "integer",
    "int": "integer",
    "add integer prompt": "integer",
    "q int": "integer",
    "decimal": "text",
    "add decimal prompt": "text",
    "q decimal": "text",
    "date": "date",
    "add date prompt": "date",
    "q date": "date",
    "note": "note",
    "add note prompt": "note",
    "q note": "note",
}
_METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "username",
        "email",
        "phonenumber",
        "simserial",
        "subscriberid",
        "audit",
        "start-geopoint",
        "background-audio",
        "background-geopoint",
        "start time",
        "end time",
        "get today",
        "device id",
        "get device id",
        "get start time",
        "get end time",
        "get phone number",
        "get sim id",
        "get subscriber id",
        "sim id",
        "subscriber id",
        "phone number",
        "uri:deviceid",
        "uri:email",
        "uri:phonenumber",
        "uri:simserial",
        "uri:subscriberid",
        "uri:username",
    }
)
_SKIP_REASONS = {
    "calculate": N_("a calculation: not imported (expressions that use it get its formula)"),
    "hidden": N_("a hidden field: not imported"),
    "xml-external": N_("an external data file: not imported"),
    "csv-external": N_("an external data file: not imported"),
}
_MEDIA = frozenset({"image", "photo", "audio", "video", "file", "barcode", "add image prompt"})
_LOCATION = frozenset({"geopoint", "geotrace", "geoshape", "gps", "location", "osm"})


@dataclass(frozen=True)
class Kind:
    """family: question | skip | begin | end | unknown."""

    family: str
    base: str = ""
    ours: str = ""
    control: str = ""
    list_name: str = ""
    multiple: bool = False
    or_other: bool = False
    skip_reason: str | None = None


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    from pyxform import aliases
    from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT

    return RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT, dict(aliases.control)


@functools.cache
def _known_types() -> dict[str, str]:
    from pyxform import aliases
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    known = {name.lower(): name for name in QUESTION_TYPE_DICT}
    known.update({k.lower(): v for k, v in aliases._type_alias_map.items()})
    return known


@functools.cache
def classify(raw_type: str) -> Kind:
    """The meaning of one `type` cell (spacing and case as XLSForm allows)."""
    text = " ".join(raw_type.split())
    begin, end, select, controls = _patterns()
    lowered = text.lower()
    if match := begin.match(lowered):
        control = controls[match["type"]]
        return Kind("begin", control=control if control in ("group", "repeat") else "repeat")
    if match := end.match(lowered):
        control = controls[match["type"]]
        return Kind("end", control=control if control in ("group", "repeat") else "repeat")
    if match := select.match(text) or select.match(lowered):
        return _select(match)
    base = _known_types().get(lowered)
    if base is None:
        if lowered.split(" ")[0] in ("rank", "osm"):
            return Kind(
                "skip", base=lowered, skip_reason=N_("a question of type '{type}': not imported")
            )
        return Kind("unknown", base=lowered)
    if lowered in _MAPPED:
        return Kind("question", base=lowered, ours=_MAPPED[lowered])
    return Kind("skip", base=lowered, skip_reason=_skip_reason(lowered))


def _select(match: re.Match[str]) -> Kind:
    command = match["select_command"].lower()
    list_name = match["list_name"]
    or_other = bool(match["specify_other"])
    multiple = "multiple" in command or "all that apply" in command
    if "file" in command or "external" in command:
        return Kind("skip", base=command, skip_reason=N_("choices from a file: not imported"))
    if command == "rank":
        return Kind(
            "skip", base=command, skip_reason=N_("a question of type '{type}': not imported")
        )
    return Kind(
        "question",
        base=command,
        ours="multiple" if multiple else "single",
        list_name=list_name,
        multiple=multiple,
        or_other=or_other,
    )


def _skip_reason(base: str) -> str:
    if base in _METADATA:
        return N_("form metadata ('{type}'): not imported")
    if base in _MEDIA:
        return N_("a photo, sound, video, file or barcode: not imported")
    if base in _LOCATION:
        return N_("a location: not imported")
    return _SKIP_REASONS.get(base, N_("a question of type '{type}': not imported"))
