"""A guard against a reference-count bug in the PySide6 6.12.0 bindings on Python 3.11.

Measured here: ``QStandardItem.setData()`` and ``QStandardItem.appendRow(list)`` each
release one reference to ``None`` that they never took. Every row the navigator shows
costs a few, so a workspace of a thousand engagements drives ``None``'s count to zero
and CPython aborts ("none_dealloc: deallocating None") on the next collection or at
exit. Python 3.12 made ``None`` immortal, which turns such leaks harmless; on older
Pythons we give it the same effective immortality by raising its count far beyond
anything a session can leak. Remove this once the pinned bindings are fixed.
"""

from __future__ import annotations

import ctypes
import sys

#: About a trillion: at one leak per microsecond, thirty years of running.
HEADROOM = 1 << 40


def make_none_immortal() -> None:
    """Raise ``None``'s reference count by :data:`HEADROOM` (CPython < 3.12 only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if sys.getrefcount(None) > HEADROOM:
        return  # already done in this process
    # ob_refcnt is the first field of every object in CPython's non-debug builds.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += HEADROOM
