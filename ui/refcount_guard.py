"""A guard against reference-count bugs in the PySide6 6.12.0 bindings on Python 3.11.

Measured here: ``QStandardItem.setData()`` and ``QStandardItem.appendRow(list)`` each
release a reference to ``None`` they never took, and every ``Signal.emit()`` releases
one to ``True``. The counts of these singletons fall with use until CPython frees one
and aborts ("none_dealloc" / "bool_dealloc"), or, with a worker thread emitting
progress, crashes outright: a thousand navigator rows, or a few thousand signals, are
enough. Python 3.12 made these singletons immortal, which turns such leaks harmless; on
older Pythons we give them the same effective immortality by raising their counts far
beyond anything a session can leak. Remove this once the pinned bindings are fixed.
"""

from __future__ import annotations

import ctypes
import sys

#: About a trillion: at one leak per microsecond, thirty years of running.
HEADROOM = 1 << 40

#: The objects the bindings are seen to release without owning.
SINGLETONS: tuple[object, ...] = (None, True, False)


def make_singletons_immortal() -> None:
    """Raise the reference counts of :data:`SINGLETONS` by :data:`HEADROOM`
    (CPython < 3.12 only; idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in SINGLETONS:
        if sys.getrefcount(singleton) > HEADROOM:
            continue  # already done in this process
        # ob_refcnt is the first field of every object in CPython's non-debug builds.
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
