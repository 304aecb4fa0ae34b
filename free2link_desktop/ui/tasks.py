"""Run slow work (Argon2id, backups, exports) off the GUI thread, then report back on it.

Like Anki's CollectionOp: the callable runs on a QThreadPool worker and exactly one of the
callbacks runs afterwards on the GUI thread, so the window stays responsive and widgets are only
ever touched from the thread that owns them. The result travels through a signal of a QObject
that lives on the GUI thread, which makes the connection queued.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

#: callbacks' return values are ignored (a lambda may end in QMessageBox.information(...))
Success = Callable[[Any], object]
Failure = Callable[[BaseException], object]


class _Relay(QObject):
    """Carries a finished job's outcome from the worker thread to the GUI thread."""

    finished = Signal(int, bool, object)


class ProgressRelay(QObject):
    """A worker's progress (0.0 to 1.0) shown on the GUI thread as whole percents.

    Create it on the GUI thread and pass `report` to the work; `changed(percent)` is emitted
    on the GUI thread, once per percent, so a long backup does not flood the event loop.
    """

    changed = Signal(int)
    _from_worker = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = -1
        self._from_worker.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def report(self, fraction: float) -> None:
        """Thread-safe: called by the work on its worker thread."""
        percent = max(0, min(100, int(fraction * 100)))
        if percent != self._last:
            self._last = percent
            self._from_worker.emit(percent)

    @Slot(int)
    def _deliver(self, percent: int) -> None:
        self.changed.emit(percent)


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job_id = job_id
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # reported to the caller's on_error, never swallowed
            self._relay.finished.emit(self._job_id, False, error)
        else:
            self._relay.finished.emit(self._job_id, True, result)


class TaskRunner(QObject):
    """Runs callables on a worker thread; `busy_changed` drives busy indicators."""

    busy_changed = Signal(bool)
    #: jobs started by any runner whose callback has not run yet (the lock waits for them)
    _unfinished_everywhere = 0

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Success, Failure | None]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @classmethod
    def any_busy(cls) -> bool:
        """True while any runner's work may still be using the database."""
        return cls._unfinished_everywhere > 0

    def run(
        self,
        work: Callable[[], Any],
        on_success: Success,
        on_error: Failure | None = None,
    ) -> None:
        """Start `work` on a worker; later call `on_success(result)` or `on_error(exception)`."""
        job_id = next(self._ids)
        was_busy = self.busy
        self._pending[job_id] = (on_success, on_error)
        TaskRunner._unfinished_everywhere += 1
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(job_id, work, self._relay))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (for shutting down cleanly; the GUI never calls it)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, payload: object) -> None:
        on_success, on_error = self._pending.pop(job_id)
        TaskRunner._unfinished_everywhere -= 1
        if not self._pending:
            self.busy_changed.emit(False)
        if ok:
            on_success(payload)
        elif on_error is not None and isinstance(payload, BaseException):
            on_error(payload)
        elif isinstance(payload, BaseException):
            raise payload
