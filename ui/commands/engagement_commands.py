"""Creating and editing engagements, and moving them in and out of the trash."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrm_desk.changes import Changes
from scrm_desk.records import Engagement
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class CreateEngagement(WorkspaceCommand):
    """Undo deletes the engagement row outright (not via the trash).

    By the time this command is undone every later command has been undone too, so the
    engagement holds nothing yet; redo puts the same record back, id included.
    """

    def __init__(self, workspace: Workspace, values: Mapping[str, Any]) -> None:
        super().__init__(
            workspace, tr("New engagement “{title}”").format(title=values.get("title", ""))
        )
        self._values = dict(values)
        self.record: Engagement | None = None

    def _do(self) -> Changes:
        if self.record is None:
            saved = self.workspace.engagements.create(**self._values)
        else:
            saved = self.workspace.engagements.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        assert self.record is not None
        self.record = self.workspace.engagements.get(self.record.id)
        return self.workspace.engagements.delete(self.record.id)

    def done_message(self) -> str:
        title = self.record.title if self.record else ""
        return tr("Engagement “{title}” created").format(title=title)


class EditEngagement(WorkspaceCommand):
    """Changes the given fields; undo writes back the values they had before."""

    def __init__(self, workspace: Workspace, engagement_id: str, values: Mapping[str, Any]) -> None:
        title = values.get("title") or workspace.engagements.get(engagement_id).title
        super().__init__(workspace, tr("Edit engagement “{title}”").format(title=title))
        self._id = engagement_id
        self._new = dict(values)
        self._old: dict[str, Any] | None = None

    def _do(self) -> Changes:
        if self._old is None:
            current = self.workspace.engagements.get(self._id)
            self._old = {name: getattr(current, name) for name in self._new}
        saved = self.workspace.engagements.update(self._id, **self._new)
        # A new client changes what both clients show in the navigator.
        return saved.changes | (Changes.of("client") if "client_id" in self._new else Changes())

    def _undo(self) -> Changes:
        assert self._old is not None
        saved = self.workspace.engagements.update(self._id, **self._old)
        return saved.changes | (Changes.of("client") if "client_id" in self._old else Changes())

    def done_message(self) -> str:
        title = self.workspace.engagements.get(self._id).title
        return tr("Engagement “{title}” saved").format(title=title)


class TrashEngagement(WorkspaceCommand):
    """Moves an engagement to the trash; undo restores it."""

    def __init__(self, workspace: Workspace, engagement_id: str) -> None:
        self._id = engagement_id
        self._title = workspace.engagements.get(engagement_id).title
        super().__init__(workspace, tr("Move “{title}” to the trash").format(title=self._title))

    def _do(self) -> Changes:
        return self.workspace.engagements.move_to_trash(self._id)

    def _undo(self) -> Changes:
        return self.workspace.engagements.restore_from_trash(self._id)

    def done_message(self) -> str:
        return tr("Engagement “{title}” moved to the trash").format(title=self._title)


class RestoreEngagement(WorkspaceCommand):
    """Takes an engagement out of the trash; undo puts it back in."""

    def __init__(self, workspace: Workspace, engagement_id: str) -> None:
        self._id = engagement_id
        self._title = workspace.engagements.get(engagement_id).title
        super().__init__(workspace, tr("Restore “{title}”").format(title=self._title))

    def _do(self) -> Changes:
        return self.workspace.engagements.restore_from_trash(self._id)

    def _undo(self) -> Changes:
        return self.workspace.engagements.move_to_trash(self._id)

    def done_message(self) -> str:
        return tr("Engagement “{title}” restored from the trash").format(title=self._title)
