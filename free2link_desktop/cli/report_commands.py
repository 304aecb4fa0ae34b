"""report CODE --out FILE.pdf and stats --out FILE.csv (SPEC section 7).

`--lang` (a common option) sets both the language of the messages and of the report. With
`--pdf-password-stdin` the PDF's password is the standard-input line after the unlock password.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from free2link_desktop.cli.argtypes import record_id
from free2link_desktop.cli.context import CliContext, add_force_option
from free2link_desktop.cli.session_opener import unlock
from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_, _
from free2link_desktop.reports.model import REDACTABLE_FIELDS


def register(subparsers: Any) -> None:
    from free2link_desktop.cli import add_common_options

    report = subparsers.add_parser("report", help=_("export a referral report (PDF) for a case"))
    report.add_argument("code", metavar="CODE")
    report.add_argument("--out", required=True, metavar="FILE.pdf")
    report.add_argument("--recipient", metavar="ORG_ID", help=_("organisation id in the directory"))
    report.add_argument(
        "--redact",
        nargs="+",
        action="extend",
        default=[],
        metavar="FIELD",
        help=_("leave out: {fields}").format(fields=", ".join(REDACTABLE_FIELDS)),
    )
    report.add_argument(
        "--screening", type=record_id, action="append", metavar="ID", help=_("only this screening")
    )
    report.add_argument(
        "--note", type=record_id, action="append", metavar="ID", help=_("only this note")
    )
    report.add_argument(
        "--show-alias", action="store_true", help=_("print the alias (left out by default)")
    )
    report.add_argument(
        "--pdf-password-stdin",
        action="store_true",
        help=_("protect the PDF with the password on the next stdin line (AES-256)"),
    )
    report.add_argument(
        "--consent-override",
        action="store_true",
        help=_("export although no consent is recorded (written to the audit log)"),
    )
    report.set_defaults(handler=cmd_report)

    stats = subparsers.add_parser("stats", help=_("export anonymised statistics (CSV)"))
    stats.add_argument("--out", required=True, metavar="FILE.csv")
    stats.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day, YYYY-MM-DD"))
    stats.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day, YYYY-MM-DD"))
    stats.add_argument("--pdf", metavar="FILE.pdf", help=_("also write the charts as PDF"))
    stats.set_defaults(handler=cmd_stats)
    for parser in (report, stats):
        add_force_option(parser)
        add_common_options(parser)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputRefused(N_("{value} is not a date (YYYY-MM-DD)."), value=text) from None


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    password = None
    if args.pdf_password_stdin:
        password = ctx.read_secret(_("Password for the PDF: "))
        if not password:
            raise InputRefused(N_("The PDF password is empty."))
    export = session.reports.export_referral(
        args.code,
        args.out,
        language=getattr(args, "lang", None) or "en",
        recipient_id=args.recipient,
        redact=args.redact,
        screening_ids=args.screening,
        note_ids=args.note,
        password=password,
        consent_override=args.consent_override,
        show_alias=args.show_alias,
        overwrite=args.force,
    )
    if ctx.json_output:
        ctx.out_json(
            {
                "path": str(export.path),
                "document_id": export.document_id,
                "fingerprint": export.fingerprint,
                "screenings": export.screenings,
                "notes": export.notes,
                "encrypted": export.encrypted,
            }
        )
    else:
        ctx.out(str(export.path))
    return 0


def cmd_stats(args: argparse.Namespace, ctx: CliContext) -> int:
    date_from, date_to = _day(args.date_from), _day(args.date_to)
    session = unlock(ctx, args)
    data = session.reports.export_statistics(
        args.out,
        date_from,
        date_to,
        language=getattr(args, "lang", None) or "en",
        out_pdf=args.pdf,
        overwrite=args.force,
    )
    if ctx.json_output:
        ctx.out_json({"path": args.out, "pdf": args.pdf, "screenings": data.total})
    else:
        ctx.out(args.out)
    return 0
