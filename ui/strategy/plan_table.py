"""Tables of planning records, edited in place: a model with its columns declared once,
and the delegate that gives each kind of column its editor.

``setData`` never changes the model: it hands the edit to the page's handler, which
runs an undoable command; the command's broadcast makes the page call
:meth:`PlanTableModel.set_rows` with what the workspace now holds. A refused edit
therefore leaves the old value in place (the same contract as the stakeholder table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex

#: Called with (row id, field, new value); returns whether the edit was accepted.
EditHandler = Callable[[str, str, Any], bool]

TEXT, CHOICE, LEVEL, CHECK, NUMBER = "text", "choice", "level", "check", "number"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the record field it shows, its header (untranslated, in the
    ``"PlanTable"`` context), the kind of editor, and whether it can be edited."""

    field: str
    title: str
    kind: str = TEXT
    editable: bool = True
    width: int = 140

    def header(self) -> str:
        return QCoreApplication.translate("PlanTable", self.title)


class PlanTableModel(QAbstractTableModel):
    """Rows are any objects with an ``id`` and the columns' fields as attributes."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    #: The raw value, for sorting through a ``QSortFilterProxyModel``.
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self,
        columns: Sequence[Column],
        edit_handler: EditHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.column_of = {column.field: number for number, column in enumerate(self.columns)}
        self._rows: list[Any] = []
        self._edit_handler = edit_handler
        #: field -> [(value, label)], for choice and level columns.
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        #: A level column may be left empty (shown as "—").
        self.none_label = "—"

    # -- contents -------------------------------------------------------------------------
    def set_choices(self, field: str, choices: Sequence[tuple[Any, str]]) -> None:
        self._choices[field] = list(choices)
        column = self.column_of.get(field)
        if column is not None and self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def choices(self, field: str) -> list[tuple[Any, str]]:
        return list(self._choices.get(field, []))

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``; a reset only when rows came or went, so selection and the
        current cell survive an edit."""
        new = list(rows)
        if [r.id for r in new] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        self._rows = new
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(self.columns) - 1))

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, row_id: str) -> int | None:
        for number, record in enumerate(self._rows):
            if record.id == row_id:
                return number
        return None

    def label(self, field: str, value: Any) -> str:
        """How a value of ``field`` reads in the table."""
        if value is None or value == "":
            return self.none_label if self.columns[self.column_of[field]].kind == LEVEL else ""
        for choice, label in self._choices.get(field, []):
            if choice == value:
                return label
        if hasattr(value, "value"):  # an enum not offered as a choice
            return str(value.value)
        return str(value)

    # -- the model interface --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header()
        return super().headerData(section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        column = self.columns[index.column()]
        if column.editable and self._edit_handler is not None:
            if column.kind == CHECK:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        value = getattr(record, column.field)
        plain = value.value if hasattr(value, "value") else value
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == CHECK:
                return None
            text = self.label(column.field, value)
            return text.split("\n", 1)[0] + " …" if "\n" in text else text
        if role == Qt.ItemDataRole.EditRole:
            return plain
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == CHECK:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column.kind in (TEXT, CHOICE) and value:
            return self.label(column.field, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (LEVEL, NUMBER):
            return Qt.AlignmentFlag.AlignCenter
        if role == self.SortRole:
            if plain is None:
                return -1
            return plain if isinstance(plain, int | float) else self.label(column.field, value)
        if role == self.IdRole:
            return record.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or self._edit_handler is None
            or not (0 <= index.row() < len(self._rows))
        ):
            return False
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if not column.editable:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == CHECK:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        current = getattr(record, column.field)
        current = current.value if hasattr(current, "value") else current
        if column.kind == TEXT:
            value = str(value).strip()
        if current == value:
            return False  # nothing to change, nothing to undo
        return self._edit_handler(record.id, column.field, value)


class PlanTableDelegate(QStyledItemDelegate):
    """A combo box for choice and level columns; the default line edit for text."""

    def __init__(self, model: PlanTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def _column(self, index: QModelIndex | QPersistentModelIndex) -> Column:
        return self._model.columns[index.column()]

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        column = self._column(index)
        if column.kind in (CHOICE, LEVEL):
            combo = QComboBox(parent)
            combo.setAccessibleName(column.header())
            for value, label in self._model.choices(column.field):
                combo.addItem(label, value)
            return combo
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(column.header())
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = next((i for i in range(editor.count()) if editor.itemData(i) == value), -1)
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
