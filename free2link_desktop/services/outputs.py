"""Where exports may go: the one entry point the CLI, the GUI and the other services use.

Every file that leaves the machine (referral PDF, statistics CSV and PDF, backup to a file, the
recovery sheet) is checked and written through storage/output.py against the open workspace's
folder, so no export can land on the live database, its journal, keys.json, the lock file or
the backups folder, and no existing file is replaced unless the person asked for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.storage.output import (
    OutputRefused,
    StagedFile,
    check_target,
    staged_output,
    write_output,
)

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

__all__ = [
    "OutputRefused",
    "StagedFile",
    "check",
    "check_path",
    "refusal",
    "staged",
    "write",
    "write_file",
]


def check(session: Session, target: Path | str, *, overwrite: bool) -> Path:
    """The path an export to `target` would write, or OutputRefused (before any work is done)."""
    return check_target(target, session.workspace.path, overwrite=overwrite)


def check_path(target: Path | str, workspace: Path | None, *, overwrite: bool) -> Path:
    """`check` for a use case without an open session (a guide exported from a file): any
    folder that holds a Free2Link workspace is still refused."""
    return check_target(target, workspace, overwrite=overwrite)


def write_file(target: Path | str, data: bytes, workspace: Path | None, *, overwrite: bool) -> Path:
    """`write` for a use case without an open session; see `check_path`."""
    return write_output(target, data, workspace, overwrite=overwrite)


def refusal(target: Path | str, workspace: Path | None, *, overwrite: bool) -> InputRefused | None:
    """Why `target` may not be written (for a save dialog to say and ask again), or None."""
    try:
        check_target(target, workspace, overwrite=overwrite)
    except InputRefused as error:  # OutputRefused, or a name Windows would mistreat
        return error
    return None


@contextmanager
def staged(session: Session, target: Path | str, *, overwrite: bool) -> Iterator[StagedFile]:
    """A private temporary file beside `target`, renamed into place when the block completes."""
    with staged_output(target, session.workspace.path, overwrite=overwrite) as staged_file:
        yield staged_file


def write(session: Session, target: Path | str, data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to `target` as an export of the open workspace; returns the path written."""
    return write_output(target, data, session.workspace.path, overwrite=overwrite)
