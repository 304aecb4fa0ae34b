"""When to lock: a plain idle-time policy, so it can be tested without Qt.

The GUI calls `touch()` on every key press or click and asks `should_lock()` from a timer; when
it says yes, the GUI calls `session.lock()` and shows the unlock screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class AutoLock:
    def __init__(self, minutes: float = 5, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._minutes = float(minutes)
        self._last_activity = clock()

    @property
    def minutes(self) -> float:
        return self._minutes

    @minutes.setter
    def minutes(self, value: float) -> None:
        self._minutes = max(0.1, float(value))

    def touch(self) -> None:
        self._last_activity = self._clock()

    def seconds_idle(self) -> float:
        return self._clock() - self._last_activity

    def should_lock(self) -> bool:
        return self.seconds_idle() >= self._minutes * 60
