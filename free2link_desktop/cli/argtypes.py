"""Argument types shared by the commands.

`record_id` reads the id of a stored record (a screening, a note): a whole number that fits in
SQLite's 64-bit integers. A bigger one cannot name any record, and handing it to the database
would end in an OverflowError instead of a message.
"""

from __future__ import annotations

import argparse

from free2link_desktop.i18n import _

#: SQLite's largest integer.
MAX_RECORD_ID = 2**63 - 1


def record_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:  # also a number too long for Python to read
        raise argparse.ArgumentTypeError(
            _("{value} is not an id (a whole number).").format(value=text[:40])
        ) from None
    if not 1 <= value <= MAX_RECORD_ID:
        raise argparse.ArgumentTypeError(
            _("{value} is not an id (a whole number from 1).").format(value=text[:40])
        )
    return value
