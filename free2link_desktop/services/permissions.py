"""What each role may do. Checked in the service layer, whatever the GUI shows or hides."""

from __future__ import annotations

from free2link_desktop.core.cases import Role
from free2link_desktop.core.errors import PermissionDenied
from free2link_desktop.i18n import N_

CASE_VIEW = "case.view"
CASE_EDIT = "case.edit"
CASE_ERASE = "case.erase"
NOTE_EDIT = "note.edit"
SCREENING_RUN = "screening.run"
SCREENING_REOPEN = "screening.reopen"
REPORT_EXPORT = "report.export"
STATS_EXPORT = "stats.export"
USER_MANAGE = "user.manage"
SETTINGS_MANAGE = "settings.manage"
BACKUP_MANAGE = "backup.manage"
#: Restoring replaces every case, user and password with the backup's: administrators only.
BACKUP_RESTORE = "backup.restore"
DIRECTORY_MANAGE = "directory.manage"
QUESTIONNAIRE_MANAGE = "questionnaire.manage"

_CASEWORK = {CASE_VIEW, CASE_EDIT, NOTE_EDIT}
_COORDINATION = _CASEWORK | {
    CASE_ERASE,
    SCREENING_RUN,
    SCREENING_REOPEN,
    REPORT_EXPORT,
    STATS_EXPORT,
    BACKUP_MANAGE,
    DIRECTORY_MANAGE,
    QUESTIONNAIRE_MANAGE,
}
ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CASEWORKER: frozenset(_CASEWORK),
    Role.INTERVIEWER: frozenset({CASE_VIEW, NOTE_EDIT, SCREENING_RUN}),
    Role.COORDINATOR: frozenset(_COORDINATION),
    Role.ADMIN: frozenset(_COORDINATION | {USER_MANAGE, SETTINGS_MANAGE, BACKUP_RESTORE}),
}

ROLE_NAMES = {
    Role.ADMIN: N_("administrator"),
    Role.COORDINATOR: N_("coordinator"),
    Role.INTERVIEWER: N_("interviewer"),
    Role.CASEWORKER: N_("caseworker"),
}

ACTION_NAMES = {
    CASE_VIEW: N_("view cases"),
    CASE_EDIT: N_("create or change cases"),
    CASE_ERASE: N_("erase cases"),
    NOTE_EDIT: N_("write notes"),
    SCREENING_RUN: N_("run screenings"),
    SCREENING_REOPEN: N_("reopen stopped screenings"),
    REPORT_EXPORT: N_("export referral reports"),
    STATS_EXPORT: N_("export statistics"),
    USER_MANAGE: N_("manage users"),
    SETTINGS_MANAGE: N_("change workspace settings"),
    BACKUP_MANAGE: N_("make backups"),
    BACKUP_RESTORE: N_("restore backups"),
    DIRECTORY_MANAGE: N_("edit the referral directory"),
    QUESTIONNAIRE_MANAGE: N_("install interview guides"),
}


def allowed(role: Role, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def require(role: Role, permission: str) -> None:
    if not allowed(role, permission):
        from free2link_desktop.i18n import _

        raise PermissionDenied(
            N_("Your role ({role}) does not allow you to {action}."),
            role=_(ROLE_NAMES[role]),
            action=_(ACTION_NAMES.get(permission, permission)),
        )
