"""Read-only values under their labels, for the summaries at the top of a page."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


class DetailForm(QWidget):
    """A form of selectable labels; rows are declared once with :meth:`add_row`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, QLabel] = {}
        self._layout = QFormLayout(self)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)

    def add_row(self, key: str, label: str) -> QLabel:
        value = QLabel()
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        # Absolute: an Arabic or Hebrew value would otherwise align to the far right,
        # away from its label, while every other value starts at the left.
        value.setAlignment(
            Qt.AlignmentFlag.AlignLeft
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        value.setAccessibleName(label.replace("&", "").rstrip(":"))
        caption = QLabel(label)
        caption.setBuddy(value)
        self._layout.addRow(caption, value)
        self._values[key] = value
        return value

    def value_label(self, key: str) -> QLabel:
        return self._values[key]

    def set_values(self, values: Mapping[str, str]) -> None:
        """Show ``values`` by key; an empty value shows as an em dash."""
        for key, label in self._values.items():
            label.setText(values.get(key) or "—")

    def clear(self) -> None:
        self.set_values({})
