"""Checks of a whole workspace (`verify`) and the recovery sheet."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from free2link_desktop.core.errors import Free2LinkError
from free2link_desktop.i18n import N_, _
from free2link_desktop.services import outputs
from free2link_desktop.storage.database import DatabaseError

if TYPE_CHECKING:
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
        if not self.ok:
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
        }


def verify(session: Session) -> VerifyReport:
    """SQLCipher page HMACs, SQLite integrity, the audit chain; names the backup to restore."""
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
    except (DatabaseError, Free2LinkError) as error:
        report.checks.append(Check(N_("database readable"), False, str(error)))
    with contextlib.suppress(DatabaseError, Free2LinkError):
        session.record("verify", "workspace", "", {"ok": report.ok})
    return report


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
