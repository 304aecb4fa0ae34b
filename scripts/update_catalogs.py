#!/usr/bin/env python3
"""Extract the strings from the code and merge them into every language's catalog.

Run it from the checkout after changing user-visible strings:

    python scripts/update_catalogs.py

It rewrites translations/messages.pot and translations/<lang>/LC_MESSAGES/messages.po (new
strings arrive untranslated, changed ones as fuzzy with the old translation as a suggestion),
then prints what is left for the translators. tests/i18n fails until nothing is left.
With --check it also exits with status 1 while anything is left.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from free2link_desktop.i18n.catalogs import update_catalogs


def main() -> int:
    results = update_catalogs()
    unfinished = sum(item.fuzzy + item.untranslated for item in results)
    print(f"{'language':<10}{'strings':>9}{'done':>7}{'fuzzy':>7}{'missing':>9}  review")
    for item in results:
        print(
            f"{item.language:<10}{item.total:>9}{item.translated:>7}{item.fuzzy:>7}"
            f"{item.untranslated:>9}  {item.review}"
        )
    if unfinished:
        print(f"{unfinished} entries to translate or check (fuzzy); see docs/translating.md.")
    return 1 if unfinished and "--check" in sys.argv[1:] else 0


if __name__ == "__main__":
    raise SystemExit(main())
