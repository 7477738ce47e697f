"""A table view that keeps F2 and Delete for itself while it has the focus.

The main window binds F2 (edit the engagement) and Delete (move it to the trash) for the
whole window. Inside a table those keys mean "edit this cell" and "remove this row", so
the view claims them through ``ShortcutOverride`` (the way a line edit claims Ctrl+Z)
and the window's shortcuts do not fire. It claims F2 only on an editable cell, and
Delete only once its owner has said what Delete does (:meth:`set_delete_enabled`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class RecordTableView(QTableView):
    #: Delete was pressed with rows selected and no editor open.
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delete_enabled = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)

    def set_delete_enabled(self, enabled: bool) -> None:
        """Let Delete emit :attr:`delete_pressed` (and not reach the window)."""
        self._delete_enabled = enabled

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._claims(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def _claims(self, event: QKeyEvent) -> bool:
        current = self.currentIndex()
        if (
            event.modifiers() != Qt.KeyboardModifier.NoModifier
            or self.state() == QAbstractItemView.State.EditingState
            or not current.isValid()
        ):
            return False
        if event.key() == Qt.Key.Key_F2:
            return bool(current.flags() & Qt.ItemFlag.ItemIsEditable)
        return event.key() == Qt.Key.Key_Delete and self._delete_enabled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self._delete_enabled
            and event.key() == Qt.Key.Key_Delete
            and self.state() != QAbstractItemView.State.EditingState
            and self.selectionModel() is not None
            and self.selectionModel().hasSelection()
        ):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
