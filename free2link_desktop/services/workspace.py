"""Creating, opening and unlocking a workspace folder (restoring one: services/restore.py).

A Workspace is the folder, held by this process (the instance lock) but still locked; unlocking
with a user's password (or resetting one with the recovery key) yields a Session.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from datetime import datetime
from pathlib import Path

from free2link_desktop.core.cases import Role, User
from free2link_desktop.core.errors import AuthenticationFailed, WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.services import trust
from free2link_desktop.services.session import Session
from free2link_desktop.services.users import check_password, check_user_name
from free2link_desktop.storage import backup as backup_files
from free2link_desktop.storage import migrations
from free2link_desktop.storage.database import (
    KEY_BYTES,
    Database,
    DatabaseDamaged,
    WorkspaceReadOnly,
)
from free2link_desktop.storage.layout import FailedUnlocks, WorkspaceLayout
from free2link_desktop.storage.lockfile import InstanceLock
from free2link_desktop.storage.repositories.settings import SettingsRepository
from free2link_desktop.storage.repositories.users import UserRepository
from free2link_desktop.storage.signing import Signer, new_seed
from free2link_desktop.storage.vault import (
    RECOVERY_ENTRY,
    KdfParams,
    KeyVault,
    Unwrapped,
    new_recovery_key,
    normalise_recovery_key,
    user_entry,
)

__all__ = [
    "KdfParams",
    "Workspace",
    "create_workspace",
    "default_workspace_path",
    "open_workspace",
    "workspace_exists",
]


def default_workspace_path() -> Path:
    """FREE2LINK_WORKSPACE, else the user's own data folder: ~/.local/share/Free2Link on Linux,
    ~/Library/Application Support/Free2Link on macOS, %LOCALAPPDATA%\\Free2Link\\Free2Link on
    Windows (platformdirs repeats the name as the "author" folder; kept, so that existing
    workspaces stay where they are). Never the roaming profile: a domain with roaming profiles
    would copy the workspace to its server at every log-off."""
    env = os.environ.get("FREE2LINK_WORKSPACE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("Free2Link", roaming=False))


def workspace_exists(path: Path) -> bool:
    return WorkspaceLayout(Path(path)).exists()


def folder_writable(layout: WorkspaceLayout) -> bool:
    """Whether files can be made in the folder and the database file written.

    Tried, not guessed from permission bits: ACLs, Windows' controlled folder access, a
    write-protected stick or a read-only mount all show only when something is written. A full
    disk still lets an empty file be made, so it does not count as read-only.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=".free2link-probe-", dir=layout.root)
    except OSError:
        return False
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return os.access(layout.db, os.W_OK)


