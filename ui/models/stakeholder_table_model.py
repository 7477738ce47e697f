"""The stakeholders of one engagement, editable in place through undoable commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from scrm_desk.records import Stakeholder
from ui.labels import group_label

#: Called with (stakeholder id, field, new value); returns whether the edit was accepted.
EditHandler = Callable[[str, str, Any], bool]

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    title: str  # untranslated; see Column.header()

    def header(self) -> str:
        return QCoreApplication.translate("StakeholderTableModel", self.title)


COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("StakeholderTableModel", "Name")),
    Column("role", QT_TRANSLATE_NOOP("StakeholderTableModel", "Role")),
    Column("group", QT_TRANSLATE_NOOP("StakeholderTableModel", "Group")),
    Column("email", QT_TRANSLATE_NOOP("StakeholderTableModel", "E-mail")),
    Column("notes", QT_TRANSLATE_NOOP("StakeholderTableModel", "Notes")),
)
COLUMN_OF = {column.field: number for number, column in enumerate(COLUMNS)}


class StakeholderTableModel(QAbstractTableModel):
    """One row per stakeholder, one column per entry of :data:`COLUMNS`.

    ``setData`` never changes the model: it hands the edit to the ``edit_handler`` the
    page gives (which runs an undoable command). The command's broadcast makes the page
    call :meth:`set_stakeholders`, and the new value arrives from the workspace. A refused
    edit therefore leaves the old value in place. Without a handler the model is read-only.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, edit_handler: EditHandler | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Stakeholder] = []
        self._edit_handler = edit_handler

    # -- contents -------------------------------------------------------------------------
    def set_stakeholders(self, records: Sequence[Stakeholder]) -> None:
        """Show ``records``, keeping selection and current cell where rows only moved."""
        new = list(records)
        old_ids = [record.id for record in self._rows]
        new_ids = [record.id for record in new]
        if sorted(old_ids) != sorted(new_ids):
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
        elif old_ids == new_ids:
            self._rows = new
            if new:
                last = self.index(len(new) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.layoutAboutToBeChanged.emit()
            position = {record_id: row for row, record_id in enumerate(new_ids)}
            before = self.persistentIndexList()
            after = [self.index(position[old_ids[i.row()]], i.column()) for i in before]
            self._rows = new
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()

    def stakeholder_at(self, row: int) -> Stakeholder:
        return self._rows[row]

    def row_of(self, stakeholder_id: str) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == stakeholder_id:
                return row
        return None

    # -- the model interface --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].header()
        return super().headerData(section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._edit_handler is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record = self._rows[index.row()]
        field = COLUMNS[index.column()].field
        value = getattr(record, field)
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "group":
                return group_label(value)
            if field == "notes" and "\n" in value:
                return value.split("\n", 1)[0] + " …"
            return value
        if role == Qt.ItemDataRole.EditRole:
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and value:  # the whole of a cut-off cell
            return group_label(value) if field == "group" else value
        if role == self.IdRole:
            return record.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or self._edit_handler is None
            or not (0 <= index.row() < len(self._rows))
        ):
            return False
        record = self._rows[index.row()]
        field = COLUMNS[index.column()].field
        if str(getattr(record, field)) == value:
            return False  # nothing to change, nothing to undo
        return self._edit_handler(record.id, field, value)
