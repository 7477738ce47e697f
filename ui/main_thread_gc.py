"""Cyclic garbage collection on the GUI thread only.

CPython runs its cycle collector in whichever thread happens to allocate when a
generation's threshold is crossed. With the export and scoring workers busy allocating,
that is often a worker thread, and then any Qt wrapper caught in a reference cycle (a
page that kept a reference to itself, a dialog closed a test ago) is finalized there:
its C++ widget is deleted off the GUI thread, which Qt does not allow and which showed
up as a segmentation fault in the GUI thread a while later. Measured here before this
guard: of 1,500 widgets dropped in cycles while one thread allocated, about 1,400 were
finalized on that thread.

:class:`MainThreadCollector` turns the automatic collector off and collects from a
timer on the GUI thread instead, with CPython's own thresholds, so the amount of work is
the same and only the thread changes (pyqtgraph's ``GarbageCollector`` does the same
for the same reason). Collections still happen while the event loop runs, which it does
whenever the GUI thread is idle, during long work, and in every ``qtbot`` wait.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the GUI thread looks at the allocation counts.
INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects cyclic garbage on the thread this object lives in (the GUI thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.collections = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Hand collection back to CPython (closing down, tests)."""
        self._timer.stop()
        gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose threshold is crossed; the objects found."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            threshold = self._thresholds[generation]
            if threshold and counts[generation] > threshold:
                self.collections += 1
                return gc.collect(generation)
        return 0


def collect_on_gui_thread() -> MainThreadCollector:
    """Start collecting on the GUI thread for the rest of the application's life
    (idempotent: a second call returns the collector already running)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("collect_on_gui_thread() needs the QApplication first")
    existing = app.findChild(MainThreadCollector)
    if isinstance(existing, MainThreadCollector):
        return existing
    collector = MainThreadCollector(app)
    collector.start()
    return collector