class Workspace:
    def __init__(self, path: Path, kdf_params: KdfParams | None = None) -> None:
        self.path = Path(path)
        self.layout = WorkspaceLayout(self.path)
        self.kdf_params = kdf_params or KdfParams()
        self._lock = InstanceLock(self.path)
        self.vault = KeyVault.load(self.layout.keys)
        self.failures = FailedUnlocks(self.layout.failures)
        #: The folder cannot be written: opened for reading only, without the instance lock
        #: (which is a file in the folder; nobody can change a read-only folder meanwhile).
        self.read_only = not folder_writable(self.layout)

    def user_names(self) -> list[str]:
        return self.vault.user_names()

    def seconds_until_next_attempt(self) -> float:
        return self.failures.seconds_to_wait()

    def newest_backup(self) -> Path | None:
        found = backup_files.list_backups(self.layout.backups)
        return found[0] if found else None

    def damaged_error(self, readable: bool = False) -> DatabaseDamaged:
        """The message for a damaged database, naming the newest backup. `readable`: the file
        opens and other pages can still be read, so `salvage` can copy them out first."""
        newest = self.newest_backup()
        if newest is None:
            if readable:
                return DatabaseDamaged(
                    N_(
                        "The workspace database is damaged and there is no backup in {folder}. "
                        "Copy out what can still be read with `free2link salvage --out FOLDER`."
                    ),
                    folder=self.layout.backups,
                )
            return DatabaseDamaged(
                N_("The workspace database is damaged and there is no backup in {folder}."),
                folder=self.layout.backups,
            )
        if readable:
            return DatabaseDamaged(
                N_(
                    "The workspace database is damaged. The newest backup is {backup}; restore "
                    "it with `free2link backup restore {backup}`. To copy out first what can "
                    "still be read, use `free2link salvage --out FOLDER`."
                ),
                backup=newest,
            )
        return DatabaseDamaged(
            N_(
                "The workspace database is damaged. The newest backup is {backup}; restore it "
                "with `free2link backup restore {backup}`."
            ),
            backup=newest,
        )

    # -- unlocking -----------------------------------------------------------------------------
    def _refuse_while_throttled(self) -> None:
        self.failures.check_kind()
        wait = self.seconds_until_next_attempt()
        if wait > 0:
            raise AuthenticationFailed(
                N_("Too many failed attempts. Try again in {seconds} seconds."),
                seconds=int(wait + 0.999),
            )

    def unlock(self, user: str, password: str) -> Session:
        """Check the password, open the database, bring the schema up to date."""
        self._refuse_while_throttled()
        try:
            unwrapped = self.vault.unwrap(user_entry(user), password)
        except AuthenticationFailed:
            # Not written on a full disk or in a read-only folder: the delay cannot grow there,
            # but the wrong password must still be reported as one, not as a disk error.
            with contextlib.suppress(OSError):
                self.failures.record(user)
            raise
        return self._open_session(unwrapped, user, password)

    def _open_database(self, key: bytes) -> Database:
        db = Database(self.layout.db, key, read_only=self.read_only, damaged=self.damaged_error)
        if self.read_only and db.user_version < migrations.LATEST_VERSION:
            db.close()
            raise WorkspaceReadOnly(
                N_(
                    "This workspace must be updated to this version of Free2Link before it "
                    "can be opened, and its folder {path} is read-only. Make the folder "
                    "writable and open it again."
                ),
                path=self.path,
            )
        return db

    def _open_db(self, key: bytes) -> Database:
        db = self._open_database(key)
        try:
            migrations.migrate(
                db, before_migrating=lambda v: self._pre_migration_backup(db, key, v)
            )
        except Exception as error:
            db.close()
            if isinstance(error, (DatabaseDamaged, WorkspaceUnavailable)):
                raise
            from free2link_desktop.storage.database import DatabaseError

            if isinstance(error, DatabaseError):
                raise self.damaged_error() from error
            raise
        return db

    def _open_session(self, unwrapped: Unwrapped, user_name: str, password: str) -> Session:
        key = unwrapped.db_key
        db = self._open_db(key)
        try:
            user = UserRepository(db).get(user_name)
        except Exception as error:
            db.close()
            from free2link_desktop.storage.database import DatabaseError

            if isinstance(error, DatabaseError):
                raise self.damaged_error() from error
            raise
        if user is None:
            db.close()
            raise AuthenticationFailed(
                N_(
                    "The account {name} was never completed (the program stopped while it was "
                    "being added). An administrator can add it again."
                ),
                name=user_name,
            )
        session = Session(self, db, key, user)
        try:
            trust.on_unlock(session, unwrapped, user_name, password)
        except BaseException as error:
            session.lock()
            from free2link_desktop.storage.database import DatabaseError

            if isinstance(error, DatabaseError):
                raise self.damaged_error() from error
            raise
        self._audit_failures(session)
        session.record("unlock", "user", user_name)
        return session

    def _pre_migration_backup(self, db: Database, key: bytes, version: int) -> None:
        name = f"pre-migration-v{version}-{datetime.now().strftime('%Y-%m-%dT%H%M%S')}"
        backup_files.write_backup(
            db, key, self.vault, self.layout.backups / f"{name}{backup_files.BACKUP_SUFFIX}"
        )

    def _audit_failures(self, session: Session) -> None:
        events = self.failures.events()
        recorded = []
        for event in events:
            details = {"at": event.get("at")}
            if event.get("kind") not in (None, "password"):
                details["kind"] = event.get("kind")
            recorded.append(
                session.record("unlock.failed", "user", str(event.get("user", "")), details)
            )
        if events and all(recorded):  # kept on disk until the log really holds them
            with contextlib.suppress(OSError):
                self.failures.clear()

    def reset_password_with_recovery_key(
        self, recovery_key: str, user: str, new_password: str
    ) -> None:
        """Set a new password with the recovery key: throttled and audited like an unlock."""
        check_password(new_password)
        secret = normalise_recovery_key(recovery_key)
        self._refuse_while_throttled()
        try:
            unwrapped = self.vault.unwrap(RECOVERY_ENTRY, secret)
        except AuthenticationFailed:
            self.failures.record(trust.RECOVERY_ACTOR, "recovery key")
            raise
        session = self._open_session_as_recovery(unwrapped, user, secret)
        try:
            seed, public_key, exchange = trust.new_signing()
            role_seed = session.role_signer.seed if session.role_signer else None
            self.vault.wrap(
                user_entry(user),
                new_password,
                unwrapped.db_key,
                self.kdf_params,
                signing=(seed, public_key, exchange),
                role_seed=role_seed if trust.is_signed_admin(session, user) else None,
                role_public_key=session.anchor,
            )
            self.vault.save(unwrapped.db_key)
            with session.db.transaction():
                UserRepository(session.db).add_key(
                    user, public_key, trust.certify(session, user, public_key)
                )
                session.record("user.reset", "user", user, {"with": "recovery key"})
        finally:
            session.lock()

    def _open_session_as_recovery(self, unwrapped: Unwrapped, user: str, secret: str) -> Session:
        db = self._open_db(unwrapped.db_key)
        session = Session(self, db, unwrapped.db_key, User(trust.RECOVERY_ACTOR, Role.ADMIN))
        try:
            if UserRepository(db).get(user) is None:
                from free2link_desktop.core.errors import NotFound

                raise NotFound(N_("There is no user {name}."), name=user)
            trust.on_unlock(session, unwrapped, trust.RECOVERY_ACTOR, secret)
            self._audit_failures(session)
        except BaseException:
            session.lock()
            raise
        return session

    # -- lifetime ------------------------------------------------------------------------------
    def acquire(self) -> Workspace:
        if not self.read_only:
            self._lock.acquire()
        return self

    def close(self) -> None:
        self._lock.release()


