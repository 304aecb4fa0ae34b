"""init, user, backup and verify: the commands that look after the workspace itself."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from free2link_desktop.cli.context import CliContext, add_force_option
from free2link_desktop.cli.session_opener import open_held_workspace, required_user, unlock
from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.text import shown
from free2link_desktop.i18n import N_, _
from free2link_desktop.services import maintenance, outputs
from free2link_desktop.services.workspace import create_workspace


def register(subparsers: Any) -> None:
    from free2link_desktop.cli import add_common_options

    init = subparsers.add_parser("init", help=_("create a workspace and its first admin"))
    init.add_argument(
        "--recovery-out",
        metavar="FILE",
        help=_("also write the recovery sheet to FILE (PDF if it ends in .pdf)"),
    )
    add_force_option(init)
    add_common_options(init)
    init.set_defaults(handler=cmd_init)

    user = subparsers.add_parser("user", help=_("manage user accounts"))
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", help=_("add a user (admin)"))
    add.add_argument("name")
    add.add_argument(
        "--role", required=True, choices=["admin", "coordinator", "interviewer", "caseworker"]
    )
    add.set_defaults(handler=cmd_user_add)
    passwd = user_sub.add_parser("passwd", help=_("change a password"))
    passwd.add_argument("name")
    passwd.set_defaults(handler=cmd_user_passwd)
    reset = user_sub.add_parser("reset", help=_("set a new password with the recovery key"))
    reset.add_argument("name")
    reset.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        required=True,
        help=_("read the recovery key, then the new password twice, from stdin"),
    )
    reset.set_defaults(handler=cmd_user_reset)
    for parser in (add, passwd, reset):
        add_common_options(parser)

    backup = subparsers.add_parser("backup", help=_("make or restore a backup"))
    backup_sub = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = backup_sub.add_parser("create", help=_("write an encrypted backup to FILE"))
    create.add_argument("--out", required=True, metavar="FILE")
    add_force_option(create)
    create.set_defaults(handler=cmd_backup_create)
    restore = backup_sub.add_parser(
        "restore",
        help=_("(admin) restore a backup into the workspace; the current one is kept aside"),
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_backup_restore)
    for parser in (create, restore):
        add_common_options(parser)

    verify = subparsers.add_parser("verify", help=_("check integrity, page HMACs, audit chain"))
    add_common_options(verify)
    verify.set_defaults(handler=cmd_verify)

    salvage = subparsers.add_parser(
        "salvage",
        help=_("copy every row that can still be read into a new workspace (damaged database)"),
    )
    salvage.add_argument(
        "--out", required=True, metavar="DIR", help=_("a new, empty folder outside the workspace")
    )
    add_common_options(salvage)
    salvage.set_defaults(handler=cmd_salvage)


def _new_password(ctx: CliContext, prompt: str) -> str:
    first = ctx.read_secret(prompt)
    second = ctx.read_secret(_("Repeat the password: "))
    if first != second:
        raise InputRefused(N_("The two passwords differ."))
    return first


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    user = required_user(args)
    if args.recovery_out:
        # checked before the workspace exists: a refusal afterwards would leave a workspace
        # whose recovery key was never shown
        refused = outputs.refusal(args.recovery_out, ctx.workspace_path(), overwrite=args.force)
        if refused is not None:
            raise refused
    password = _new_password(ctx, _("New password for {user}: ").format(user=user))
    session, recovery_key = create_workspace(ctx.workspace_path(), user, password)
    ctx.on_close(session.workspace.close)
    ctx.on_close(session.lock)
    if args.recovery_out:
        maintenance.write_recovery_sheet(
            session, recovery_key, Path(args.recovery_out), overwrite=args.force
        )
    if ctx.json_output:
        ctx.out_json(
            {"workspace": str(session.workspace.path), "user": user, "recovery_key": recovery_key}
        )
        return 0
    ctx.out(_("Workspace created in {path}.").format(path=session.workspace.path))
    ctx.out(_("Recovery key (shown only now; write it down and keep it safe):"))
    ctx.out(recovery_key)
    ctx.out(_("If every password and this key are lost, the data cannot be recovered."))
    return 0


def cmd_user_add(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    password = ctx.read_secret(_("Password for the new user {name}: ").format(name=args.name))
    session.users.add(args.name, args.role, password)
    ctx.out(_("User {name} added as {role}.").format(name=args.name, role=args.role))
    return 0


def cmd_user_passwd(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args)
    if args.name == session.user.name:
        old = ctx.read_secret(_("Current password: "))
        new = _new_password(ctx, _("New password: "))
        session.users.change_password(args.name, old, new)
    else:
        new = _new_password(ctx, _("New password for {name}: ").format(name=args.name))
        session.users.reset_password(args.name, new)
    ctx.out(_("Password changed for {name}.").format(name=args.name))
    return 0


def cmd_user_reset(args: argparse.Namespace, ctx: CliContext) -> int:
    workspace = open_held_workspace(ctx)
    recovery_key = ctx.read_secret(_("Recovery key: "))
    new = _new_password(ctx, _("New password for {name}: ").format(name=args.name))
    workspace.reset_password_with_recovery_key(recovery_key, args.name, new)
    ctx.out(_("Password reset for {name}.").format(name=args.name))
    return 0


def cmd_backup_create(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args, daily_backup=False)
    path = session.backups.create(Path(args.out), overwrite=args.force)
    ctx.out(_("Backup written to {path}.").format(path=path))
    return 0


def cmd_backup_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """An administrator restores a backup; says what was replaced and where it was kept."""
    from free2link_desktop.services.restore import restore_backup

    user = required_user(args)
    password = ctx.read_secret(_("Password for {user}: ").format(user=user))
    result = restore_backup(Path(args.file), ctx.workspace_path(), user, password)
    if ctx.json_output:
        ctx.out_json(
            {
                "workspace": str(result.workspace),
                "backup": str(result.backup),
                "made_at": result.made_at,
                "kept_aside": str(result.kept_aside) if result.kept_aside else None,
                "user": result.user,
                "authorised_by": result.authorised_by,
                "sealed": result.sealed,
            }
        )
        return 0
    for line in restore_lines(result):
        ctx.out(line)
    return 0


def restore_lines(result: Any) -> list[str]:
    """What a restore did, in sentences (the GUI can show the same)."""
    made = result.made_at or _("an unknown date (made by an older version)")
    lines = [
        _("Backup {backup} (made {made}) restored into {path} by {user}.").format(
            backup=result.backup.name, made=made, path=result.workspace, user=result.user
        )
    ]
    if result.kept_aside is not None:
        lines.append(
            _(
                "The workspace as it was before the restore was kept in {path}; nothing in it "
                "was deleted. Work done after the backup was made is only there."
            ).format(path=result.kept_aside)
        )
    else:
        lines.append(_("There was no workspace in {path} before.").format(path=result.workspace))
    lines.append(
        _(
            "Users, roles and passwords are now those of the backup. The restore is recorded "
            "in the restored workspace's audit log."
        )
    )
    if not result.sealed:
        lines.append(
            _(
                "This backup was made by an older version without a seal; its parts were "
                "checked with their checksums and SQLCipher's page codes."
            )
        )
    return lines


def cmd_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args, daily_backup=False)
    report = maintenance.verify(session)
    if ctx.json_output:
        ctx.out_json(report.as_dict())
    else:
        for line in report.lines():  # names of files and users in it are shown escaped
            ctx.out(shown(line))
    return 0 if report.ok else 1


def cmd_salvage(args: argparse.Namespace, ctx: CliContext) -> int:
    session = unlock(ctx, args, daily_backup=False)
    report = maintenance.salvage(session, Path(args.out))
    if ctx.json_output:
        ctx.out_json(report.as_dict())
    else:
        for line in report.lines():
            ctx.out(line)
    return 0
