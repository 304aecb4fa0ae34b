"""File names that Windows refuses or silently changes, checked before an export is written.

On Windows (NTFS) "report:march.pdf" is not refused: it writes an alternate data stream of a
file called "report", which Explorer does not show, so the export seems lost. "CON.pdf" or
"nul.csv" is a device on older Windows, and a trailing dot or space is dropped without a word, so
"report." silently becomes (and replaces) "report". Linux and macOS accept all of these names, so
the check runs only on Windows; the platform is a parameter so that it can be tested anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.file_names import FORBIDDEN_CHARACTERS, is_reserved_name
from free2link_desktop.i18n import N_

_FORBIDDEN = FORBIDDEN_CHARACTERS | {chr(code) for code in range(32)}


def _shown(char: str) -> str:
    return char if char.isprintable() else f"U+{ord(char):04X}"


def check_file_name(path: Path | str, platform: str = sys.platform) -> None:
    """Refuse, on Windows, a path whose folders or file name Windows would mistreat."""
    if platform != "win32":
        return
    windows = PureWindowsPath(path)
    parts = windows.parts[1:] if windows.anchor else windows.parts
    for part in parts:
        if part in (".", ".."):
            continue
        bad = next((char for char in part if char in _FORBIDDEN), None)
        if bad is not None:
            raise InputRefused(
                N_(
                    'The name {name} contains "{char}", which Windows does not allow in file '
                    "names. Choose another name."
                ),
                name=part,
                char=_shown(bad),
            )
        if part.endswith((".", " ")):
            raise InputRefused(
                N_(
                    "The name {name} ends with a dot or a space, which Windows drops without "
                    "saying so: the file would be written under another name. Choose another "
                    "name."
                ),
                name=part,
            )
        stem = part.split(".", 1)[0].rstrip(" ")
        if is_reserved_name(part):
            raise InputRefused(
                N_(
                    "{name} cannot be used as a file name on Windows: {device} is the name of a "
                    "device there. Choose another name."
                ),
                name=part,
                device=stem.upper(),
            )
