"""Editors for the stakeholder table: a combo box for the group, line edits elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from scrm_desk.records import StakeholderGroup
from ui.labels import group_label
from ui.models.stakeholder_table_model import COLUMN_OF, COLUMNS

AnyIndex = QModelIndex | QPersistentModelIndex
_GROUP_COLUMN = COLUMN_OF["group"]


class StakeholderDelegate(QStyledItemDelegate):
    """Each editor is named after its column for screen readers."""

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
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
