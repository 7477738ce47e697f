"""Creating, editing and deleting clients."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrm_desk.changes import Changes
from scrm_desk.records import Client
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class CreateClient(WorkspaceCommand):
    """Undo deletes the client; redo puts the very same record back (same id)."""

    def __init__(self, workspace: Workspace, values: Mapping[str, Any]) -> None:
        super().__init__(workspace, tr("New client “{name}”").format(name=values.get("name", "")))
        self._values = dict(values)
        self.record: Client | None = None

    def _do(self) -> Changes:
        if self.record is None:
            saved = self.workspace.clients.create(**self._values)
        else:
            saved = self.workspace.clients.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        assert self.record is not None
        self.record = self.workspace.clients.get(self.record.id)
        return self.workspace.clients.delete(self.record.id)

    def done_message(self) -> str:
        return tr("Client “{name}” created").format(name=self.record.name if self.record else "")


class EditClient(WorkspaceCommand):
    """Changes the given fields; undo writes back the values they had before."""

    def __init__(self, workspace: Workspace, client_id: str, values: Mapping[str, Any]) -> None:
        name = values.get("name") or workspace.clients.get(client_id).name
        super().__init__(workspace, tr("Edit client “{name}”").format(name=name))
        self._id = client_id
        self._new = dict(values)
        self._old: dict[str, Any] | None = None

    def _do(self) -> Changes:
        if self._old is None:
            current = self.workspace.clients.get(self._id)
            self._old = {name: getattr(current, name) for name in self._new}
        return self.workspace.clients.update(self._id, **self._new).changes

    def _undo(self) -> Changes:
        assert self._old is not None
        return self.workspace.clients.update(self._id, **self._old).changes

    def done_message(self) -> str:
        return tr("Client “{name}” saved").format(name=self.workspace.clients.get(self._id).name)


class DeleteClient(WorkspaceCommand):
    """Deletes a client with no engagements (the core refuses otherwise); undo puts it back."""

    def __init__(self, workspace: Workspace, client_id: str) -> None:
        self._record = workspace.clients.get(client_id)
        super().__init__(workspace, tr("Delete client “{name}”").format(name=self._record.name))

    def _do(self) -> Changes:
        self._record = self.workspace.clients.get(self._record.id)
        return self.workspace.clients.delete(self._record.id)

    def _undo(self) -> Changes:
        return self.workspace.clients.put_back(self._record).changes

    def done_message(self) -> str:
        return tr("Client “{name}” deleted").format(name=self._record.name)
