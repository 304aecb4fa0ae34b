"""`free2link screening import CODE QUESTIONNAIRE ANSWERS.json`: store a whole answer file."""

from __future__ import annotations

import argparse
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.cli.session_opener import unlock
from free2link_desktop.core.questionnaire import read_answers_document
from free2link_desktop.i18n import _, current_language


def register_import(screening_commands: Any) -> None:
    from free2link_desktop.cli import add_common_options

    parser = screening_commands.add_parser(
        "import", help=_("store an ANSWERS.json file as a completed screening of a case")
    )
    parser.add_argument("code", metavar="CODE")
    parser.add_argument(
        "questionnaire",
        metavar="QUESTIONNAIRE",
        help=_("a bundled questionnaire id or a YAML file"),
    )
    parser.add_argument("answers", metavar="ANSWERS.json")
    add_common_options(parser)
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    document = read_answers_document(args.answers)
    session = unlock(ctx, args)
    record, result = session.screenings.import_answers(args.code, args.questionnaire, document)
    if ctx.json_output:
        ctx.out_json({"screening": record.id, **result.to_json(current_language())})
    else:
        ctx.out(
            _("Screening {id} stored for {code}: {level}.").format(
                id=record.id, code=args.code, level=result.level or "-"
            )
        )
    return 0
