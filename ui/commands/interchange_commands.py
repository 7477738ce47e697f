"""Importing an engagement file as one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrm_desk.changes import ENGAGEMENT_HELD_KINDS, Changes
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.interchange import EngagementDocument, ImportResult
    from scrm_desk.workspace import Workspace

_IMPORT_KINDS = Changes(frozenset({"client", "engagement", *ENGAGEMENT_HELD_KINDS}))


class ImportEngagement(WorkspaceCommand):
    """Imports a checked document; undo deletes what it wrote, redo writes it back.

    Undo exports the imported engagement first, so redo restores it exactly, the fresh
    ids of an imported copy included. A client the file brought is deleted on undo; a
    client that was already here is left alone.
    """

    def __init__(
        self, workspace: Workspace, document: EngagementDocument, *, as_copy: bool = False
    ) -> None:
        super().__init__(workspace, tr("Import “{title}”").format(title=document.engagement.title))
        self._document = document
        self._as_copy = as_copy
        self.result: ImportResult | None = None
        self._undone: dict[str, Any] | None = None

    @property
    def engagement_id(self) -> str | None:
        return self.result.engagement_id if self.result else None

    def _do(self) -> Changes:
        from scrm_desk.interchange import import_engagement

        ws = self.workspace
        if self.result is None:
            self.result = import_engagement(
                ws, self._document, on_conflict="copy" if self._as_copy else "refuse"
            )
            return self.result.changes | _IMPORT_KINDS
        assert self._undone is not None
        return import_engagement(ws, self._undone).changes | _IMPORT_KINDS

    def _undo(self) -> Changes:
        from scrm_desk.interchange import export_engagement

        assert self.result is not None
        ws = self.workspace
        self._undone = export_engagement(ws, self.result.engagement_id)
        ws.engagements.delete(self.result.engagement_id)  # all it holds goes with it
        if not self.result.client_reused:
            ws.clients.delete(self.result.client_id)
        return _IMPORT_KINDS

    def done_message(self) -> str:
        if self.result is None:
            return self.text()
        if self.result.as_copy:
            return tr("Imported “{title}” as a copy").format(title=self.result.title)
        return tr("Imported “{title}”").format(title=self.result.title)
