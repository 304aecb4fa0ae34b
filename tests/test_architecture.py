"""The import rules of ARCHITECTURE.md, checked by walking the package with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "free2link_desktop"

# layer -> the layers it may import (besides itself, i18n and the leaf modules)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "storage": {"core"},
    "reports": {"core"},
    "interop": {"core"},
    "services": {"storage", "reports", "interop", "core"},
    "ui": {"services", "core"},
    "cli": {"services", "core", "reports"},
    "app": {"ui", "cli", "services", "core"},
    "i18n": set(),
}
LEAVES = {"paths", "__init__", "__main__"}
THIRD_PARTY_BANNED = {
    "core": {"PySide6", "sqlcipher3", "sqlite3", "reportlab"},
    "storage": {"PySide6", "reportlab"},
    "reports": {"PySide6", "sqlcipher3", "sqlite3"},
    # formats other tools speak: plain data in, bytes out; no SQL, no Qt, no network
    "interop": {"PySide6", "sqlcipher3", "sqlite3", "socket", "http", "urllib", "requests"},
    "services": {"PySide6", "sqlite3"},
    "cli": {"PySide6", "sqlite3", "sqlcipher3"},
    "i18n": {"sqlcipher3", "sqlite3", "reportlab"},
}


def _layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_layers_import_only_downwards() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer_of(path)
        if layer in LEAVES:
            continue
        allowed = ALLOWED[layer] | {layer, "i18n"} | LEAVES
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "free2link_desktop" and len(parts) > 1:
                target = parts[1]
                if target not in allowed:
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif parts[0] in THIRD_PARTY_BANNED.get(layer, set()):
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if layer == "i18n" and name.startswith("PySide6") and path.name != "qt.py":
                problems.append(f"{path.relative_to(PACKAGE)} imports Qt outside i18n/qt.py")
    assert not problems, "\n".join(problems)


def test_the_rules_check_something() -> None:
    assert sum(1 for _ in PACKAGE.rglob("*.py")) > 5
