"""What a person typed, as a query the per-case search index can answer lazily.

FTS5 answers a prefix query ("passport"*) that its prefix indexes (2 and 3 characters) do not
cover by first merging the lists of every term with that prefix, in memory, whole: for a word
found in 98,000 cases that alone takes about 30 ms, and the first page of a search cannot stop
early. Exact terms are read lazily. So each typed word longer than three characters is turned
into the exact terms of the index that start with it (found in its vocabulary), OR-ed
together; the answer is the same, but the index now stops after one page.

Only plain ASCII letters and digits are expanded here: their case folding is exact in Python
(lower()), so the vocabulary lookup finds precisely what the tokenizer stored. Other words
(accents, Greek, Arabic …) stay prefix queries that FTS5 folds itself: slower for very common
words, never wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from free2link_desktop.storage.database import Database

#: What FTS5's unicode61 tokenizer keeps as a token: letters and digits (L*, N*).
TOKEN = re.compile(r"[^\W_]+")
_PLAIN = re.compile(r"[a-z0-9]+")
#: A word that starts more terms than this stays a prefix query (a merge is then cheaper).
MAX_TERMS = 32
_LAST = "\U0010ffff"
VOCABULARY = "temp.case_search_terms"


@dataclass(frozen=True)
class SearchQuery:
    """An FTS5 MATCH expression, and the number of matching cases when the lookup told it."""

    match: str
    known_count: int | None = None

    @property
    def finds_nothing(self) -> bool:
        return self.known_count == 0


def prefix_query(text: str) -> str:
    """Every token as a quoted prefix: safe whatever was typed."""
    return " ".join(f'"{token}"*' for token in TOKEN.findall(text))


def search_query(db: Database, text: str) -> SearchQuery:
    tokens = TOKEN.findall(text)
    if not tokens:
        return SearchQuery("", 0)
    # a read-only view of the index's terms, in this connection's memory (no data of its own)
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab(main, case_search, 'row')"
    )
    groups: list[str] = []
    count: int | None = None
    for token in tokens:
        word = token.lower()
        if len(word) <= 3 or not _PLAIN.fullmatch(word):
            groups.append(f'"{token}"*')  # the prefix index, or FTS5's own folding
            continue
        rows = db.all(
            f"SELECT term, doc FROM {VOCABULARY} WHERE term >= ? AND term < ? LIMIT ?",
            (word, word + _LAST, MAX_TERMS + 1),
        )
        if not rows:
            return SearchQuery(f'"{word}"', 0)  # no term starts with it: nothing matches
        if len(rows) > MAX_TERMS:
            groups.append(f'"{word}"*')
            continue
        groups.append("(" + " OR ".join(f'"{term}"' for term, _doc in rows) + ")")
        if len(tokens) == 1 and len(rows) == 1:
            count = int(rows[0][1])
    return SearchQuery(" AND ".join(groups), count)
