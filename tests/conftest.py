"""Shared test set-up: offscreen Qt, cheap Argon2id parameters, GUI tests marked automatically."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests: the same examples on every run (a red CI must be reproducible) and no
# per-example deadline (CI shares two cores with other work).
from hypothesis import settings

settings.register_profile("free2link", derandomize=True, deadline=None)
settings.load_profile("free2link")

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/ui is a GUI test, so `pytest -m "not gui"` runs the fast ones."""
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


# -- an encrypted workspace for tests ------------------------------------------------------------
from collections.abc import Iterator  # noqa: E402

from free2link_desktop.services.workspace import KdfParams  # noqa: E402

#: Cheap Argon2id for tests only (SPEC section 4 allows tests to pass these explicitly).
CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
ADMIN = "admin"
PASSWORD = "correct horse battery"


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def admin_session(workspace_dir: Path) -> Iterator:
    """A new workspace with its first admin unlocked; closed after the test."""
    from free2link_desktop.services.workspace import create_workspace

    session, recovery_key = create_workspace(workspace_dir, ADMIN, PASSWORD, kdf=CHEAP_KDF)
    session.recovery_key = recovery_key  # type: ignore[attr-defined]
    yield session
    session.lock()
    session.workspace.close()


def run_free2link(
    workspace: Path, *args: str, stdin: str = "", file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`free2link --workspace WORKSPACE ARGS…` as a real process of this checkout.

    `file_size_limit` (bytes, POSIX only) makes the process unable to grow any file beyond it,
    as a full disk would, without needing a small file system to be mounted.
    """

    def limit_file_size() -> None:
        import resource

        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "free2link_desktop", "--workspace", str(workspace), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
        check=False,
        preexec_fn=limit_file_size if file_size_limit is not None else None,
    )


def cli_env(workspace: Path | None = None) -> dict[str, str]:
    """Environment for running `python -m free2link_desktop` from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if workspace is not None:
        env["FREE2LINK_WORKSPACE"] = str(workspace)
    return env


def machine_env(root: Path, workspace: Path | None = None) -> dict[str, str]:
    """`cli_env` with every folder the app may write to (home, temp, XDG) inside `root`.

    The canary tests search every byte under `root` afterwards, so nothing the app writes can
    escape the search.
    """
    env = cli_env(workspace)
    for name, sub in (
        ("HOME", "home"),
        ("TMPDIR", "tmp"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        (root / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(root / sub)
    (root / "runtime").chmod(0o700)
    return env


def first_screening_copy(folder: Path, version: str, *, comment: str = "") -> Path:
    """The bundled first screening (with its indicator library) under another version.

    A `comment` changes the file's bytes without changing the guide, as an edited copy would.
    """
    from free2link_desktop import paths

    folder.mkdir(parents=True, exist_ok=True)
    source = paths.questionnaires_dir()
    (folder / "indicators.yaml").write_bytes((source / "indicators.yaml").read_bytes())
    text = (source / "first-screening.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\nversion: [0-9.]+\n", f"\nversion: {version}\n", text, count=1)
    if comment:
        text = text.replace("title:\n", f"# {comment}\ntitle:\n", 1)
    path = folder / "first-screening.yaml"
    path.write_text(text, encoding="utf-8")
    return path
