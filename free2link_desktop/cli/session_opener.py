"""Open and unlock the workspace for a command, closing everything when the command ends."""

from __future__ import annotations

import time
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.core.errors import Free2LinkError, InputRefused
from free2link_desktop.i18n import N_, _
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
    ctx.on_close(session.lock)
    if daily_backup:
        try:
            session.backups.ensure_daily()
        except Free2LinkError as error:  # the command itself can still be done: say, go on
            ctx.error(
                _("Today's automatic backup could not be made: {reason}").format(reason=error)
            )
    return session
