"""The composition root: reads the arguments and starts either a command or the GUI.

No logic lives here; it only wires the pieces together.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from free2link_desktop import cli

    if cli.names_a_command(args):
        return cli.main(args)
    return run_gui(args)


def run_gui(args: list[str]) -> int:
    """Start the desktop application (until the GUI lands, say what is there)."""
    from free2link_desktop import cli

    parser = cli.build_parser()
    parser.print_help()
    return 0
