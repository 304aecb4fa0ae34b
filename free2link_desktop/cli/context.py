"""What a command needs from the process: its streams, the password lines, the workspace path.

Passwords are never arguments: they are the first line(s) of standard input when it is not a
terminal, and a hidden prompt otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_, _


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """--force: the only way a command may replace an existing file with its output."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("replace the output file if it exists (never allowed inside the workspace)"),
    )


def speak_utf8() -> None:
    """Read and write the standard streams as UTF-8 on every system.

    On Windows a pipe or a redirected file uses the ANSI code page (cp1252 in Italy and
    Poland, cp1253 in Greece): a password "Zoë…" piped in as UTF-8 was read as "ZoÃ«…" (and
    stored so by `init`, so the window could never unlock with it), and `case list` with a
    Greek or Arabic alias ended in UnicodeEncodeError. Linux and macOS already use UTF-8 (Python
    overrides the C locale), so nothing changes there.
    """
    for stream, errors in (
        (sys.stdin, "strict"),
        (sys.stdout, "strict"),
        (sys.stderr, "backslashreplace"),
    ):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            reconfigure(encoding="utf-8", errors=errors)


@dataclass
class CliContext:
    stdin: IO[str]
    stdout: IO[str]
    stderr: IO[str]
    workspace_arg: str | None = None
    json_output: bool = False
    _closers: list[Any] = field(default_factory=list)

    @classmethod
    def from_process(cls, args: Any) -> CliContext:
        speak_utf8()
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            workspace_arg=getattr(args, "workspace", None),
            json_output=bool(getattr(args, "json", False)),
        )

    # -- workspace -----------------------------------------------------------------------
    def workspace_path(self) -> Path:
        """--workspace, else FREE2LINK_WORKSPACE, else the user's data folder."""
        if self.workspace_arg:
            return Path(self.workspace_arg).expanduser()
        from free2link_desktop.services.workspace import default_workspace_path

        return default_workspace_path()

    # -- standard input ------------------------------------------------------------------
    def stdin_is_terminal(self) -> bool:
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def read_secret(self, prompt: str) -> str:
        """A password: the next stdin line, or a hidden prompt on a terminal."""
        if self.stdin_is_terminal():
            return getpass.getpass(prompt)
        line = self._read(self.stdin.readline)
        if not line:
            raise InputRefused(N_("Expected a password on standard input."))
        return line.rstrip("\r\n")

    def read_rest(self, limit: int | None = None) -> str:
        """The rest of standard input; with `limit`, at most one character more than that (so a
        huge or endless input is refused as too long instead of filling the memory)."""
        if limit is None:
            return self._read(self.stdin.read)
        return self._read(lambda: self.stdin.read(limit + 1))

    @staticmethod
    def _read(read: Callable[[], str]) -> str:
        """Standard input that is not UTF-8 is refused whole, before anything is stored.

        Depending on the locale Python either fails to decode such bytes or keeps them as
        surrogate escapes; both get the same message.
        """
        try:
            text = read()
            text.encode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            raise InputRefused(
                N_("Standard input is not UTF-8 text: save or type it as UTF-8.")
            ) from None
        return text

    # -- output --------------------------------------------------------------------------
    def out(self, text: str = "") -> None:
        _print(text, self.stdout)

    def error(self, text: str) -> None:
        _print(text, self.stderr)

    def out_json(self, data: Any) -> None:
        _print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False), self.stdout)

    def on_close(self, closer: Any) -> None:
        self._closers.append(closer)

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()


def _print(text: str, stream: IO[str]) -> None:
    """Print `text`; what the stream cannot encode is written as a visible escape.

    A file name that is not UTF-8 (kept by Python as surrogate escapes) or a console whose code
    page lacks a character (Windows) must not turn a finished command into a traceback.
    """
    try:
        print(text, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)
