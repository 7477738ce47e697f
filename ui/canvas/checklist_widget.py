"""A checklist of long, word-wrapped items: the outside-in gate and the governance list.

A ``QCheckBox`` does not wrap its text, and these items are sentences, so each row is a
check box (named for screen readers with the whole sentence) beside a wrapping label
that toggles it when clicked. Ticking never changes the box by itself: the widget asks
(:attr:`ChecklistWidget.toggle_requested`), a command writes, and the page calls
:meth:`ChecklistWidget.set_items` with what the workspace now holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    text: str
    checked: bool


class ClickableLabel(QLabel):
    """A label that says when it is clicked (to toggle the button beside it)."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            event.accept()
            return
        super().mousePressEvent(event)


class ChecklistWidget(QWidget):
    """Rows of (check box, sentence); the order and texts come from the framework."""

    #: The user ticked (True) or unticked (False) the item with this id.
    toggle_requested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(8)
        self._layout.setVerticalSpacing(6)
        self._layout.setColumnStretch(1, 1)
        self.boxes: dict[str, QCheckBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._ids: tuple[str, ...] = ()

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        """Show ``items``; rows are rebuilt only when the items themselves change."""
        ids = tuple(item.id for item in items)
        if ids != self._ids:
            self._rebuild(items)
        for item in items:
            box = self.boxes[item.id]
            box.blockSignals(True)
            box.setChecked(item.checked)
            box.blockSignals(False)
            self._labels[item.id].setText(item.text)
            box.setAccessibleName(item.text)

    def checked_ids(self) -> list[str]:
        return [item_id for item_id, box in self.boxes.items() if box.isChecked()]

    def _rebuild(self, items: Sequence[ChecklistItem]) -> None:
        for widget in (*self.boxes.values(), *self._labels.values()):
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self.boxes, self._labels = {}, {}
        for row, item in enumerate(items):
            box = QCheckBox()
            box.setAccessibleName(item.text)
            label = ClickableLabel(item.text)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            label.setTextFormat(Qt.TextFormat.PlainText)
            box.toggled.connect(
                lambda checked, item_id=item.id: self._on_box_toggled(item_id, checked)
            )
            label.clicked.connect(lambda box=box: box.click())
            self._layout.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            self._layout.addWidget(label, row, 1)
            self.boxes[item.id] = box
            self._labels[item.id] = label
        self._ids = tuple(item.id for item in items)

    def _on_box_toggled(self, item_id: str, checked: bool) -> None:
        # Put the box back: it shows what the workspace holds, not what was clicked.
        box = self.boxes[item_id]
        box.blockSignals(True)
        box.setChecked(not checked)
        box.blockSignals(False)
        self.toggle_requested.emit(item_id, checked)
