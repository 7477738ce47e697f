"""A table view that keeps F2 and Delete for itself while it has the focus.

The main window binds F2 (edit the engagement) and Delete (move it to the trash) for the
whole window. Inside a table those keys mean "edit this cell" and "remove this row", so
the view claims them through ``ShortcutOverride`` (the way a line edit claims Ctrl+Z)
and the window's shortcuts do not fire.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_CLAIMED_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Delete)


class RecordTableView(QTableView):
    #: Delete was pressed with rows selected and no editor open.
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _CLAIMED_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().isValid()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() == Qt.Key.Key_Delete
            and self.state() != QAbstractItemView.State.EditingState
            and self.selectionModel() is not None
            and self.selectionModel().hasSelection()
        ):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