def open_workspace(path: Path, kdf_params: KdfParams | None = None) -> Workspace:
    path = Path(path)
    layout = WorkspaceLayout(path)
    if not layout.exists():
        raise WorkspaceUnavailable(
            N_("There is no workspace in {path}. Create one with `free2link init`."), path=path
        )
    return Workspace(path, kdf_params).acquire()


def create_workspace(
    path: Path, admin_name: str, password: str, *, kdf: KdfParams | None = None
) -> tuple[Session, str]:
    """A new workspace and its first admin; returns their session and the recovery key."""
    path = Path(path)
    check_user_name(admin_name)
    check_password(password)
    layout = WorkspaceLayout(path)
    if layout.db.exists() or layout.keys.exists():
        raise WorkspaceUnavailable(N_("There is already a workspace in {path}."), path=path)
    make_workspace_folder(path)
    params = kdf or KdfParams()
    key = secrets.token_bytes(KEY_BYTES)
    recovery_key = new_recovery_key()
    role_seed = new_seed()
    role = Signer(role_seed)
    admin_signing, recovery_signing = trust.new_signing(), trust.new_signing()
    vault = KeyVault.new(layout.keys)
    vault.role_public_key = role.public_key
    for entry, secret, signing in (
        (user_entry(admin_name), password, admin_signing),
        (RECOVERY_ENTRY, recovery_key, recovery_signing),
    ):
        vault.wrap(
            entry,
            secret,
            key,
            params,
            signing=signing,
            role_seed=role_seed,
            role_public_key=role.public_key,
        )
    lock = InstanceLock(path)
    lock.acquire()
    try:
        db = Database(layout.db, key)
        os.chmod(layout.db, 0o600)
        migrations.migrate(db)
        workspace_id = vault.workspace_id
        with db.transaction():
            users = UserRepository(db)
            users.add(
                User(admin_name, Role.ADMIN),
                role.sign(trust.role_message(workspace_id, admin_name, Role.ADMIN)),
            )
            for owner, signing in (
                (admin_name, admin_signing),
                (trust.RECOVERY_ACTOR, recovery_signing),
            ):
                users.add_key(
                    owner, signing[1], role.sign(trust.key_message(workspace_id, owner, signing[1]))
                )
            SettingsRepository(db).set(
                trust.UNSIGNED_UNTIL_SIGNATURE,
                role.sign(trust.unsigned_until_message(workspace_id, 0)),
            )
        db.close()
        vault.save(key)
    finally:
        lock.release()
    workspace = open_workspace(path, params)
    session = workspace.unlock(admin_name, password)
    session.record("workspace.create", "workspace", vault.workspace_id)
    return session, recovery_key


def refuse_non_folder(path: Path) -> None:
    """A workspace is a folder: a file (or anything else) at `path` is refused and left alone."""
    if os.path.lexists(path) and not path.is_dir():
        raise WorkspaceUnavailable(
            N_("{path} is a file, not a folder; it was left as it is. Choose a folder."),
            path=path,
        )


def make_workspace_folder(path: Path) -> None:
    """Create the workspace folder (private to this user), or say plainly why not."""
    refuse_non_folder(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        # Owner only on Linux and macOS. On Windows chmod only clears the read-only flag: there
        # the profile folder's access list keeps other accounts out (docs/install.md).
        os.chmod(path, 0o700)
    except OSError as error:
        raise WorkspaceUnavailable(
            N_("Could not create the workspace folder {path}: {reason}"),
            path=path,
            reason=error.strerror or str(error),
        ) from None
