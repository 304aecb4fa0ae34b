"""User accounts: a role inside the database, a password that wraps the key in keys.json."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from free2link_desktop.core.cases import Role, User
from free2link_desktop.core.errors import InputRefused, NotFound
from free2link_desktop.core.text import shown
from free2link_desktop.i18n import N_
from free2link_desktop.services import permissions, trust
from free2link_desktop.storage.repositories.users import UserRepository
from free2link_desktop.storage.vault import Unwrapped, secret_bytes, user_entry

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
    secret_bytes(password)
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
        """A new account: its key entry is saved first, then the user is committed.

        A crash between the two leaves a key entry without an account: it cannot unlock
        (the account is missing), `verify` lists it, and adding the user again replaces it.
        """
        self.session.require(permissions.USER_MANAGE)
        check_user_name(name)
        check_password(password)
        role = parse_role(str(role))
        vault = self.session.workspace.vault
        if self._repo.get(name) is not None:
            if not vault.has(user_entry(name)):
                raise InputRefused(
                    N_(
                        "There is already a user called {name}, without a password: set a "
                        "new one with `free2link user passwd {name}`."
                    ),
                    name=name,
                )
            raise InputRefused(N_("There is already a user called {name}."), name=name)
        role_signature = trust.sign_role(self.session, name, role)
        seed, public_key, exchange = trust.new_signing()
        user = User(name, role)
        self._wrap(
            name, password, (seed, public_key, exchange), self._admin_seed(role is Role.ADMIN)
        )
        with self.session.db.transaction():
            self._repo.add(user, role_signature)
            self._repo.add_key(name, public_key, trust.certify(self.session, name, public_key))
            self.session.record("user.add", "user", name, {"role": role.value})
        return user

    def set_role(self, name: str, role: Role | str) -> None:
        self.session.require(permissions.USER_MANAGE)
        role = parse_role(str(role))
        current = self._repo.get(name)
        if current is None:
            raise NotFound(N_("There is no user {name}."), name=name)
        if current.role is Role.ADMIN and role is not Role.ADMIN and self._repo.count_admins() < 2:
            raise InputRefused(N_("The last administrator cannot lose that role."))
        signature = trust.sign_role(self.session, name, role)
        with self.session.db.transaction():
            self._repo.set_role(name, role, signature)
            self.session.record("user.role", "user", name, {"role": role.value})
        if role is Role.ADMIN:
            trust.hand_over_role_key(self.session, name)

    def change_password(self, name: str, old_password: str, new_password: str) -> None:
        """A user changes their own password: the key is rewrapped, the data untouched."""
        if name != self.session.user.name:
            self.session.require(permissions.USER_MANAGE)
        check_password(new_password)
        vault = self.session.workspace.vault
        held = vault.unwrap(user_entry(name), old_password)
        self._rewrap(name, new_password, "user.passwd", held)

    def reset_password(self, name: str, new_password: str) -> None:
        """An admin sets a new password for someone who forgot theirs (or whose entry is gone).

        The person gets a new signing key, certified by the role key; the old one stays known
        so their earlier audit entries still verify.
        """
        self.session.require(permissions.USER_MANAGE)
        if self._repo.get(name) is None:
            raise NotFound(N_("There is no user {name}."), name=name)
        check_password(new_password)
        self._rewrap(name, new_password, "user.reset", None)

    def _wrap(
        self,
        name: str,
        password: str,
        signing: tuple[bytes, str, str],
        role_seed: bytes | None,
        anchor: str | None = None,
    ) -> None:
        session = self.session
        vault = session.workspace.vault
        vault.wrap(
            user_entry(name),
            password,
            session.key,
            session.workspace.kdf_params,
            signing=signing,
            role_seed=role_seed,
            role_public_key=anchor or session.anchor,
        )
        vault.grants.pop(user_entry(name), None)
        vault.save(session.key)

    def _admin_seed(self, admin: bool) -> bytes | None:
        role_signer = self.session.role_signer
        return role_signer.seed if admin and role_signer is not None else None

    def _rewrap(self, name: str, password: str, action: str, held: Unwrapped | None) -> None:
        if held is not None and held.signing_seed is not None:
            signing, fresh = trust.signing_of(held.signing_seed), False
        else:
            signing, fresh = trust.new_signing(), True
        role_seed = held.role_seed if held is not None else None
        if role_seed is None:
            role_seed = self._admin_seed(trust.is_signed_admin(self.session, name))
        self._wrap(name, password, signing, role_seed, held.role_public_key if held else None)
        with self.session.db.transaction():
            if fresh:
                self._repo.add_key(name, signing[1], trust.certify(self.session, name, signing[1]))
            self.session.record(action, "user", name)
