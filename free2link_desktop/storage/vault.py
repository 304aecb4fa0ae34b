"""keys.json: the database key wrapped once per user and once for the recovery key.

Each entry derives a key-encryption key from a secret with Argon2id (its own random salt and
parameters stored beside it, so they can be raised later) and wraps the database key with
AES-256-GCM. Changing a password rewraps the key; the database itself is never re-encrypted.

Everything in the file is authenticated, so a flipped byte never goes unnoticed:

- each entry's associated data holds the workspace id, the entry's name and every field of the
  entry (Argon2id parameters, salt, public keys), so a changed parameter fails to decrypt;
- each entry carries a plain SHA-256 `check` of its fields, so accidental damage reads as
  "damaged" instead of "wrong password", and the recovery entry can be checked without the key;
- the whole file carries an HMAC keyed from the database key (`mac`), which `verify` checks
  without any password or the recovery key;
- the Argon2id parameters are bounded before use, so a hostile file cannot ask for 100 GiB.

Besides the database key, a user's entry wraps their own Ed25519 signing seed (audit entries)
and, for administrators and the recovery key, the workspace's role-signing seed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from free2link_desktop.core.errors import AuthenticationFailed, InputRefused, WorkspaceUnavailable
from free2link_desktop.i18n import N_, _
from free2link_desktop.storage.atomic import write_atomically
from free2link_desktop.storage.signing import b64, canonical, hkdf, unb64

VAULT_FORMAT_V1 = "free2link-keys/1"
VAULT_FORMAT = "free2link-keys/2"
RECOVERY_ENTRY = "recovery"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud
KEY_BYTES = 32
#: Fields of an entry that its AES-GCM associated data and its check do not cover themselves.
_SEALED_FIELDS = ("nonce", "wrapped_key", "check")
#: Bounds on the stored Argon2id cost: generous (16x the defaults) but never a hostile 100 GiB.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 64


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The shipped defaults (64 MiB, 3 passes, 4 lanes) never change silently."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    @classmethod
    def from_record(cls, value: object) -> KdfParams:
        """Parameters read from keys.json, refused (ValueError) unless within sane bounds."""
        if not isinstance(value, dict) or set(value) != {"memory_kib", "iterations", "lanes"}:
            raise ValueError("kdf_params")
        numbers = [value["memory_kib"], value["iterations"], value["lanes"]]
        if not all(type(n) is int for n in numbers):
            raise ValueError("kdf_params")
        params = cls(**value)
        if not (
            1 <= params.lanes <= MAX_LANES
            and 1 <= params.iterations <= MAX_ITERATIONS
            and 8 * params.lanes <= params.memory_kib <= MAX_MEMORY_KIB
        ):
            raise ValueError("kdf_params out of bounds")
        return params


@dataclass(frozen=True)
class Unwrapped:
    """What one entry gives its holder."""

    db_key: bytes
    signing_seed: bytes | None = None  # the holder's own Ed25519 key (None: an old entry)
    role_seed: bytes | None = None  # the workspace's role-signing key (administrators)
    role_public_key: str | None = None  # the role key this entry vouches for (its anchor)


def user_entry(name: str) -> str:
    return f"user:{name}"


def secret_bytes(secret: str) -> bytes:
    """A password or recovery key as UTF-8; text that cannot be encoded is refused clearly."""
    try:
        return secret.encode("utf-8")
    except UnicodeEncodeError:
        raise InputRefused(
            N_(
                "The password is not valid text (it contains bytes that are not UTF-8). "
                "Check the keyboard layout or the encoding of what was typed or piped in."
            )
        ) from None


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret_bytes(secret))


def new_recovery_key() -> str:
    """160 random bits as 32 unambiguous characters in groups of four."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i : i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key typed with spaces, lower case or without dashes."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def _render(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")


class KeyVault:
    """The parsed keys.json of one workspace."""

    def __init__(
        self,
        path: Path,
        workspace_id: str,
        entries: dict[str, dict[str, Any]],
        extra: dict[str, Any] | None = None,
        raw: bytes | None = None,
    ) -> None:
        self.path = path
        self.workspace_id = workspace_id
        self.entries = entries
        extra = extra or {}
        self.role_public_key: str | None = extra.get("role_public_key")
        self.grants: dict[str, dict[str, str]] = dict(extra.get("grants") or {})
        self.mac: str | None = extra.get("mac")
        self.format = str(extra.get("format", VAULT_FORMAT))
        self._raw = raw

    # -- files ---------------------------------------------------------------------------------
    @classmethod
    def new(cls, path: Path) -> KeyVault:
        return cls(path, secrets.token_hex(16), {})

    @classmethod
    def load(cls, path: Path) -> KeyVault:
        try:
            raw = path.read_bytes()
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") not in (
                VAULT_FORMAT,
                VAULT_FORMAT_V1,
            ):
                raise ValueError("format")
            entries = data["entries"]
            if not isinstance(entries, dict) or not all(
                isinstance(k, str) and isinstance(v, dict) for k, v in entries.items()
            ):
                raise ValueError("entries")
            for name in ("role_public_key", "mac"):
                if data.get(name) is not None and not isinstance(data[name], str):
                    raise ValueError(name)
            grants = data.get("grants", {})
            if not isinstance(grants, dict) or not all(
                isinstance(g, dict) for g in grants.values()
            ):
                raise ValueError("grants")
            workspace_id = data["workspace_id"]
            if not isinstance(workspace_id, str):
                raise ValueError("workspace_id")
            return cls(path, workspace_id, dict(entries), data, raw)
        except FileNotFoundError as error:
            raise WorkspaceUnavailable(
                N_("No key file was found at {path}: this folder is not a workspace."), path=path
            ) from error
        except IsADirectoryError as error:
            raise WorkspaceUnavailable(
                N_("The key file {path} is a folder, not a file."), path=path
            ) from error
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            UnicodeDecodeError,
        ) as error:
            raise WorkspaceUnavailable(
                N_("The key file {path} is damaged; restore it from a backup."), path=path
            ) from error

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": VAULT_FORMAT,
            "workspace_id": self.workspace_id,
            "entries": self.entries,
        }
        if self.role_public_key:
            data["role_public_key"] = self.role_public_key
        if self.grants:
            data["grants"] = self.grants
        return data

    def _mac_for(self, db_key: bytes) -> str:
        key = hkdf(db_key, f"free2link keys.json mac|{self.workspace_id}")
        return hmac.new(key, canonical(self._data()), hashlib.sha256).hexdigest()

    def save(self, db_key: bytes) -> None:
        """Write the file atomically with a fresh MAC (keyed from the database key)."""
        self.format = VAULT_FORMAT
        self.mac = self._mac_for(db_key)
        raw = _render({**self._data(), "mac": self.mac})
        write_atomically(self.path, raw)
        self._raw = raw

    def problems(self, db_key: bytes) -> list[str]:
        """What is wrong with the file as read, in words; empty when every byte is accounted for.

        Needs only the database key (the session's), not the recovery key or any password.
        """
        found: list[str] = []
        if self.format != VAULT_FORMAT or self.mac is None:
            found.append(_("the key file has no MAC yet (an older format)"))
        elif not hmac.compare_digest(self.mac, self._mac_for(db_key)):
            found.append(_("the key file's MAC does not match: it was changed or damaged"))
        rendered = _render({**self._data(), "mac": self.mac})
        if self._raw is not None and self.mac is not None and self._raw != rendered:
            found.append(_("the key file is not byte for byte as it was written"))
        for name in sorted(self.entries):
            try:
                self._checked(name)
            except WorkspaceUnavailable as error:
                found.append(error.message())
        return found

    # -- entries -------------------------------------------------------------------------------
    def user_names(self) -> list[str]:
        return sorted(name.split(":", 1)[1] for name in self.entries if name.startswith("user:"))

    def has(self, entry: str) -> bool:
        return entry in self.entries

    def _aad_v1(self, entry: str) -> bytes:
        return f"{VAULT_FORMAT_V1}|{self.workspace_id}|{entry}".encode()

    def _aad(self, entry: str, record: dict[str, Any]) -> bytes:
        covered = {k: v for k, v in record.items() if k not in _SEALED_FIELDS}
        return canonical(
            {"format": VAULT_FORMAT, "workspace_id": self.workspace_id, "entry": entry, **covered}
        )

    def _check_of(self, record: dict[str, Any]) -> str:
        covered = {k: v for k, v in record.items() if k != "check"}
        return hashlib.sha256(canonical([self.workspace_id, covered])).hexdigest()

    def wrap(
        self,
        entry: str,
        secret: str,
        db_key: bytes,
        params: KdfParams,
        *,
        signing: tuple[bytes, str, str] | None = None,
        role_seed: bytes | None = None,
        role_public_key: str | None = None,
    ) -> None:
        """Wrap the database key (and the signing seeds) for `entry` under `secret`.

        `signing` is (seed, Ed25519 public key, X25519 public key) of the holder.
        """
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        record: dict[str, Any] = {
            "v": 2,
            "kdf": "argon2id",
            "kdf_params": asdict(params),
            "salt": b64(salt),
            "holds_role_key": role_seed is not None,
        }
        plaintext = db_key
        if signing is not None:
            plaintext += signing[0]
            record["signing_public_key"] = signing[1]
            record["exchange_public_key"] = signing[2]
        if role_seed is not None:
            plaintext += role_seed
        if role_public_key:
            record["role_public_key"] = role_public_key
        kek = _derive(secret, salt, params)
        record["nonce"] = b64(nonce)
        record["wrapped_key"] = b64(AESGCM(kek).encrypt(nonce, plaintext, self._aad(entry, record)))
        record["check"] = self._check_of(record)
        self.entries[entry] = record

    def _checked(self, entry: str) -> dict[str, Any]:
        """The entry after its plain check and bounds; WorkspaceUnavailable when damaged."""
        record = self.entries[entry]
        try:
            if "v" in record:
                if record.get("v") != 2 or record.get("check") != self._check_of(record):
                    raise ValueError("check")
                if record.get("kdf") != "argon2id":
                    raise ValueError("kdf")
            KdfParams.from_record(record.get("kdf_params"))
            if not 16 <= len(unb64(record.get("salt"))) <= 64:
                raise ValueError("salt")
            if len(unb64(record.get("nonce"))) != 12:
                raise ValueError("nonce")
            if not 32 <= len(unb64(record.get("wrapped_key"))) <= 3 * KEY_BYTES + 16:
                raise ValueError("wrapped_key")
        except (ValueError, TypeError) as error:
            raise WorkspaceUnavailable(
                N_(
                    "The key file entry for {entry} is damaged or has parameters out of "
                    "bounds; restore keys.json from a backup."
                ),
                entry=entry,
            ) from error
        return record

    def unwrap(self, entry: str, secret: str) -> Unwrapped:
        if entry not in self.entries:
            raise AuthenticationFailed()
        record = self._checked(entry)
        params = KdfParams.from_record(record["kdf_params"])
        legacy = "v" not in record
        try:
            kek = _derive(secret, unb64(record["salt"]), params)
            plaintext = AESGCM(kek).decrypt(
                unb64(record["nonce"]),
                unb64(record["wrapped_key"]),
                self._aad_v1(entry) if legacy else self._aad(entry, record),
            )
        except InvalidTag as error:
            raise AuthenticationFailed() from error
        return self._split(entry, record, plaintext)

    def _split(self, entry: str, record: dict[str, Any], plaintext: bytes) -> Unwrapped:
        db_key, rest = plaintext[:KEY_BYTES], plaintext[KEY_BYTES:]
        signing_seed = role_seed = None
        if record.get("signing_public_key"):
            signing_seed, rest = rest[:KEY_BYTES], rest[KEY_BYTES:]
        if record.get("holds_role_key"):
            role_seed, rest = rest[:KEY_BYTES], rest[KEY_BYTES:]
        if (
            rest
            or len(db_key) != KEY_BYTES
            or any(s is not None and len(s) != KEY_BYTES for s in (signing_seed, role_seed))
        ):
            raise WorkspaceUnavailable(
                N_("The key file entry for {entry} is damaged."), entry=entry
            )
        return Unwrapped(db_key, signing_seed, role_seed, record.get("role_public_key"))

    def public_keys(self, entry: str) -> tuple[str | None, str | None]:
        """The (signing, exchange) public keys an entry declares (not authenticated alone)."""
        record = self.entries.get(entry, {})
        return record.get("signing_public_key"), record.get("exchange_public_key")

    def format_of(self, entry: str) -> int:
        """2 for an entry that authenticates every field, 1 for an older one."""
        return 2 if self.entries.get(entry, {}).get("v") == 2 else 1

    def params_of(self, entry: str) -> KdfParams:
        """The entry's own Argon2id cost, kept when it is rewrapped for another reason."""
        try:
            return KdfParams.from_record(self.entries.get(entry, {}).get("kdf_params"))
        except ValueError:
            return KdfParams()

    def holds_role_key(self, entry: str) -> bool:
        return bool(self.entries.get(entry, {}).get("holds_role_key"))

    def remove(self, entry: str) -> None:
        self.entries.pop(entry, None)
