"""Adding, editing (one cell at a time) and removing stakeholders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrm_desk.changes import Changes
from scrm_desk.records import Stakeholder
from ui.commands.base import WorkspaceCommand, tr
from ui.labels import field_label

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class AddStakeholder(WorkspaceCommand):
    """Undo deletes the stakeholder; redo puts the same record back."""

    def __init__(self, workspace: Workspace, engagement_id: str, values: Mapping[str, Any]) -> None:
        super().__init__(workspace, tr("Add stakeholder “{name}”").format(name=values["name"]))
        self._values = {"engagement_id": engagement_id, **values}
        self.record: Stakeholder | None = None

    def _do(self) -> Changes:
        if self.record is None:
            saved = self.workspace.stakeholders.create(**self._values)
        else:
            saved = self.workspace.stakeholders.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        assert self.record is not None
        self.record = self.workspace.stakeholders.get(self.record.id)
        return self.workspace.stakeholders.delete(self.record.id)

    def done_message(self) -> str:
        name = self.record.name if self.record else ""
        return tr("Stakeholder “{name}” added").format(name=name)


class EditStakeholder(WorkspaceCommand):
    """Changes one field of one stakeholder, as an in-place edit of one table cell does."""

    def __init__(self, workspace: Workspace, stakeholder_id: str, field: str, value: Any) -> None:
        self._id = stakeholder_id
        self._field = field
        self._new = value
        self._old: Any = None
        self._name = workspace.stakeholders.get(stakeholder_id).name
        super().__init__(
            workspace,
            tr("Change {field} of “{name}”").format(field=field_label(field), name=self._name),
        )

    def _do(self) -> Changes:
        current = self.workspace.stakeholders.get(self._id)
        if self._old is None:
            self._old = getattr(current, self._field)
        return self.workspace.stakeholders.update(self._id, **{self._field: self._new}).changes

    def _undo(self) -> Changes:
        return self.workspace.stakeholders.update(self._id, **{self._field: self._old}).changes

    def done_message(self) -> str:
        return tr("{field} of “{name}” changed").format(
            field=field_label(self._field), name=self._name
        )


class RemoveStakeholder(WorkspaceCommand):
    """Deletes a stakeholder; undo puts the exact record back."""

    def __init__(self, workspace: Workspace, stakeholder_id: str) -> None:
        self._record = workspace.stakeholders.get(stakeholder_id)
        super().__init__(
            workspace, tr("Remove stakeholder “{name}”").format(name=self._record.name)
        )

    def _do(self) -> Changes:
        self._record = self.workspace.stakeholders.get(self._record.id)
        return self.workspace.stakeholders.delete(self._record.id)

    def _undo(self) -> Changes:
        return self.workspace.stakeholders.put_back(self._record).changes

    def done_message(self) -> str:
        return tr("Stakeholder “{name}” removed").format(name=self._record.name)
