"""Users and their roles (the passwords live in the key vault, not here)."""

from __future__ import annotations

from free2link_desktop.core.cases import Role, User
from free2link_desktop.storage.database import Database
from free2link_desktop.storage.repositories._time import now_text


class UserRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, user: User) -> None:
        self.db.execute(
            "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)",
            (user.name, user.role.value, now_text()),
        )

    def get(self, name: str) -> User | None:
        row = self.db.one("SELECT name, role FROM users WHERE name = ?", (name,))
        return User(row[0], Role(row[1])) if row else None

    def list(self) -> list[User]:
        return [
            User(n, Role(r)) for n, r in self.db.all("SELECT name, role FROM users ORDER BY name")
        ]

    def set_role(self, name: str, role: Role) -> None:
        self.db.execute("UPDATE users SET role = ? WHERE name = ?", (role.value, name))

    def count_admins(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM users WHERE role = 'admin'"))
