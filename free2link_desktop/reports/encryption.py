"""AES-256 PDF encryption (standard security handler, revision 6) for reportlab.

reportlab's own `StandardEncryption(strength=256)` writes revision 5 with PKCS#7 padding where
the PDF format wants none (48-byte /UE and /OE, a 32-byte /Perms) and pads every string and
stream twice; poppler (Evince, Okular, pdftotext) rejects such a file as "Invalid encryption key
length" and shows garbage, and revision 5 hashes the password with a single SHA-256. This class
keeps reportlab's plumbing but computes the values of ISO 32000-2 revision 6 (the iterated hash
of algorithm 2.B) with `cryptography`, and encrypts strings and streams with AES-256-CBC, a random
IV and one PKCS#7 padding (the AESV3 crypt filter).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFDictionary, PDFName, PDFObject

_HASHES = (hashlib.sha256, hashlib.sha384, hashlib.sha512)


def _aes_cbc(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-CBC without padding (`data` is a multiple of 16 bytes)."""
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def _aes_ecb_block(key: bytes, block: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def hash_r6(password: bytes, salt: bytes, user_key: bytes = b"") -> bytes:
    """Algorithm 2.B of ISO 32000-2 (the hash of revision 6)."""
    digest = hashlib.sha256(password + salt + user_key).digest()
    rounds = 0
    while True:
        block = (password + digest + user_key) * 64
        encrypted = _aes_cbc(digest[:16], digest[16:32], block)
        digest = _HASHES[sum(encrypted[:16]) % 3](encrypted).digest()
        rounds += 1
        if rounds >= 64 and encrypted[-1] <= rounds - 32:
            return digest[:32]


def permission_flags(*, can_print: bool, can_copy: bool) -> int:
    """The /P value: reserved bits set, accessibility extraction always allowed."""
    flags = 0xFFFFF000 | 0xC0 | (1 << 9)
    if can_print:
        flags |= (1 << 2) | (1 << 11)
    if can_copy:
        flags |= 1 << 4
    return flags - (1 << 32) if flags >= 1 << 31 else flags


class _Revision6Dictionary(PDFObject):
    __RefOnly__ = 1

    def __init__(self, handler: Aes256Encryption) -> None:
        self.handler = handler

    def format(self, document: Any) -> bytes:
        h = self.handler
        entries = {
            "Filter": PDFName("Standard"),
            "V": 5,
            "R": 6,
            "Length": 256,
            "P": h.P,
            "O": _hex(h.O),
            "U": _hex(h.U),
            "OE": _hex(h.OE),
            "UE": _hex(h.UE),
            "Perms": _hex(h.Perms),
            "StrF": PDFName("StdCF"),
            "StmF": PDFName("StdCF"),
            "CF": PDFDictionary(
                {
                    "StdCF": PDFDictionary(
                        {"CFM": PDFName("AESV3"), "AuthEvent": PDFName("DocOpen"), "Length": 32}
                    )
                }
            ),
        }
        result: bytes = PDFDictionary(entries).format(DummyDoc())
        return result


def _hex(data: bytes) -> str:
    return "<" + data.hex().upper() + ">"


class Aes256Encryption(StandardEncryption):
    """Pass as `encrypt=` to a reportlab document. The owner password is random and discarded,
    so the permissions (print and copy allowed, no changes) cannot be lifted later."""

    def __init__(self, password: str, *, can_print: bool = True, can_copy: bool = True) -> None:
        super().__init__(password, ownerPassword=secrets.token_urlsafe(32), strength=128)
        self.can_print_flag = can_print
        self.can_copy_flag = can_copy

    def prepare(self, document: Any, overrideID: Any = None) -> None:
        if getattr(self, "prepared", 0):
            raise ValueError("encryption already prepared")
        document.ID()  # the trailer's /ID, as reportlab's own handler does
        user = self.userPassword.encode("utf-8")[:127]
        owner = self.ownerPassword.encode("utf-8")[:127]
        key = os.urandom(32)
        user_validation, user_key_salt, owner_validation, owner_key_salt = (
            os.urandom(8) for _ in range(4)
        )
        self.P = permission_flags(can_print=self.can_print_flag, can_copy=self.can_copy_flag)
        self.U = hash_r6(user, user_validation) + user_validation + user_key_salt
        self.UE = _aes_cbc(hash_r6(user, user_key_salt), bytes(16), key)
        self.O = hash_r6(owner, owner_validation, self.U) + owner_validation + owner_key_salt
        self.OE = _aes_cbc(hash_r6(owner, owner_key_salt, self.U), bytes(16), key)
        perms = struct.pack("<i", self.P) + b"\xff\xff\xff\xffTadb" + os.urandom(4)
        self.Perms = _aes_ecb_block(key, perms)
        self.key = key
        self.objnum = self.version = None
        self.prepared = 1

    def encode(self, t: bytes | str) -> bytes:
        if not self.prepared:
            raise ValueError("encryption not prepared")
        data = t.encode("utf-8") if isinstance(t, str) else bytes(t)
        padder = padding.PKCS7(128).padder()
        padded = padder.update(data) + padder.finalize()
        iv = os.urandom(16)
        return iv + _aes_cbc(self.key, iv, padded)

    # reportlab only calls format() on what info() returns; revision 6 needs its own entries.
    def info(self) -> _Revision6Dictionary:  # type: ignore[override]
        if not self.prepared:
            raise ValueError("encryption not prepared")
        return _Revision6Dictionary(self)
