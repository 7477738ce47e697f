"""Tables of planning records, edited in place: a model with its columns declared once,
and the delegate that gives each kind of column its editor.

``setData`` never changes the model: it hands the edit to the page's handler, which
runs an undoable command; the command's broadcast makes the page call
:meth:`PlanTableModel.set_rows` with what the workspace now holds. A refused edit
therefore leaves the old value in place (the same contract as the stakeholder table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.columns import AnyIndex, ColumnTableModel, EditHandler

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

    @property
    def key(self) -> str:
        return self.field

    @property
    def numeric(self) -> bool:
        return self.kind in (LEVEL, NUMBER)

    def header(self) -> str:
        return QCoreApplication.translate("PlanTable", self.title)

    def header_tip(self) -> str | None:
        return None


class PlanTableModel(ColumnTableModel[Any]):
    """Rows are any objects with an ``id`` and the columns' fields as attributes.

    :meth:`set_rows` resets only when rows came, went or moved, so selection and the
    current cell survive an edit.
    """

    numeric_alignment = Qt.AlignmentFlag.AlignCenter
    columns: tuple[Column, ...]

    def __init__(
        self,
        columns: Sequence[Column],
        edit_handler: EditHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, attrgetter("id"), parent)
        self._edit_handler = edit_handler
        #: field -> [(value, label)], for choice and level columns.
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        #: A level column may be left empty (shown as "—").
        self.none_label = "—"

    # -- contents -------------------------------------------------------------------------
    def set_choices(self, field: str, choices: Sequence[tuple[Any, str]]) -> None:
        self._choices[field] = list(choices)
        column = self.column_of.get(field)
        if column is not None:
            self.cells_changed(column)

    def choices(self, field: str) -> list[tuple[Any, str]]:
        return list(self._choices.get(field, []))

    def label(self, field: str, value: Any) -> str:
        """How a value of ``field`` reads in the table."""
        if value is None or value == "":
            return self.none_label if self._column(field).kind == LEVEL else ""
        for choice, label in self._choices.get(field, []):
            if choice == value:
                return label
        if hasattr(value, "value"):  # an enum not offered as a choice
            return str(value.value)
        return str(value)

    def _column(self, field: str) -> Column:
        return self.columns[self.column_of[field]]

    # -- the model interface --------------------------------------------------------------
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

    def display(self, record: Any, key: str) -> Any:
        if self._column(key).kind == CHECK:
            return None
        text = self.label(key, getattr(record, key))
        return text.split("\n", 1)[0] + " …" if "\n" in text else text

    def sort_value(self, record: Any, key: str) -> Any:
        value = getattr(record, key)
        plain = value.value if hasattr(value, "value") else value
        if plain is None:
            return -1
        return plain if isinstance(plain, int | float) else self.label(key, value)

    def cell_data(self, record: Any, key: str, role: int) -> Any:
        kind = self._column(key).kind
        value = getattr(record, key)
        if role == Qt.ItemDataRole.EditRole:
            return value.value if hasattr(value, "value") else value
        if role == Qt.ItemDataRole.CheckStateRole and kind == CHECK:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and kind in (TEXT, CHOICE) and value:
            return self.label(key, value)
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

    def _column(self, index: AnyIndex) -> Column:
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
