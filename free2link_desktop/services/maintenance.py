"""Checks of a whole workspace (`verify`) and the recovery sheet."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.errors import Free2LinkError, InputRefused
from free2link_desktop.i18n import N_, _
from free2link_desktop.services import outputs, permissions
from free2link_desktop.storage import salvage as salvage_rows
from free2link_desktop.storage.database import DAMAGED_JOURNAL_INFIX, DatabaseError
from free2link_desktop.storage.salvage import TableResult

if TYPE_CHECKING:
    from free2link_desktop.services.backups import BackupCheck
    from free2link_desktop.services.session import Session


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)
    newest_backup: Path | None = None
    backups: list[BackupCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def lines(self) -> list[str]:
        out = []
        for check in self.checks:
            status = _("ok") if check.ok else _("FAILED")
            out.append(
                f"{_(check.name)}: {status}" + (f" — {check.detail}" if check.detail else "")
            )
        if not self.ok and all(c.ok for c in self.checks if c.name != BACKUPS_CHECK):
            out.append(_backups_advice(self.newest_backup))
        elif not self.ok:
            if self.newest_backup:
                out.append(
                    _("Restore the newest backup: {backup}").format(backup=self.newest_backup)
                )
            else:
                out.append(_("No backup was found in the workspace's backups folder."))
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks],
            "newest_backup": str(self.newest_backup) if self.newest_backup else None,
            "backups": [
                {"path": str(b.path), "ok": b.ok, "problem": b.problem} for b in self.backups
            ],
        }


BACKUPS_CHECK = N_("backups")


def _backups_advice(newest_good: Path | None) -> str:
    """Only backups are damaged: the workspace is fine, so say what is kept, not "restore"."""
    if newest_good is None:
        return _("No backup is intact: make one now (`free2link backup create --out FILE`).")
    return _(
        "The workspace itself is intact. The newest intact backup is {backup}; it is kept "
        "until a newer one passes this check."
    ).format(backup=newest_good)


def verify(session: Session) -> VerifyReport:
    """SQLCipher page HMACs, SQLite integrity, the audit chain and its signatures, keys.json,
    signed roles; names the backup to restore."""
    report = VerifyReport(newest_backup=session.workspace.newest_backup())
    try:
        rows = session.db.all("PRAGMA cipher_integrity_check")
        report.checks.append(
            Check(N_("page HMACs (SQLCipher)"), not rows, "; ".join(str(r[0]) for r in rows[:5]))
        )
        rows = session.db.all("PRAGMA integrity_check")
        ok = [r[0] for r in rows] == ["ok"]
        report.checks.append(
            Check(
                N_("database integrity"), ok, "" if ok else "; ".join(str(r[0]) for r in rows[:5])
            )
        )
        audit = session.audit.verify()
        detail = (
            _("{count} entries").format(count=audit.count)
            if audit.ok
            else _("entry {id} does not match the chain").format(id=audit.first_broken_id)
        )
        report.checks.append(Check(N_("audit chain"), audit.ok, detail))
        journal_ok = not (session.journal_damaged or kept_journals(session))
        report.checks.append(
            Check(
                N_("journal file (-wal)"), journal_ok, "" if journal_ok else _journal_text(session)
            )
        )
        from free2link_desktop.services import trust

        report.checks.extend(trust.checks(session))
    except (DatabaseError, Free2LinkError) as error:
        report.checks.append(Check(N_("database readable"), False, str(error)))
    _check_backups(session, report)
    with contextlib.suppress(DatabaseError, Free2LinkError):
        session.record("verify", "workspace", "", {"ok": report.ok})
    return report


def _check_backups(session: Session, report: VerifyReport) -> None:
    """Every backup in backups/, checked as a whole; damaged ones named; the newest good kept."""
    checks = session.backups.verify_all()
    damaged = [c for c in checks if not c.ok]
    good = [c.path for c in checks if c.ok]
    if damaged:
        detail = "; ".join(c.problem for c in damaged)
    else:
        detail = _("{count} checked, all intact").format(count=len(checks))
    report.checks.append(Check(BACKUPS_CHECK, not damaged, detail))
    report.backups = checks
    report.newest_backup = good[0] if good else None


def kept_journals(session: Session) -> list[Path]:
    """Copies of damaged -wal files kept beside the database (newest last)."""
    db = session.workspace.layout.db
    return sorted(db.parent.glob(f"{db.name}-wal{DAMAGED_JOURNAL_INFIX}*"))


def _journal_text(session: Session) -> str:
    kept = kept_journals(session)
    backup = session.workspace.newest_backup()
    return _(
        "The journal file beside the database (workspace.db-wal) was damaged: changes saved "
        "just before the app last stopped could not be applied and are missing. Check the "
        "newest cases and notes. The damaged file is kept as {kept}; the newest backup is "
        "{backup}."
    ).format(
        kept=kept[-1].name if kept else _("(no copy: the folder is read-only)"),
        backup=backup or _("(none)"),
    )


def session_notes(session: Session) -> list[str]:
    """What a person must know about the open workspace before anything else.

    The command line prints these on stderr, the window shows them in a banner above the cases.
    """
    journal = [_journal_text(session)] if session.journal_damaged else []
    return journal + _environment_notes(session)


def _environment_notes(session: Session) -> list[str]:
    if session.read_only:
        notes = [
            _(
                "Note: the workspace folder is read-only, so it was opened for reading only. "
                "Nothing can be changed, and this access cannot be recorded in the audit log."
            )
        ]
        if session.journal_not_applied:
            notes.append(
                _(
                    "The newest changes are in the journal file workspace.db-wal, which cannot "
                    "be applied while the folder is read-only: they are not shown. Make the "
                    "folder writable and open the workspace again to see them."
                )
            )
        return notes
    problem = session.audit_problem
    if problem is None:
        return []
    if session.damaged:
        reason = problem.message() if isinstance(problem, Free2LinkError) else str(problem)
        return [reason]
    return [
        _(
            "Note: the disk is full or not responding. Everything saved is intact and can be "
            "read, but nothing can be saved until there is room, and this access is not "
            "recorded in the audit log yet."
        )
    ]


def recovery_sheet_text(workspace: Path, recovery_key: str) -> str:
    return "\n".join(
        [
            _("Free2Link Desktop — recovery sheet"),
            _("Workspace: {path}").format(path=workspace),
            _("Made on: {date}").format(date=datetime.now().strftime("%Y-%m-%d")),
            "",
            _("Recovery key:"),
            recovery_key,
            "",
            _("With this key an administrator can set a new password for any user."),
            _("Keep this sheet locked away, apart from the laptop."),
            _("If every password and this key are lost, the data cannot be recovered."),
            "",
        ]
    )


def write_recovery_sheet(
    session: Session, recovery_key: str, out: Path, *, overwrite: bool = False
) -> Path:
    """The recovery sheet as PDF (when `out` ends in .pdf) or plain text, through the output door.

    Never inside the workspace folder: a sheet kept beside the data it unlocks protects nothing,
    and a sheet written over keys.json would lock everyone out.
    """
    out = outputs.check(session, out, overwrite=overwrite)
    if out.suffix.lower() == ".pdf":
        from free2link_desktop.i18n import current_language
        from free2link_desktop.reports.recovery import recovery_sheet_pdf

        data = recovery_sheet_pdf(
            workspace_path=str(session.workspace.path),
            recovery_key=recovery_key,
            created=datetime.now(),
            language=current_language(),
            workspace_id=session.workspace.vault.workspace_id,
        )
    else:
        data = recovery_sheet_text(session.workspace.path, recovery_key).encode("utf-8")
    out = outputs.write(session, out, data, overwrite=overwrite)
    session.record("export.recovery_sheet", "workspace", "")
    return out


@dataclass
class SalvageReport:
    """Where the readable rows went, and what could not be read (rowid ranges per table)."""

    out: Path
    tables: list[TableResult]
    problems: list[str]

    @property
    def complete(self) -> bool:
        return not any(t.gaps for t in self.tables) and not self.problems

    def lines(self) -> list[str]:
        out = [_("What could be read was copied into {path}.").format(path=self.out)]
        for table in self.tables:
            if table.copied or table.gaps:
                out.append(
                    _("{table}: {count} rows copied").format(table=table.name, count=table.copied)
                )
            for after, before in table.gaps:
                out.append("  " + _gap_text(table.name, after, before))
        if not any(t.name == "users" and t.copied for t in self.tables):
            out.append(_("No user account could be read: nobody will be able to open the copy."))
        out.extend(self.problems)
        out.append(
            _(
                "The passwords and the recovery key are the same as before. Open the copy with "
                "`free2link --workspace {path}` and check it with `free2link verify`."
            ).format(path=self.out)
        )
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "complete": self.complete,
            "tables": [
                {"name": t.name, "copied": t.copied, "unreadable_after_before": t.gaps}
                for t in self.tables
            ],
            "problems": self.problems,
        }


def _gap_text(table: str, after: int | None, before: int | None) -> str:
    if after is not None and after == before:
        return _("{table}: the rows of {key} could not be read").format(table=table, key=after)
    if after is None and before is None:
        return _("{table}: no row could be read").format(table=table)
    if after is None:
        return _("{table}: the rows before id {before} could not be read").format(
            table=table, before=before
        )
    if before is None:
        return _("{table}: the rows after id {after} could not be read").format(
            table=table, after=after
        )
    return _("{table}: the rows between id {after} and id {before} could not be read").format(
        table=table, after=after, before=before
    )


def salvage(session: Session, out: Path) -> SalvageReport:
    """Copy every row that can still be read into a new workspace at `out`, with the same keys.

    For a damaged database: what a page HMAC failure hides is lost, everything else is kept,
    and the report says which rows could not be read. The copy is a workspace of its own
    (same key, same keys.json: the same passwords and recovery key open it).
    """
    session.require(permissions.BACKUP_MANAGE)
    workspace = session.workspace
    out = Path(out).expanduser().absolute()
    if out.resolve().is_relative_to(workspace.path.resolve()):
        raise InputRefused(
            N_("{path} is inside the workspace folder; choose a folder outside it."), path=out
        )
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputRefused(N_("{path} already exists and is not an empty folder."), path=out)
    tables, problems = salvage_rows.salvage_into(
        session.db,
        session.key,
        workspace.layout.keys,
        out,
        user=session.user.name,
        workspace_id=workspace.vault.workspace_id,
    )
    session.record("workspace.salvage", "workspace", workspace.vault.workspace_id)
    return SalvageReport(out, tables, problems)
