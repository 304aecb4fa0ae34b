"""The command line's own words ("usage:", "options", "error: ...") in the staff language.

argparse builds its help and error messages with `gettext`'s module-level functions, which our
in-memory catalogs do not reach. `translate_argparse` points argparse's `_` at ours, and the
messages argparse shows to people are marked below so that they are extracted into our catalogs.
The language has to be known before the parser is built (help texts are translated when they
are added), hence `language_option`, which reads `--lang` before argparse does.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from free2link_desktop.i18n import LANGUAGES, N_, _

#: argparse's messages that reach a person (Python 3.11+); translated through our catalogs.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def translate_argparse() -> None:
    """Make argparse look its messages up in our catalogs (at call time, so it follows
    `set_language`). Affects argparse in this process only; English stays English."""
    argparse._ = _  # type: ignore[attr-defined]


def language_option(argv: Sequence[str]) -> str | None:
    """The value of `--lang LANG` or `--lang=LANG` anywhere in `argv`, if it names a language."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        value = None
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return None
