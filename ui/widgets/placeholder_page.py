"""A page that says plainly what will be there, and that it is not there yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """A heading and a few sentences, centred; no controls that pretend to work."""

    def __init__(
        self, heading: str, explanation: str, note: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.heading_label = QLabel(heading)
        font = QFont(self.heading_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading_label.setFont(font)
        self.explanation_label = QLabel(explanation)
        self.note_label = QLabel(note)
        self.note_label.setVisible(bool(note))
        for label in (self.heading_label, self.explanation_label, self.note_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The palette's muted text colour, so the note reads in light and dark themes.
        self.note_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        # A column of readable width, centred. (Word-wrapped labels added to a layout with
        # an alignment get their one-line size hint and lose lines.)
        column = QWidget()
        column.setMaximumWidth(560)
        column_layout = QVBoxLayout(column)
        column_layout.setSpacing(12)
        for label in (self.heading_label, self.explanation_label, self.note_label):
            column_layout.addWidget(label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
