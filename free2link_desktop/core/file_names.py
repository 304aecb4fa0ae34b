"""File names we suggest for exports, valid on every system a centre laptop runs.

Most centre laptops run Windows, which refuses names with `<>:"/\\|?*` or control characters,
silently drops trailing dots and spaces (so "report." and "report" are the same file), and
reserves device names such as CON, NUL or COM1 whatever their extension ("nul.pdf" is the null
device, and a PDF saved there is gone). A case code or an organisation's name comes from data,
so a suggestion built from it is cleaned here before a save dialog proposes it.
"""

from __future__ import annotations

import unicodedata

#: characters Windows refuses in a file name (and "/" everywhere)
FORBIDDEN_CHARACTERS = frozenset('<>:"/\\|?*')
#: device names Windows reserves, with or without an extension, in any letter case
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
#: bytes in UTF-8 a suggested name may use (file systems allow 255; leave room for " (2)")
MAX_NAME_BYTES = 200
FALLBACK_STEM = "free2link-export"


def _clean_character(char: str) -> str:
    if char in FORBIDDEN_CHARACTERS or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
        return "_"
    return char


def is_reserved_name(stem: str) -> bool:
    # Windows compares the part before the first dot, ignoring trailing spaces ("NUL .txt").
    return stem.split(".", 1)[0].rstrip(" ").upper() in RESERVED_NAMES


def safe_file_name(stem: str, suffix: str = "") -> str:
    """`stem` + `suffix` made valid on Windows, macOS and Linux; `suffix` is ours (".pdf").

    Forbidden and control characters become "_", trailing dots and spaces go, a reserved device
    name gets a leading "_", and a long stem is cut so the whole name stays within
    MAX_NAME_BYTES. An empty result falls back to a neutral name rather than to nothing.
    """
    if suffix and (not suffix.startswith(".") or any(_clean_character(c) != c for c in suffix[1:])):
        raise ValueError(f"not a file name suffix: {suffix!r}")
    cleaned = "".join(_clean_character(c) for c in unicodedata.normalize("NFC", stem))
    cleaned = cleaned.strip(" .")  # no hidden file (".x"), nothing Windows would drop
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(cleaned.encode("utf-8")) > budget:
        cleaned = cleaned[:-1]
    cleaned = cleaned.rstrip(" .")
    if not cleaned or cleaned.strip("._ ") == "":
        cleaned = FALLBACK_STEM
    if is_reserved_name(cleaned):
        cleaned = f"_{cleaned}"
    return cleaned + suffix
