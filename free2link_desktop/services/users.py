"""User accounts: a role inside the database, a password that wraps the key in keys.json."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from free2link_desktop.core.cases import Role, User
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.text import shown
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions
from free2link_desktop.storage.repositories.users import UserRepository
from free2link_desktop.storage.vault import user_entry

if TYPE_CHECKING:
    from free2link_desktop.services.session import Session

USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
MIN_PASSWORD = 10


def check_user_name(name: str) -> str:
    if not isinstance(name, str) or not USER_NAME.fullmatch(name):
        raise InputRefused(
            N_("A user name has 1 to 40 letters, digits, dots, dashes or underscores: {name}"),
            name=shown(name),
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputRefused(N_("A password needs at least {count} characters."), count=MIN_PASSWORD)
    return password


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InputRefused(
            N_("Unknown role {role}: use admin, coordinator, interviewer or caseworker."), role=text
        ) from None


class UserService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _repo(self) -> UserRepository:
        return UserRepository(self.session.db)

    def list(self) -> list[User]:
        self.session.require(permissions.USER_MANAGE)
        return self._repo.list()

    def add(self, name: str, role: Role | str, password: str) -> User:
        self.session.require(permissions.USER_MANAGE)
        check_user_name(name)
        check_password(password)
        role = parse_role(str(role))
        vault = self.session.workspace.vault
        if self._repo.get(name) is not None or vault.has(user_entry(name)):
            raise InputRefused(N_("There is already a user called {name}."), name=name)
        user = User(name, role)
        with self.session.db.transaction():
            self._repo.add(user)
            self.session.record("user.add", "user", name, {"role": role.value})
            vault.wrap(
                user_entry(name), password, self.session.key, self.session.workspace.kdf_params
            )
            vault.save()
        return user

    def set_role(self, name: str, role: Role | str) -> None:
        self.session.require(permissions.USER_MANAGE)
        role = parse_role(str(role))
        current = self._repo.get(name)
        if current is None:
            raise NotFound(N_("There is no user {name}."), name=name)
        if current.role is Role.ADMIN and role is not Role.ADMIN and self._repo.count_admins() < 2:
            raise InputRefused(N_("The last administrator cannot lose that role."))
        with self.session.db.transaction():
            self._repo.set_role(name, role)
            self.session.record("user.role", "user", name, {"role": role.value})

    def change_password(self, name: str, old_password: str, new_password: str) -> None:
        """A user changes their own password: the key is rewrapped, the data untouched."""
        if name != self.session.user.name:
            self.session.require(permissions.USER_MANAGE)
        check_password(new_password)
        vault = self.session.workspace.vault
        vault.unwrap(user_entry(name), old_password)
        self._rewrap(name, new_password, "user.passwd")

    def reset_password(self, name: str, new_password: str) -> None:
        """An admin sets a new password for someone who forgot theirs."""
        self.session.require(permissions.USER_MANAGE)
        if self._repo.get(name) is None:
            raise NotFound(N_("There is no user {name}."), name=name)
        check_password(new_password)
        self._rewrap(name, new_password, "user.reset")

    def _rewrap(self, name: str, password: str, action: str) -> None:
        vault = self.session.workspace.vault
        with self.session.db.transaction():
            self.session.record(action, "user", name)
            vault.wrap(
                user_entry(name), password, self.session.key, self.session.workspace.kdf_params
            )
            vault.save()
