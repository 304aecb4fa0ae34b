"""`free2link screening reopen ID`: a coordinator undoes "Stop the interview"."""

from __future__ import annotations

import argparse
from typing import Any

from free2link_desktop.cli.argtypes import record_id
from free2link_desktop.cli.context import CliContext
from free2link_desktop.cli.session_opener import unlock
from free2link_desktop.i18n import _


def register_reopen(screening_commands: Any) -> None:
    from free2link_desktop.cli import add_common_options

    parser = screening_commands.add_parser(
        "reopen", help=_("(coordinator) let a stopped screening be resumed")
    )
    parser.add_argument("screening_id", metavar="ID", type=record_id)
    add_common_options(parser)
    parser.set_defaults(handler=run_reopen)


def run_reopen(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    session.screenings.reopen(args.screening_id)
    if ctx.json_output:
        ctx.out_json({"screening": args.screening_id, "status": "paused"})
    else:
        ctx.out(
            _("Screening {id} is reopened: it can be resumed from the case.").format(
                id=args.screening_id
            )
        )
    return 0
