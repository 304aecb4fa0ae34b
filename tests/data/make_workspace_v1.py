"""Writes tests/data/workspace-v1: a workspace saved at schema version 1 (release 0.1).

Kept so that every later schema migration is tested against a real file from an older version
(as Electrum does). Run once per released schema; never regenerate an old one.
Password of user `admin`: "correct horse battery"; cheap Argon2id parameters.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from free2link_desktop.services.workspace import KdfParams, create_workspace


def main() -> None:
    target = Path(__file__).with_name("workspace-v1")
    shutil.rmtree(target, ignore_errors=True)
    session, _recovery = create_workspace(
        target, "admin", "correct horse battery", kdf=KdfParams(1024, 1, 1)
    )
    case = session.cases.create("Fixture person", birth_year=1998, nationality="NG", centre="Bari")
    note = session.notes.add(case.code, "First note, saved at schema version 1.")
    session.notes.update(note.id, "First note, edited at schema version 1.")
    session.db.checkpoint()
    session.lock()
    session.workspace.close()
    for leftover in ("unlock-failures.json",):
        (target / leftover).unlink(missing_ok=True)
    shutil.rmtree(target / "backups", ignore_errors=True)


if __name__ == "__main__":
    main()
