"""Adding the demo engagement as one undoable step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scrm_desk.changes import Changes, Saved
from scrm_desk.records import Client, Engagement, Stakeholder
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

DemoFactory = Callable[["Workspace"], Saved[Engagement]]

_DEMO_KINDS = Changes(frozenset({"client", "engagement", "stakeholder"}))


class AddDemoEngagement(WorkspaceCommand):
    """Runs the core's demo factory once; undo deletes what it made, redo puts it back.

    The factory may reuse an existing client; undo deletes the client only if the factory
    created it.
    """

    def __init__(self, workspace: Workspace, factory: DemoFactory) -> None:
        super().__init__(workspace, tr("Add demo engagement"))
        self._factory = factory
        self._engagement: Engagement | None = None
        self._client: Client | None = None
        self._client_is_new = False
        self._stakeholders: list[Stakeholder] = []

    @property
    def engagement_id(self) -> str | None:
        return self._engagement.id if self._engagement else None

    def _do(self) -> Changes:
        ws = self.workspace
        if self._engagement is None:
            before = {client.id for client in ws.clients.all()}
            saved = self._factory(ws)
            self._engagement = saved.record
            self._client = ws.clients.get(saved.record.client_id)
            self._client_is_new = self._client.id not in before
            self._stakeholders = ws.stakeholders.for_engagement(saved.record.id)
            return saved.changes | _DEMO_KINDS
        if self._client_is_new and self._client is not None:
            ws.clients.put_back(self._client)
        ws.engagements.put_back(self._engagement)
        for stakeholder in self._stakeholders:
            ws.stakeholders.put_back(stakeholder)
        return _DEMO_KINDS

    def _undo(self) -> Changes:
        assert self._engagement is not None and self._client is not None
        ws = self.workspace
        self._engagement = ws.engagements.get(self._engagement.id)
        self._stakeholders = ws.stakeholders.for_engagement(self._engagement.id)
        ws.engagements.delete(self._engagement.id)  # its stakeholders go with it
        if self._client_is_new:
            self._client = ws.clients.get(self._client.id)
            ws.clients.delete(self._client.id)
        return _DEMO_KINDS

    def done_message(self) -> str:
        title = self._engagement.title if self._engagement else ""
        return tr("Demo engagement “{title}” added").format(title=title)
