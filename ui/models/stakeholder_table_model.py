"""The stakeholders of one engagement, editable in place through undoable commands."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from scrm_desk.records import Stakeholder
from ui.labels import group_label
from ui.models.columns import (
    AnyIndex,
    Column,
    ColumnTableModel,
    EditHandler,
    column_numbers,
    declare_columns,
)

COLUMNS = declare_columns(
    "StakeholderTableModel",
    Column("name", QT_TRANSLATE_NOOP("StakeholderTableModel", "Name")),
    Column("role", QT_TRANSLATE_NOOP("StakeholderTableModel", "Role")),
    Column("group", QT_TRANSLATE_NOOP("StakeholderTableModel", "Group")),
    Column("email", QT_TRANSLATE_NOOP("StakeholderTableModel", "E-mail")),
    Column("notes", QT_TRANSLATE_NOOP("StakeholderTableModel", "Notes")),
)
COLUMN_OF = column_numbers(COLUMNS)


class StakeholderTableModel(ColumnTableModel[Stakeholder]):
    """One row per stakeholder, one column per entry of :data:`COLUMNS`.

    ``setData`` never changes the model: it hands the edit to the ``edit_handler`` the
    page gives (which runs an undoable command). The command's broadcast makes the page
    call :meth:`set_stakeholders`, and the new value arrives from the workspace. A refused
    edit therefore leaves the old value in place. Without a handler the model is read-only.
    """

    moves_rows = True

    def __init__(self, edit_handler: EditHandler | None = None, parent: QObject | None = None):
        super().__init__(COLUMNS, attrgetter("id"), parent)
        self._edit_handler = edit_handler

    def set_stakeholders(self, records: Sequence[Stakeholder]) -> None:
        """Show ``records``, keeping selection and current cell where rows only moved."""
        self.set_rows(records)

    def stakeholder_at(self, row: int) -> Stakeholder:
        return self.row_at(row)

    def display(self, row: Stakeholder, key: str) -> Any:
        value = getattr(row, key)
        if key == "group":
            return group_label(value)
        if key == "notes" and "\n" in value:
            return value.split("\n", 1)[0] + " …"
        return value

    def cell_data(self, row: Stakeholder, key: str, role: int) -> Any:
        value = getattr(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and value:  # the whole of a cut-off cell
            return group_label(value) if key == "group" else value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._edit_handler is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or self._edit_handler is None
            or not (0 <= index.row() < len(self._rows))
        ):
            return False
        record = self._rows[index.row()]
        field = COLUMNS[index.column()].key
        if str(getattr(record, field)) == value:
            return False  # nothing to change, nothing to undo
        return self._edit_handler(record.id, field, value)
