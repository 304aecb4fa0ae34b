"""Users, their signed roles and their certified signing keys (passwords live in keys.json)."""

from __future__ import annotations

import builtins

from free2link_desktop.core.cases import Role, User
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import now_text


class UserRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, user: User, role_signature: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO users (name, role, created_at, role_signature) VALUES (?, ?, ?, ?)",
            (user.name, user.role.value, now_text(), role_signature),
        )

    def get(self, name: str) -> User | None:
        row = self.db.one("SELECT name, role FROM users WHERE name = ?", (name,))
        return User(row[0], Role(row[1])) if row else None

    def list(self) -> list[User]:
        return [
            User(n, Role(r)) for n, r in self.db.all("SELECT name, role FROM users ORDER BY name")
        ]

    def set_role(self, name: str, role: Role, role_signature: str | None = None) -> None:
        self.db.execute(
            "UPDATE users SET role = ?, role_signature = ? WHERE name = ?",
            (role.value, role_signature, name),
        )

    def count_admins(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM users WHERE role = 'admin'"))

    # -- signatures ----------------------------------------------------------------------------
    def roles_with_signatures(self) -> builtins.list[tuple[str, str, str | None]]:
        """(name, role as stored, signature) of every user, the role unparsed: it may be forged."""
        return [
            (str(n), str(r), s)
            for n, r, s in self.db.all("SELECT name, role, role_signature FROM users ORDER BY name")
        ]

    def sign_role(self, name: str, role_signature: str) -> None:
        self.db.execute(
            "UPDATE users SET role_signature = ? WHERE name = ?", (role_signature, name)
        )

    def add_key(self, user: str, public_key: str, certificate: str | None) -> None:
        self.db.execute(
            "INSERT INTO user_keys (public_key, user, added_at, certificate) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (public_key) DO UPDATE SET certificate = "
            "coalesce(excluded.certificate, user_keys.certificate)",
            (public_key, user, now_text(), certificate),
        )

    def signing_keys(self) -> builtins.list[tuple[str, str, str | None]]:
        """(public key, user, certificate) of every signing key ever used in this workspace."""
        return [
            (str(k), str(u), c)
            for k, u, c in self.db.all(
                "SELECT public_key, user, certificate FROM user_keys ORDER BY added_at"
            )
        ]
