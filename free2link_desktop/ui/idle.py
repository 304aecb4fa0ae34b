"""Locks the screen after the configured idle time.

The policy (how long is too long) is services.autolock.AutoLock, plain Python; this module feeds
it: an application-wide event filter calls `touch()` on every key press, click, wheel turn or
mouse move, and a one-second QTimer asks `should_lock()` and emits `idle` when it says so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once when the policy says the screen should lock; `start` re-arms it."""

    idle = Signal()

    def __init__(self, policy: Any, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.policy = policy
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._check)
        self._installed = False

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.policy.touch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.policy.touch()
        return False

    def _check(self) -> None:
        if self.policy.should_lock():
            self.stop()
            self.idle.emit()
