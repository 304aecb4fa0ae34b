"""Bidi reordering with rule L4 (mirrored characters), which python-bidi's Rust core leaves out.

python-bidi 0.5 and later reorder with the unicode-bidi crate. It resolves the levels and
reorders each line but does not mirror, so a "(" inside Arabic keeps its shape after
reordering: "(نص)" is drawn as ")نص(", «lover boy» as »lover boy« and "x < 5" as "5 < x"
read from the right, which says the opposite. Rule L4 draws every character that has a mirror
image (brackets, quotes, less-than and greater-than, ...) at a right-to-left level as that
image.

The crate's resolved levels are only exposed through python-bidi's debug output, so they are
read from there, the line is reordered from them (rules L1 and L2) and the result is checked
against the crate's own order: if the two ever disagree (a future python-bidi printing its
levels differently), the crate's order is used as it is, unmirrored, as before.
"""

from __future__ import annotations

import re
import unicodedata

from bidi import get_display
from bidi.mirror import MIRRORED

_LEVELS_START = "\n    levels: ["
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
#: Characters that rule L1 puts back on the paragraph's level at the end of a line.
_TRAILING = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "PDF", "LRO", "RLO"})


def _levels(line: str, base_dir: str) -> list[int] | None:
    """The resolved level of each character of `line` (L1 applied), or None if unreadable."""
    info = str(get_display(line, base_dir=base_dir, debug=True))
    start = info.find(_LEVELS_START)
    if start < 0:
        return None
    end = info.find("]", start + len(_LEVELS_START))
    per_byte = [int(level) for level in _LEVEL.findall(info, start, end)]
    if len(per_byte) != len(line.encode("utf-8")):
        return None
    levels: list[int] = []
    offset = 0
    for char in line:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    paragraph = 1 if base_dir == "R" else 0
    index = len(line)
    while index and unicodedata.bidirectional(line[index - 1]) in _TRAILING:
        index -= 1
        levels[index] = paragraph
    return levels


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: the logical indexes in the order they are drawn, left to right."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order


def display(line: str, base_dir: str) -> str:
    """`line` reordered for drawing left to right, mirrored characters mirrored.

    `base_dir` is 'R' or 'L' (the paragraph's direction).
    """
    shown = str(get_display(line, base_dir=base_dir))
    if not any(char in MIRRORED for char in line):
        return shown
    levels = _levels(line, base_dir)
    if levels is None:
        return shown
    order = _visual_order(levels)
    if "".join(line[index] for index in order) != shown:
        return shown  # our reading of the levels does not give the crate's order: keep it
    return "".join(
        MIRRORED.get(line[index], line[index]) if levels[index] % 2 else line[index]
        for index in order
    )
