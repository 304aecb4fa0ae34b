"""Every i18n test leaves the process in English, as the other tests expect."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from free2link_desktop import i18n


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
