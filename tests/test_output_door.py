"""Every file the application layers write goes through the output door (services/outputs.py).

ARCHITECTURE.md: everything that leaves the machine (PDF, CSV, XLSForm, submission, bundle,
card) goes through one output helper. An export written any other way could land on the live
database again, so this walks services/, cli/, ui/ and app.py with `ast` and fails on:
- a write (`open` for writing, `write_bytes`, `write_text`, `shutil.copy*`) that is not into a
  staged file's `.temp`;
- an import of storage's writers (atomic.py, output.py) anywhere but services/outputs.py;
- a QFileDialog anywhere but ui/file_choice.py (whose save dialog checks the door).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "free2link_desktop"
DOOR = PACKAGE / "services" / "outputs.py"
DIALOGS = PACKAGE / "ui" / "file_choice.py"
WRITER_MODULES = {"free2link_desktop.storage.atomic", "free2link_desktop.storage.output"}
WRITE_METHODS = {"write_bytes", "write_text"}
COPIES = {"copy", "copy2", "copyfile", "copyfileobj"}


def _application_files() -> Iterator[Path]:
    for folder in ("services", "cli", "ui"):
        yield from sorted((PACKAGE / folder).rglob("*.py"))
    yield PACKAGE / "app.py"


def _writes_into_a_staged_file(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "temp"
    )


def _open_mode(call: ast.Call) -> str:
    mode: ast.expr | None = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return mode.value
    return "r" if mode is None else "?"


def _problems(path: Path, source: str | None = None) -> Iterator[str]:
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    where = path.relative_to(PACKAGE.parent)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
            if names & WRITER_MODULES and path != DOOR:
                yield f"{where}:{node.lineno} imports a storage writer; use services.outputs"
        imported = {a.name for a in node.names} if isinstance(node, ast.Import) else set()
        if imported & WRITER_MODULES and path != DOOR:
            yield f"{where}:{node.lineno} imports a storage writer; use services.outputs"
        if isinstance(node, ast.Name) and node.id == "QFileDialog" and path != DIALOGS:
            yield f"{where}:{node.lineno} uses QFileDialog; use ui.file_choice"
        if not isinstance(node, ast.Call) or _writes_into_a_staged_file(node):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in WRITE_METHODS:
            yield f"{where}:{node.lineno} writes a file outside the output door"
        if name in COPIES and isinstance(func, ast.Attribute):
            yield f"{where}:{node.lineno} copies a file outside the output door"
        if name == "open" and set(_open_mode(node)) & set("wax+?"):
            yield f"{where}:{node.lineno} opens a file for writing outside the output door"


def test_every_application_write_goes_through_the_output_door() -> None:
    problems = [problem for path in _application_files() for problem in _problems(path)]
    assert problems == []


def test_the_check_sees_a_write_that_bypasses_the_door() -> None:
    """The walker itself: a module that writes directly is caught (so the test can fail)."""
    sneaky = (
        "from pathlib import Path\n"
        "from free2link_desktop.storage.atomic import write_atomically\n"
        "from PySide6.QtWidgets import QFileDialog\n"
        "def export(out: Path, data: bytes, staged) -> None:\n"
        "    out.write_bytes(data)\n"
        "    staged.temp.write_bytes(data)  # the one allowed write\n"
        "    with open(out, 'wb') as handle:\n"
        "        handle.write(data)\n"
        "    QFileDialog.getSaveFileName()\n"
    )
    found = list(_problems(PACKAGE / "services" / "sneaky.py", sneaky))
    assert len(found) == 4, found
