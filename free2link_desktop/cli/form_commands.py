"""`free2link questionnaire import-xlsform` and `questionnaire export` (issue 16, SPEC 7).

Neither needs a workspace, except `export` of a guide that is only installed in one (then
--user opens it). A broken form exits 2 with a message naming the sheet and the row.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.questionnaire import Questionnaire, find_questionnaire
from free2link_desktop.i18n import N_, _, ngettext
from free2link_desktop.services.forms import (
    FORMATS,
    XlsformImport,
    export_guide,
    import_xlsform_file,
)


def register_forms(commands: Any) -> None:
    from free2link_desktop.cli import add_common_options

    parser = commands.add_parser(
        "import-xlsform", help=_("make an interview guide from an XLSForm (.xlsx or .xls)")
    )
    parser.add_argument("form", metavar="FORM")
    parser.add_argument("--out", metavar="GUIDE.yaml", required=True)
    parser.add_argument("--force", action="store_true", help=_("replace existing files"))
    add_common_options(parser)
    parser.set_defaults(handler=run_import_xlsform)

    export = commands.add_parser(
        "export", help=_("write an interview guide as an XLSForm or an ODK XForm")
    )
    export.add_argument(
        "guide", metavar="GUIDE", help=_("a bundled or installed guide id, or a YAML file")
    )
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", metavar="FILE", required=True)
    export.add_argument(
        "--public-key",
        metavar="FILE.pem",
        help=_("RSA public key: ODK Collect encrypts each submission with it"),
    )
    export.add_argument("--force", action="store_true", help=_("replace an existing file"))
    add_common_options(export)
    export.set_defaults(handler=run_export)


def run_import_xlsform(args: argparse.Namespace, ctx: CliContext) -> int:
    out = Path(args.out)
    result = import_xlsform_file(Path(args.form), out, force=args.force)
    if ctx.json_output:
        ctx.out_json(_summary_json(result, out))
        return 0
    for note in result.imported.notes:
        if note.kind != "kept":
            ctx.error(f"{args.form}: {note}")
    guide = result.questionnaire
    ctx.out(
        ngettext(
            "{out}: guide {id} {version} with {count} question",
            "{out}: guide {id} {version} with {count} questions",
            len(guide.questions),
        ).format(out=out, id=guide.id, version=guide.version, count=len(guide.questions))
    )
    changed, skipped = result.imported.count("changed"), result.imported.count("skipped")
    ctx.out(_("changed: {changed}, skipped: {skipped}").format(changed=changed, skipped=skipped))
    if not guide.library.indicators:
        ctx.out(_("The guide has no indicators: its result will say so."))
    return 0


def _summary_json(result: XlsformImport, out: Path) -> dict[str, Any]:
    guide = result.questionnaire
    return {
        "guide": str(out),
        "id": guide.id,
        "version": guide.version,
        "questions": len(guide.questions),
        "languages": dict(guide.languages),
        "indicators": len(guide.library.indicators),
        "notes": [
            {
                "kind": note.kind,
                "sheet": note.sheet,
                "row": note.row,
                "name": note.name,
                "message": note.message(),
            }
            for note in result.imported.notes
        ],
    }


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    key = None
    if args.public_key:
        try:
            key = Path(args.public_key).read_bytes()
        except OSError as error:
            raise InputRefused(
                N_("The file {path} cannot be read: {reason}"),
                path=args.public_key,
                reason=error.strerror or str(error),
            ) from None
    guide = _guide(args, ctx)
    out = export_guide(guide, args.format, Path(args.out), public_key_pem=key, force=args.force)
    if ctx.json_output:
        ctx.out_json({"file": str(out), "id": guide.id, "version": guide.version})
    else:
        ctx.out(_("{file}: {id} {version}").format(file=out, id=guide.id, version=guide.version))
    return 0


def _guide(args: argparse.Namespace, ctx: CliContext) -> Questionnaire:
    """A bundled guide or a file (no workspace), else the newest installed version of that id."""
    try:
        return find_questionnaire(args.guide)
    except NotFound:
        if not getattr(args, "user", None) or Path(args.guide).suffix in (".yaml", ".yml"):
            raise
    from free2link_desktop.cli.session_opener import unlock

    session = unlock(ctx, args)
    installed = [g for g in session.screenings.offered([]) if g.id == args.guide]
    if not installed:
        raise NotFound(N_("There is no questionnaire '{ref}'."), ref=args.guide)
    return installed[0]
