"""Open and unlock the workspace for a command, closing everything when the command ends."""

from __future__ import annotations

import time
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.errors import Free2LinkError, InputRefused
from free2link_desktop.i18n import N_, _, ngettext
from free2link_desktop.services import maintenance
from free2link_desktop.services.session import Session
from free2link_desktop.services.workspace import Workspace, open_workspace


class UsageError(InputRefused):
    exit_code = 2


def required_user(args: Any) -> str:
    user = getattr(args, "user", None)
    if not user:
        raise UsageError(N_("This command needs --user NAME."))
    return str(user)


def open_held_workspace(ctx: CliContext) -> Workspace:
    workspace = open_workspace(ctx.workspace_path())
    ctx.on_close(workspace.close)
    return workspace


def unlock(ctx: CliContext, args: Any, *, daily_backup: bool = True) -> Session:
    """Read the password (stdin line or prompt), wait out the failure delay, unlock."""
    user = required_user(args)
    workspace = open_held_workspace(ctx)
    password = ctx.read_secret(_("Password for {user}: ").format(user=user))
    wait = workspace.seconds_until_next_attempt()
    if wait > 0:
        time.sleep(wait)
    session = workspace.unlock(user, password)
    ctx.on_close(lambda: report_unrecorded(ctx, session))  # runs after the lock below
    ctx.on_close(session.lock)
    for note in maintenance.session_notes(session):
        ctx.error(note)
    if daily_backup and not session.read_only:
        try:
            session.backups.ensure_daily()
        except (Free2LinkError, OSError) as error:
            # A full disk must not stop the command: the backup is made another day.
            reason = error.message() if isinstance(error, Free2LinkError) else str(error)
            ctx.error(
                _("Today's automatic backup could not be made: {reason}").format(reason=reason)
            )
    return session


def report_unrecorded(ctx: CliContext, session: Session) -> None:
    """Say plainly which audit entries could not be written before the command ended."""
    count = len(session.pending_audit)
    if count:
        ctx.error(
            ngettext(
                "{count} audit entry (this access) could not be recorded and is lost.",
                "{count} audit entries (this access) could not be recorded and are lost.",
                count,
            ).format(count=count)
        )
