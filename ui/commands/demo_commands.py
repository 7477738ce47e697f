"""Adding the demo engagement as one undoable step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrm_desk.changes import ENGAGEMENT_HELD_KINDS, Changes, Saved
from scrm_desk.records import Engagement
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

DemoFactory = Callable[["Workspace"], Saved[Engagement]]

_DEMO_KINDS = Changes(frozenset({"client", "engagement", *ENGAGEMENT_HELD_KINDS}))


class AddDemoEngagement(WorkspaceCommand):
    """Runs the core's demo factory once; undo deletes what it made, redo puts it back.

    Undo first exports the engagement with everything it holds (assessments, answers,
    planning) through the interchange format; redo imports that document, so the demo
    comes back exactly, ids included. The factory may reuse an existing client; undo
    deletes the client only if the factory created it.
    """

    def __init__(self, workspace: Workspace, factory: DemoFactory) -> None:
        super().__init__(workspace, tr("Add demo engagement"))
        self._factory = factory
        self._engagement: Engagement | None = None
        self._client_is_new = False
        self._document: dict[str, Any] | None = None

    @property
    def engagement_id(self) -> str | None:
        return self._engagement.id if self._engagement else None

    def _do(self) -> Changes:
        ws = self.workspace
        if self._engagement is None:
            before = {client.id for client in ws.clients.all()}
            saved = self._factory(ws)
            self._engagement = saved.record
            self._client_is_new = saved.record.client_id not in before
            return saved.changes | _DEMO_KINDS
        from scrm_desk.interchange import import_engagement

        assert self._document is not None
        return import_engagement(ws, self._document).changes | _DEMO_KINDS

    def _undo(self) -> Changes:
        from scrm_desk.interchange import export_engagement

        assert self._engagement is not None
        ws = self.workspace
        self._document = export_engagement(ws, self._engagement.id)
        ws.engagements.delete(self._engagement.id)  # all it holds goes with it
        if self._client_is_new:
            ws.clients.delete(self._engagement.client_id)
        return _DEMO_KINDS

    def done_message(self) -> str:
        title = self._engagement.title if self._engagement else ""
        return tr("Demo engagement “{title}” added").format(title=title)
