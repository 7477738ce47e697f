"""Editors for the stakeholder table: a combo box for the group, line edits elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scrm_desk.records import StakeholderGroup
from ui.labels import group_label
from ui.models.stakeholder_table_model import COLUMN_OF, COLUMNS

AnyIndex = QModelIndex | QPersistentModelIndex
_GROUP_COLUMN = COLUMN_OF["group"]


class StakeholderDelegate(QStyledItemDelegate):
    """Each editor is named after its column for screen readers.

    A value the core refuses (an e-mail without an @) is not thrown away: the editor
    opens again on the same cell with the text as typed, so it can be corrected, while
    the page shows why it was refused.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        #: Text refused for a cell, by (row, column), waiting for the editor to reopen.
        self._refused: dict[tuple[int, int], str] = {}

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        if index.column() == _GROUP_COLUMN:
            combo = QComboBox(parent)
            for group in StakeholderGroup:
                combo.addItem(group_label(group), group.value)
            combo.setFrame(False)
            editor: QWidget = combo
        else:
            editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(COLUMNS[index.column()].header())
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        refused = self._refused.pop((index.row(), index.column()), None)
        if refused is not None and isinstance(editor, QLineEdit):
            editor.setText(refused)
            editor.selectAll()
            return
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if not isinstance(editor, QLineEdit):
            super().setModelData(editor, model, index)
            return
        text = editor.text()
        if model.setData(index, text, Qt.ItemDataRole.EditRole):
            return
        if text != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            self._refused[(index.row(), index.column())] = text
            cell = QPersistentModelIndex(index)
            # After this editor has closed: reopen the cell with the refused text.
            QTimer.singleShot(0, self, lambda: self._reopen(cell))

    def _reopen(self, cell: QPersistentModelIndex) -> None:
        if cell.isValid():
            index = cell.model().index(cell.row(), cell.column())
            self._view.setCurrentIndex(index)
            self._view.scrollTo(index)
            self._view.edit(index)
        else:
            self._refused.clear()
