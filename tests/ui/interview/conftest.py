"""A real encrypted workspace (cheap Argon2id), a case, and the fixture guide in tests/ui/data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from free2link_desktop import i18n
from free2link_desktop.services.workspace import KdfParams, create_workspace

DATA = Path(__file__).resolve().parents[1] / "data"
GUIDE = DATA / "guide.yaml"
CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Any]:
    session, _recovery = create_workspace(tmp_path / "ws", "ana", PASSWORD, kdf=CHEAP)
    workspace = session.workspace
    yield session
    if not session.is_locked:
        session.lock()
    workspace.close()


@pytest.fixture
def case_code(session: Any) -> str:
    return session.cases.create("Test person").code


@pytest.fixture
def screening_id(session: Any, case_code: str) -> int:
    return session.screenings.start(case_code, str(GUIDE), "ar").id
