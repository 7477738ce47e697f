"""The one channel through which views learn that the workspace changed.

Commands broadcast the :class:`~scrm_desk.changes.Changes` the core returned; every view
connects to :attr:`WorkspaceEvents.workspace_changed` and refreshes only when the kinds
it shows are touched. Views never call each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from scrm_desk.changes import ENGAGEMENT_HELD_KINDS, Changes

#: Every kind of record; a full refresh touches them all.
ALL_KINDS = frozenset({"client", "engagement", "setting", *ENGAGEMENT_HELD_KINDS})


class WorkspaceEvents(QObject):
    """Broadcasts what changed in the open workspace."""

    #: Emitted with the :class:`Changes` of each write, undo and redo.
    workspace_changed = Signal(object)

    def broadcast(self, changes: Changes) -> None:
        """Tell every view about ``changes``; an empty record is not worth a signal."""
        if changes:
            self.workspace_changed.emit(changes)

    def broadcast_everything(self) -> None:
        """Ask every view to re-read, e.g. after a command-line import changed the file."""
        self.workspace_changed.emit(Changes(ALL_KINDS))
