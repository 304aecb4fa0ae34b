"""Ed25519 signatures and sealed hand-overs: what makes roles and the audit log tamper-evident.

The database key alone lets anyone who can unlock rewrite any row. Signatures by keys that only
some people can unwrap make such rewrites visible: roles are signed by the workspace's role key
(only administrators and the recovery key hold it), audit entries by the acting user's own key.
A role key handed to a newly promoted administrator is sealed to that person's X25519 key
(ephemeral X25519, HKDF, AES-GCM), so nobody else who can read keys.json can take it.
"""

from __future__ import annotations

import base64
import functools
import json
import secrets
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEED_BYTES = 32
_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical(value: Any) -> bytes:
    """One byte string per value, so a signature never depends on how JSON was spaced."""
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode()


def hkdf(secret: bytes, info: str, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info.encode()).derive(
        secret
    )


def new_seed() -> bytes:
    return secrets.token_bytes(SEED_BYTES)


class Signer:
    """An Ed25519 key from a 32-byte seed; the same seed also gives the X25519 exchange key."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_BYTES:
            raise ValueError("a signing seed has 32 bytes")
        self.seed = seed
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_key = b64(self._key.public_key().public_bytes(_RAW, _RAW_PUB))

    def sign(self, message: Any) -> str:
        return b64(self._key.sign(canonical(message)))

    @property
    def exchange_public_key(self) -> str:
        return b64(self._exchange_key().public_key().public_bytes(_RAW, _RAW_PUB))

    def _exchange_key(self) -> X25519PrivateKey:
        return X25519PrivateKey.from_private_bytes(hkdf(self.seed, "free2link x25519"))

    def open_sealed(self, sealed: dict[str, Any], context: str) -> bytes:
        """The secret sealed to this key by `seal`; ValueError when it was not sealed to us."""
        try:
            shared = self._exchange_key().exchange(
                X25519PublicKey.from_public_bytes(unb64(sealed["ephemeral"]))
            )
            key = hkdf(shared, f"free2link seal|{context}")
            return AESGCM(key).decrypt(unb64(sealed["nonce"]), unb64(sealed["sealed"]), None)
        except (InvalidTag, KeyError, TypeError, ValueError) as error:
            raise ValueError("sealed secret does not open") from error


@functools.lru_cache(maxsize=256)
def _public_key(text: str) -> Ed25519PublicKey:
    """Parsed once: `verify` checks every audit entry against a handful of users' keys."""
    return Ed25519PublicKey.from_public_bytes(unb64(text))


def verify(public_key: str | None, signature: str | None, message: Any) -> bool:
    """True only for a well-formed signature by `public_key` over `message`."""
    if not public_key or not signature:
        return False
    try:
        _public_key(public_key).verify(unb64(signature), canonical(message))
    except (InvalidSignature, ValueError):
        return False
    return True


def seal(secret: bytes, exchange_public_key: str, context: str) -> dict[str, str]:
    """Encrypt `secret` so that only the holder of `exchange_public_key` can read it."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(exchange_public_key)))
    key = hkdf(shared, f"free2link seal|{context}")
    nonce = secrets.token_bytes(12)
    return {
        "ephemeral": b64(ephemeral.public_key().public_bytes(_RAW, _RAW_PUB)),
        "nonce": b64(nonce),
        "sealed": b64(AESGCM(key).encrypt(nonce, secret, None)),
    }
