"""Reading the referral directory (`format: free2link-directory/1`, SPEC 6.4).

```yaml
format: free2link-directory/1
organisations:
  - id: it-anti-trafficking-helpline      # [a-z0-9-]+, unique
    country: IT                            # ISO 3166-1 alpha-2
    name: {en: "...", it: "..."}           # or a plain text
    services: [{en: "..."}, "..."]         # texts
    languages: [it, en]
    phone: "800 290 290"                   # a text or a list of texts
    email: ...                             # a text or a list of texts
    website: ...                           # a text or a list of texts
    address: "..." | {en: ...}
    hours: "..." | {en: ...}
    notes: "..." | {en: ...}
    emergency: false                       # an emergency number (shown first)
    source: "where this entry was taken from"
    verified: 2025-01-31
```
"""

from __future__ import annotations

import re
from pathlib import Path

from free2link_desktop.core.questionnaire.model import Directory, Organisation, Text
from free2link_desktop.core.questionnaire.reader import Reader
from free2link_desktop.core.questionnaire.yaml_loader import LocatedList, LocatedMap
from free2link_desktop.i18n import N_, _

DIRECTORY_FORMAT = "free2link-directory/1"
ORG_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
COUNTRY = re.compile(r"[A-Z]{2}")
TEXT_KEYS = ("address", "hours", "notes")
LIST_KEYS = ("phone", "email", "website")


def read_directory(doc: LocatedMap, reader: Reader, path: Path | None, sha256: str) -> Directory:
    reader.keys(doc, _("the directory"), ("format", "organisations"), ("languages",))
    organisations: list[Organisation] = []
    seen: set[str] = set()
    for entry, mark in reader.items(doc, "organisations", _("the directory")):
        org_id = reader.string(
            entry, "id", _("an organisation"), ORG_ID, _("use lower-case letters, digits, _ and -")
        )
        where = _("organisation '{id}'").format(id=org_id) if org_id else _("an organisation")
        reader.keys(
            entry,
            where,
            ("id", "country", "name", "source", "verified"),
            ("services", "languages", "emergency", *TEXT_KEYS, *LIST_KEYS),
        )
        country = reader.string(
            entry,
            "country",
            where,
            COUNTRY,
            _("use the two capital letters of ISO 3166, like IT, GR, PL"),
        )
        name = reader.text(entry, "name", where, plain_ok=True)
        services: list[Text] = []
        items = entry.get("services")
        if isinstance(items, LocatedList):
            for i in range(len(items)):
                services.append(
                    reader.text_value(
                        items,
                        i,
                        _("a service of {where}").format(where=where),
                        plain_ok=True,
                    )
                )
        elif "services" in entry:
            reader.error(
                entry.marks["services"], N_("{where}: 'services' must be a list."), where=where
            )
        texts = {key: reader.text(entry, key, where, plain_ok=True) for key in TEXT_KEYS}
        lists = {key: reader.strings(entry, key, where, single_ok=True) for key in LIST_KEYS}
        languages = reader.strings(entry, "languages", where)
        emergency = reader.boolean(entry, "emergency", where)
        source = reader.string(entry, "source", where) or ""
        verified = reader.iso_date(entry, "verified", where)
        if org_id is None or country is None:
            continue
        if org_id in seen:
            reader.error(mark, N_("The organisation id '{id}' is used twice."), id=org_id)
        seen.add(org_id)
        organisations.append(
            Organisation(
                org_id,
                country,
                name,
                tuple(services),
                languages,
                lists["phone"],
                lists["email"],
                lists["website"],
                texts["address"],
                texts["hours"],
                texts["notes"],
                source,
                verified,
                emergency,
            )
        )
    return Directory(path, sha256, tuple(organisations))
