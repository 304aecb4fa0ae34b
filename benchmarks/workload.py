"""A large, deterministic workspace for SPEC section 8: 100,000 cases and 1,000,000 notes.

The workspace is a real one (services.workspace.create_workspace, the shipped Argon2id
defaults, SQLCipher, every migration), filled through bulk SQL so that generating it takes
a minute or two rather than hours of service calls. The notes' words follow the same
Zipf-like vocabulary as benchmarks/store.py (domain words such as "passport" or "telegram"
are frequent, then 20,000 pseudo-words), so full-text search meets both very common and rare
terms. The same seed always gives the same workspace.

It is cached under the temporary folder, keyed by size, generator version and schema
version, so a re-run (or a schema change) rebuilds only when needed.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store import WORDS
from free2link_desktop.storage import migrations

GENERATOR_VERSION = 3
USER = "bench"
PASSWORD = "benchmark password 2026"
CENTRES = (
    "Lampedusa hotspot",
    "Milano Via Corelli",
    "Athens Elaionas",
    "Lesvos Mavrovouni",
    "Warszawa Targowek",
    "Krakow Nowa Huta",
    "Bari Palese",
    "Thessaloniki Diavata",
)
NATIONALITIES = ("NG", "UA", "ER", "SY", "AF", "BD", "PK", "CI", "GN", "MA", "VN", "CN")
STATUSES = ("open", "open", "open", "referred", "closed")
LEVELS = ("high", "medium", "low", "none")
SHA = "0" * 64


@dataclass(frozen=True)
class Generated:
    path: Path
    cases: int
    notes: int
    seconds: float  # 0.0 when it came from the cache


def cache_folder(cases: int, notes: int) -> Path:
    name = f"v{GENERATOR_VERSION}-s{migrations.LATEST_VERSION}-{cases}c-{notes}n"
    return Path(tempfile.gettempdir()) / "free2link-bench" / name


def _cumulative() -> list[float]:
    return list(accumulate(1.0 / (rank + 1) for rank in range(len(WORDS))))


def note_texts(count: int, seed: int = 7) -> Iterator[str]:
    """Deterministic note texts, 8 to 40 words each (fast: one bisect per word)."""
    rng = random.Random(seed)
    cumulative = _cumulative()
    total = cumulative[-1]
    words = WORDS
    rand = rng.random
    for _ in range(count):
        length = 8 + int(rand() * 33)
        yield " ".join(words[bisect(cumulative, rand() * total)] for _ in range(length))


def _stamp(rng: random.Random, days: int = 730) -> str:
    seconds = int(rng.random() * days * 86400)
    day, rest = divmod(seconds, 86400)
    base = time.gmtime(1_730_000_000 + day * 86400 + rest)
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", base)


def _case_rows(cases: int, rng: random.Random) -> Iterator[tuple]:
    for i in range(1, cases + 1):
        created = _stamp(rng)
        yield (
            i,
            f"IT-2026-{i:06d}",
            f"{WORDS[32 + int(rng.random() * 5000)].capitalize()} {i % 997}",
            1960 + int(rng.random() * 48),
            ("female", "male", "other")[i % 3],
            NATIONALITIES[int(rng.random() * len(NATIONALITIES))],
            "en,it",
            CENTRES[int(rng.random() * len(CENTRES))],
            STATUSES[int(rng.random() * len(STATUSES))],
            USER,
            created,
            max(created, _stamp(rng)),
        )


def _fill(db: object, cases: int, notes: int, seed: int) -> None:
    rng = random.Random(seed)
    execute = db.execute  # type: ignore[attr-defined]
    executemany = db.executemany  # type: ignore[attr-defined]
    execute("PRAGMA synchronous = OFF")  # only while generating; the app always uses FULL
    execute("PRAGMA cache_size = -262144")
    # The per-case search document is rebuilt on every note insert; for a bulk load, drop
    # those triggers, fill the index once as migration 2 does, then create them again.
    triggers = migrations._split(migrations.CASE_SEARCH_TRIGGERS)
    for statement in triggers:
        execute(f"DROP TRIGGER {statement.split()[2]}")
    execute("BEGIN")
    executemany(
        "INSERT INTO cases (id, code, alias, birth_year, gender, nationality, languages, centre, "
        "status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _case_rows(cases, rng),
    )
    execute("INSERT INTO code_counters (prefix, next_number) VALUES ('IT-2026', ?)", (cases + 1,))
    execute(
        "INSERT INTO questionnaire_files VALUES (?, 'bench', '1', 'bench.yaml', x'', 'lib', x'')",
        (SHA,),
    )
    screenings = []
    for case in range(1, cases + 1, 3):  # a third of the cases have a finished screening
        at = _stamp(rng)
        screenings.append((case, SHA, USER, at, at, LEVELS[case % 4]))
    executemany(
        "INSERT INTO screenings (case_id, questionnaire_id, version, sha256, "
        "interviewee_language, status, interviewer, started_at, updated_at, level) "
        "VALUES (?, 'bench', '1', ?, 'en', 'finished', ?, ?, ?, ?)",
        screenings,
    )
    execute("COMMIT")
    batch = 100_000
    texts = note_texts(notes, seed)
    for start in range(0, notes, batch):
        execute("BEGIN")
        executemany(
            "INSERT INTO notes (case_id, author, created_at, updated_at, text) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (1 + int(rng.random() * cases), USER, at, at, next(texts))
                for at in (_stamp(rng) for _ in range(min(batch, notes - start)))
            ),
        )
        execute("COMMIT")
        print(f"  … {start + batch:,} notes", file=sys.stderr, flush=True)
    execute("BEGIN")
    execute("INSERT INTO case_search (case_search) VALUES ('delete-all')")
    for statement in migrations._split(migrations.CASE_SEARCH_FILL):
        execute(statement)
    for statement in triggers:
        execute(statement)
    execute("COMMIT")
    execute("PRAGMA synchronous = FULL")
    execute("PRAGMA wal_checkpoint(TRUNCATE)")


def ensure_workspace(cases: int = 100_000, notes: int = 1_000_000, seed: int = 5) -> Generated:
    """The cached workspace, generated first if it is not there (or is incomplete)."""
    from free2link_desktop.services.workspace import create_workspace

    folder = cache_folder(cases, notes)
    done = folder / "complete"
    workspace = folder / "workspace"
    if done.exists():
        return Generated(workspace, cases, notes, 0.0)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    print(f"generating {cases:,} cases and {notes:,} notes in {workspace}", file=sys.stderr)
    session, _recovery = create_workspace(workspace, USER, PASSWORD)
    try:
        _fill(session.db, cases, notes, seed)
    finally:
        session.lock()
        session.workspace.close()
    done.write_text("ok\n")
    return Generated(workspace, cases, notes, time.perf_counter() - started)


if __name__ == "__main__":
    result = ensure_workspace(*(int(x) for x in sys.argv[1:3]))
    print(result)
