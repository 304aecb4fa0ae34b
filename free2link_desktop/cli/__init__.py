"""The command line (SPEC section 7): argparse over services/, never ui/.

Each command module registers its sub-commands with `register(subparsers)` and sets a handler
`handler(args, ctx) -> int`. Errors that people cause (wrong password, refused input) are
`Free2LinkError`s and become a message on stderr and the error's exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from free2link_desktop import __version__
from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.errors import Free2LinkError, InputRefused
from free2link_desktop.i18n import LANGUAGES, N_, _, set_language
from free2link_desktop.i18n.argparse_text import language_option, translate_argparse


def _command_modules() -> list[ModuleType]:
    from free2link_desktop.cli import commands

    return commands.MODULES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="free2link",
        description=_("Free2Link Desktop. Without a command, the desktop application starts."),
    )
    parser.add_argument("--version", action="version", version=f"free2link {__version__}")
    add_common_options(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)
    return parser


def add_common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--workspace, --user and --json, accepted before the command and after it."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=default,
        help=_("workspace folder (default: FREE2LINK_WORKSPACE or your data folder)"),
    )
    parser.add_argument("--user", metavar="NAME", default=default, help=_("user name"))
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help=_("machine-readable output"),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default,
        help=_("language of messages (en, it, el, pl, ar)"),
    )


def gui_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a GUI start, or None when the arguments name a command (or are wrong).

    Parses only the common options, without importing the command modules (and through them
    the questionnaire engine and the report writers): the GUI starts faster for it. Anything
    left over, or a request for help or the version, goes to `main()` instead.
    """
    if any(arg in {"-h", "--help", "--version"} for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog="free2link", add_help=False)
    add_common_options(parser, top_level=True)
    try:
        options, rest = parser.parse_known_args(list(argv))
    except SystemExit:
        return None
    return None if rest else options


def main(argv: Sequence[str], ctx: CliContext | None = None) -> int:
    # The language is needed before the parser exists: its help texts are translated as added.
    language = language_option(argv)
    if language:
        set_language(language)
    translate_argparse()
    parser = build_parser()
    args = parser.parse_args(list(argv))
    ctx = ctx or CliContext.from_process(args)
    if ctx.workspace_arg is None:  # a context made by a caller still honours --workspace
        ctx.workspace_arg = getattr(args, "workspace", None)
    if args.lang and args.lang != language:
        set_language(args.lang)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        check_text_arguments(args)
        check_language(args)
        return int(handler(args, ctx) or 0)
    except Free2LinkError as error:
        ctx.error(error.message())
        return error.exit_code
    except OSError as error:
        # The environment, not a bug: a full disk or a read-only folder met outside the
        # database (a key file, a backup, an export). Said in words, never a traceback.
        place = f" ({error.filename})" if error.filename else ""
        ctx.error(
            _("The operation could not be completed: {reason}{place}").format(
                reason=error.strerror or error, place=place
            )
        )
        return 1
    except KeyboardInterrupt:
        ctx.error(_("Interrupted."))
        return 130
    finally:
        ctx.close()


#: Arguments that name files: any bytes the file system allows are fine (Python keeps bytes
#: that are not UTF-8 as surrogate escapes and gives them back unchanged to the OS).
_PATH_ARGUMENTS = frozenset(
    {
        *("workspace", "out", "file", "files", "answers", "questionnaire", "recovery_out"),
        *("pdf", "form", "guide", "public_key"),
    }
)


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse an argument that is stored or looked up as text (an alias, a case code, a user
    name) when it is not valid UTF-8: the database and the reports cannot hold it."""
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _encodable(item):
                raise InputRefused(
                    N_("The value given for {option} is not valid UTF-8 text."),
                    option=name.replace("_", "-"),
                )


def check_language(args: argparse.Namespace) -> None:
    """An unknown --lang is a usage error, not a silent switch to English."""
    from free2link_desktop.cli.session_opener import UsageError

    lang = getattr(args, "lang", None)
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(
            N_("There is no language '{lang}'; choose one of {choices}."),
            lang=lang,
            choices=", ".join(LANGUAGES),
        )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run() -> None:
    sys.exit(main(sys.argv[1:]))
