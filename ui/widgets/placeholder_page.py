"""A page that says plainly what will be there, and that it is not there yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


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
            label.setMaximumWidth(560)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The palette's muted text colour, so the note reads in light and dark themes.
        self.note_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for label in (self.heading_label, self.explanation_label, self.note_label):
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.setSpacing(12)
        layout.addStretch(3)
