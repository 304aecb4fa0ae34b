"""Find damage in a -wal file before SQLite silently drops what follows it.

SQLite replays a -wal file up to the first frame whose checksum fails and ignores the rest
without a word. The database now checkpoints every commit (storage/database.py), so a -wal
file normally holds nothing acknowledged; but one left by an older version, or by a crash
while a backup held the checkpoint back, can. Damage is told apart from a write torn by a
power cut: only the last transaction can be torn (every earlier one was synced before it was
acknowledged), so a valid frame of a *later* transaction after a broken one means that
committed work was lost. (Format: https://www.sqlite.org/fileformat2.html#walformat.)
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = 32
_FRAME_HEADER = 24
_MAGICS = (0x377F0682, 0x377F0683)  # checksums over little- / big-endian words
#: A larger -wal file is not read through (a crash right after a bulk import); SQLite's own
#: replay still applies what it can.
MAX_CHECKED_BYTES = 64 * 1024 * 1024
_MASK = 0xFFFFFFFF


def _checksum(data: bytes, big_endian: bool, s1: int, s2: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & _MASK
        s2 = (s2 + words[i + 1] + s1) & _MASK
    return s1, s2


def damaged(wal: Path) -> bool:
    """True when committed work in `wal` would be dropped because of a damaged frame."""
    try:
        size = wal.stat().st_size
        if size <= _HEADER or size > MAX_CHECKED_BYTES:
            return False
        data = wal.read_bytes()
    except OSError:
        return False
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    frame = _FRAME_HEADER + page_size
    frames = (len(data) - _HEADER) // frame if page_size else 0
    if magic not in _MAGICS or page_size < 512 or page_size & (page_size - 1):
        return frames > 0  # a header no longer readable in front of frames
    big = magic == _MAGICS[1]
    if _checksum(data[:24], big, 0, 0) != (c1, c2):
        return frames > 0
    headers = [
        struct.unpack(">6I", data[_HEADER + n * frame : _HEADER + n * frame + _FRAME_HEADER])
        for n in range(frames)
    ]

    def valid(n: int, seed: tuple[int, int]) -> bool:
        page, _commit, f_salt1, f_salt2, f_c1, f_c2 = headers[n]
        if page == 0 or (f_salt1, f_salt2) != (salt1, salt2):
            return False
        start = _HEADER + n * frame
        s = _checksum(data[start : start + 8], big, *seed)
        return _checksum(data[start + _FRAME_HEADER : start + frame], big, *s) == (f_c1, f_c2)

    chain = (c1, c2)
    for n in range(frames):
        if valid(n, chain):
            chain = headers[n][4], headers[n][5]
            continue
        # frame n is broken: where does its transaction end, and does a later one follow?
        ends = [m for m in range(n, frames) if headers[m][1] and headers[m][2:4] == (salt1, salt2)]
        if not ends:
            return False  # the last transaction, torn: it was never acknowledged
        return any(
            valid(m, (headers[m - 1][4], headers[m - 1][5])) for m in range(ends[0] + 1, frames)
        )
    return False
