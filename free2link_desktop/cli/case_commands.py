"""case add|list|show|erase and note add."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.cli.session_opener import unlock
from free2link_desktop.core.cases import Case, Note, gender_label
from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.text import shown, shown_multiline
from free2link_desktop.i18n import N_, _
from free2link_desktop.services.notes import MAX_NOTE

PAGE = 1000


def register(subparsers: Any) -> None:
    from free2link_desktop.cli import add_common_options

    case = subparsers.add_parser("case", help=_("create, find, show or erase cases"))
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    add = case_sub.add_parser("add", help=_("open a case; prints its code"))
    add.add_argument("--alias", required=True, help=_("a pseudonym, never the person's name"))
    add.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=_("birth_year, gender, nationality, languages, centre"),
    )
    add.set_defaults(handler=cmd_case_add)
    listing = case_sub.add_parser("list", help=_("list cases"))
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--status", choices=["open", "referred", "closed"])
    listing.set_defaults(handler=cmd_case_list)
    show = case_sub.add_parser("show", help=_("show a case with its notes"))
    show.add_argument("code")
    show.set_defaults(handler=cmd_case_show)
    erase = case_sub.add_parser("erase", help=_("erase a case and everything in it"))
    erase.add_argument("code")
    erase.set_defaults(handler=cmd_case_erase)

    note = subparsers.add_parser("note", help=_("case notes"))
    note_sub = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    note_add = note_sub.add_parser("add", help=_("add a note (its text from stdin)"))
    note_add.add_argument("code")
    note_add.set_defaults(handler=cmd_note_add)
    for parser in (add, listing, show, erase, note_add):
        add_common_options(parser)


def parse_assignments(items: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputRefused(N_("Expected FIELD=VALUE, got {item}."), item=shown(item))
        fields[name.strip()] = value.strip()
    return fields


def case_to_dict(case: Case) -> dict[str, Any]:
    data = asdict(case)
    data["languages"] = list(case.languages)
    data["consent"]["date"] = case.consent.date.isoformat() if case.consent.date else None
    data["created_at"] = case.created_at.isoformat()
    data["updated_at"] = case.updated_at.isoformat()
    return data


def note_to_dict(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "author": note.author,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
        "text": note.text,
        "revisions": note.revision_count,
    }


def cmd_case_add(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    case = session.cases.create(args.alias, **parse_assignments(args.set))
    if ctx.json_output:
        ctx.out_json(case_to_dict(case))
    else:
        ctx.out(case.code)
    return 0


def cmd_case_list(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    rows = []
    offset = 0
    while True:
        page = session.cases.list_page(offset, PAGE, search=args.search, status=args.status)
        rows.extend(page)
        offset += PAGE
        if len(page) < PAGE:
            break
    if ctx.json_output:
        ctx.out_json(
            [
                {
                    "code": r.code,
                    "alias": r.alias,
                    "status": r.status,
                    "centre": r.centre,
                    "updated_at": r.updated_at.isoformat(),
                    "screenings": r.screening_count,
                    "level": r.latest_level,
                }
                for r in rows
            ]
        )
        return 0
    for row in rows:  # stored text is escaped: a tab or newline in it cannot forge a column
        ctx.out("\t".join(shown(v) for v in (row.code, row.status, row.centre or "-", row.alias)))
    return 0


def cmd_case_show(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    case = session.cases.get(args.code)
    notes = session.notes.list(args.code)
    screenings = session.screenings.list_for_case(args.code)
    if ctx.json_output:
        data = case_to_dict(case)
        data["notes"] = [note_to_dict(n) for n in notes]
        data["screenings"] = [
            {
                "id": s.id,
                "questionnaire": s.questionnaire_id,
                "version": s.version,
                "status": s.status,
                "level": s.level,
                "started_at": s.started_at.isoformat(),
            }
            for s in screenings
        ]
        ctx.out_json(data)
        return 0
    ctx.out(f"{shown(case.code)}  {shown(case.alias)}  [{shown(case.status)}]")
    for label, value in (
        (_("Year of birth"), case.birth_year),
        (_("Gender"), gender_label(case.gender, _)),
        (_("Nationality"), case.nationality),
        (_("Languages"), ", ".join(case.languages)),
        (_("Centre"), case.centre),
    ):
        ctx.out(f"  {label}: {shown(value) if value not in (None, '') else '-'}")
    consent = {True: _("given"), False: _("refused"), None: _("not recorded")}[case.consent.given]
    consent_label = _("Consent")  # outside the f-string, where babel can extract it
    ctx.out(f"  {consent_label}: {consent}")
    screening_label = _("Screening")
    for record in screenings:
        ctx.out(
            f"  {screening_label} {record.id}: {shown(record.questionnaire_id)} "
            f"{shown(record.version)} {record.status} {record.level or ''}"
        )
    for note in notes:
        ctx.out(f"--- {note.created_at:%Y-%m-%d %H:%M} {shown(note.author)}")
        ctx.out(shown_multiline(note.text))
    return 0


def cmd_case_erase(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    session.cases.erase(args.code)
    ctx.out(_("Case {code} erased.").format(code=args.code))
    return 0


def cmd_note_add(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    text = ctx.read_rest(limit=MAX_NOTE + 2).strip("\n")  # + 2: the line breaks stripped
    if len(text) > MAX_NOTE:
        raise InputRefused(
            N_("The note on standard input is longer than {limit} characters."), limit=MAX_NOTE
        )
    if not text.strip():
        raise InputRefused(N_("The note is empty: write its text on standard input."))
    note = session.notes.add(args.code, text)
    ctx.out(str(note.id))
    return 0
