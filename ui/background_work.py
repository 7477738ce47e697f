"""What every owner of a worker thread offers the window that closes over it.

A window (or a page) about to go away finds its :class:`BackgroundWork` children with
:func:`background_work_in`, asks whether any is :attr:`~BackgroundWork.busy` (to let the
consultant keep an export running), and calls :meth:`~BackgroundWork.shutdown` on each
before it is deleted: the work is cancelled and its thread joined while every Qt object
it reports to still exists, and the jobs are let go of on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class BackgroundWork(QObject):
    """Base of the objects that run jobs in a thread pool."""

    @property
    def busy(self) -> bool:
        """Work the user started and would lose by closing now (an export)."""
        return False

    def shutdown(self) -> None:
        """Cancel what runs, wait for the thread, and let go of the jobs."""
        raise NotImplementedError


def background_work_in(root: QObject) -> list[BackgroundWork]:
    """Every :class:`BackgroundWork` under ``root`` (``root`` included)."""
    found = root.findChildren(BackgroundWork)
    if isinstance(root, BackgroundWork):
        found.insert(0, root)
    return found


def shut_down_background_work(root: QObject) -> None:
    """Stop every worker under ``root``; call before ``root`` is closed and deleted."""
    for work in background_work_in(root):
        work.shutdown()
