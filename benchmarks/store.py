"""Encrypted store (SQLCipher) against plain stdlib sqlite3 on the same workload, same run.

Workload, run against both with the same schema (the app's migration) and the same pragmas
(WAL, synchronous=FULL, secure_delete, foreign keys):
  1. bulk insert of N notes (default 100,000) with the FTS5 index kept by triggers,
  2. single-answer autosave transactions (one INSERT … ON CONFLICT and COMMIT each),
  3. full-text queries over the notes.
Prints a table of times and the encrypted/plain ratio (SPEC section 8 budget: <= 1.3x).

    python benchmarks/store.py [--notes 100000] [--autosaves 500] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3

from free2link_desktop.storage.migrations import SCHEMA_V1, _split

DOMAIN_WORDS = [
    "work",
    "offer",
    "travel",
    "passport",
    "debt",
    "phone",
    "account",
    "money",
    "message",
    "family",
    "room",
    "hours",
    "telegram",
    "whatsapp",
    "instagram",
    "agency",
    "visa",
    "contract",
    "salary",
    "promise",
    "threat",
    "photo",
    "camera",
    "house",
    "city",
    "border",
    "boss",
    "friend",
    "lawyer",
    "doctor",
    "school",
    "night",
]


def vocabulary(size: int = 20_000, seed: int = 3) -> list[str]:
    """Domain words first (frequent), then pseudo-words: a Zipf-like spread, as in real notes."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = {"".join(rng.choices(letters, k=rng.randint(4, 10))) for _ in range(size)}
    return DOMAIN_WORDS + sorted(made)


WORDS = vocabulary()
WEIGHTS = [1.0 / (rank + 1) for rank in range(len(WORDS))]
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
)


def connect_encrypted(path: Path) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    return conn


def connect_plain(path: Path) -> Any:
    return sqlite3.connect(str(path), isolation_level=None)


def plain_supports_fts_secure_delete() -> bool:
    return sqlite3.sqlite_version_info >= (3, 42, 0)


def prepare(conn: Any, with_secure_delete_fts: bool) -> None:
    """The app's schema, identical on both sides (FTS5 secure-delete only if both have it)."""
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("BEGIN")
    for statement in _split(SCHEMA_V1):
        if "secure-delete" in statement and not with_secure_delete_fts:
            continue
        conn.execute(statement)
    conn.execute("COMMIT")


def note_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(8, 40))) for _ in range(count)]


def bulk_insert(conn: Any, texts: list[str]) -> None:
    stamp = "2026-11-23T10:00:00+00:00"
    conn.execute("BEGIN")
    cases = max(1, len(texts) // 10)
    conn.executemany(
        "INSERT INTO cases (id, code, alias, created_by, created_at, updated_at) "
        "VALUES (?, ?, ?, 'bench', ?, ?)",
        ((i, f"IT-2026-{i:06d}", f"alias {i}", stamp, stamp) for i in range(1, cases + 1)),
    )
    conn.executemany(
        "INSERT INTO notes (case_id, author, created_at, updated_at, text) "
        "VALUES (?, 'bench', ?, ?, ?)",
        ((i % cases + 1, stamp, stamp, text) for i, text in enumerate(texts)),
    )
    conn.execute("COMMIT")


def autosaves(conn: Any, count: int) -> list[float]:
    stamp = "2026-11-23T10:00:00+00:00"
    conn.execute("INSERT INTO questionnaire_files VALUES ('s', 'q', '1', 'f', x'', 'l', x'')")
    conn.execute(
        "INSERT INTO screenings (id, case_id, questionnaire_id, version, sha256, "
        "interviewee_language, status, interviewer, started_at, updated_at) "
        "VALUES (1, 1, 'q', '1', 's', 'en', 'in_progress', 'bench', ?, ?)",
        (stamp, stamp),
    )
    times = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO answers (screening_id, question_id, value_json, answered_at) "
            "VALUES (1, ?, ?, ?) ON CONFLICT (screening_id, question_id) DO UPDATE SET "
            "value_json = excluded.value_json",
            (f"q{i % 40}", '"yes"', stamp),
        )
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    return times


def queries(conn: Any, count: int) -> list[float]:
    rng = random.Random(11)
    times = []
    for _ in range(count):
        query = " ".join(f'"{w}"*' for w in rng.choices(WORDS, WEIGHTS, k=2))
        start = time.perf_counter()
        conn.execute(
            "SELECT DISTINCT n.case_id FROM notes n WHERE n.id IN "
            "(SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?) LIMIT 50",
            (query,),
        ).fetchall()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def run(
    connect: Callable[[Path], Any], folder: Path, args: argparse.Namespace, texts: list[str]
) -> dict[str, float]:
    conn = connect(folder / "bench.db")
    prepare(conn, plain_supports_fts_secure_delete())
    start = time.perf_counter()
    bulk_insert(conn, texts)
    bulk = time.perf_counter() - start
    saves = autosaves(conn, args.autosaves)
    found = queries(conn, args.queries)
    conn.close()
    return {
        "bulk insert (s)": bulk,
        "autosave total (s)": sum(saves),
        "autosave p95 (ms)": p95(saves) * 1000,
        "FTS total (s)": sum(found),
        "FTS p95 (ms)": p95(found) * 1000,
    }


def measure(notes: int = 100_000, autosaves: int = 500, queries: int = 200) -> dict[str, Any]:
    """Run the workload on both stores; returns both tables and the whole-workload ratio."""
    args = argparse.Namespace(notes=notes, autosaves=autosaves, queries=queries)
    texts = note_texts(args.notes)
    with tempfile.TemporaryDirectory() as tmp_plain, tempfile.TemporaryDirectory() as tmp_enc:
        plain = run(connect_plain, Path(tmp_plain), args, texts)
        encrypted = run(connect_encrypted, Path(tmp_enc), args, texts)
    keys = ("bulk insert (s)", "autosave total (s)", "FTS total (s)")
    total_plain = sum(plain[k] for k in keys)
    total_enc = sum(encrypted[k] for k in keys)
    return {
        "plain": plain,
        "encrypted": encrypted,
        "total_plain": total_plain,
        "total_encrypted": total_enc,
        "ratio": total_enc / total_plain,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--autosaves", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    result = measure(args.notes, args.autosaves, args.queries)
    plain, encrypted = result["plain"], result["encrypted"]
    total_plain, total_enc = result["total_plain"], result["total_encrypted"]
    if not plain_supports_fts_secure_delete():
        print(
            f"note: stdlib sqlite3 {sqlite3.sqlite_version} lacks FTS5 secure-delete, so both "
            "sides run without it here (the app uses it)"
        )
    print(f"{'measure':<22}{'plain sqlite3':>15}{'SQLCipher':>12}{'ratio':>8}")
    for name in plain:
        ratio = encrypted[name] / plain[name] if plain[name] else float("nan")
        print(f"{name:<22}{plain[name]:>15.3f}{encrypted[name]:>12.3f}{ratio:>8.2f}")
    ratio = result["ratio"]
    verdict = "ok" if ratio <= 1.3 else "OVER BUDGET"
    print(
        f"{'whole workload (s)':<22}{total_plain:>15.3f}{total_enc:>12.3f}{ratio:>8.2f}"
        f"  budget <= 1.30: {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
