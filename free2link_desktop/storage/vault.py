"""keys.json: the database key wrapped once per user and once for the recovery key.

Each entry derives a key-encryption key from a secret with Argon2id (its own random salt and
parameters stored beside it, so they can be raised later) and wraps the database key with
AES-256-GCM. The associated data binds the workspace id and the entry's name, so an entry copied
to another name or another workspace does not decrypt. Changing a password rewraps the key; the
database itself is never re-encrypted.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from free2link_desktop.core.errors import AuthenticationFailed, WorkspaceUnavailable
from free2link_desktop.i18n import N_
from free2link_desktop.storage.atomic import write_atomically

VAULT_FORMAT = "free2link-keys/1"
RECOVERY_ENTRY = "recovery"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The shipped defaults (64 MiB, 3 passes, 4 lanes) never change silently."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4


def user_entry(name: str) -> str:
    return f"user:{name}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


def new_recovery_key() -> str:
    """160 random bits as 32 unambiguous characters in groups of four."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i : i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key typed with spaces, lower case or without dashes."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


class KeyVault:
    """The parsed keys.json of one workspace."""

    def __init__(self, path: Path, workspace_id: str, entries: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self.workspace_id = workspace_id
        self.entries = entries

    # -- files ---------------------------------------------------------------------------------
    @classmethod
    def new(cls, path: Path) -> KeyVault:
        return cls(path, secrets.token_hex(16), {})

    @classmethod
    def load(cls, path: Path) -> KeyVault:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != VAULT_FORMAT:
                raise ValueError(data.get("format"))
            return cls(path, str(data["workspace_id"]), dict(data["entries"]))
        except FileNotFoundError as error:
            raise WorkspaceUnavailable(
                N_("No key file was found at {path}: this folder is not a workspace."), path=path
            ) from error
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as error:
            raise WorkspaceUnavailable(
                N_("The key file {path} is damaged; restore it from a backup."), path=path
            ) from error

    def save(self) -> None:
        data = {"format": VAULT_FORMAT, "workspace_id": self.workspace_id, "entries": self.entries}
        write_atomically(self.path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))

    # -- entries -------------------------------------------------------------------------------
    def user_names(self) -> list[str]:
        return sorted(name.split(":", 1)[1] for name in self.entries if name.startswith("user:"))

    def has(self, entry: str) -> bool:
        return entry in self.entries

    def _aad(self, entry: str) -> bytes:
        return f"{VAULT_FORMAT}|{self.workspace_id}|{entry}".encode()

    def wrap(self, entry: str, secret: str, db_key: bytes, params: KdfParams) -> None:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = _derive(secret, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, self._aad(entry))
        self.entries[entry] = {
            "kdf": "argon2id",
            "kdf_params": asdict(params),
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped_key": _b64(wrapped),
        }

    def unwrap(self, entry: str, secret: str) -> bytes:
        record = self.entries.get(entry)
        if record is None:
            raise AuthenticationFailed()
        try:
            params = KdfParams(**record["kdf_params"])
            kek = _derive(secret, _unb64(record["salt"]), params)
            return AESGCM(kek).decrypt(
                _unb64(record["nonce"]), _unb64(record["wrapped_key"]), self._aad(entry)
            )
        except InvalidTag as error:
            raise AuthenticationFailed() from error
        except (KeyError, TypeError, ValueError) as error:
            raise WorkspaceUnavailable(
                N_("The key file entry for {entry} is damaged."), entry=entry
            ) from error

    def remove(self, entry: str) -> None:
        self.entries.pop(entry, None)
