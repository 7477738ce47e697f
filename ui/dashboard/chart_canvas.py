"""A matplotlib figure from the core, shown in a Qt widget at its own aspect ratio.

Each chart keeps the proportions it was designed with (the report prints the same
figure), so the canvas is fitted into the space available and centred, rather than
stretched. A new figure gets a new ``FigureCanvasQTAgg`` (the canvas takes care of the
screen's device pixel ratio for the figure it was made with).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

os.environ.setdefault("QT_API", "pyside6")

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The canvas may shrink to this share of the figure's designed size, no further.
MIN_SCALE = 0.55


class ChartCanvas(QWidget):
    """Holds one figure at a time; :meth:`set_figure` swaps it."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.canvas: FigureCanvasQTAgg | None = None
        self.figure: Figure | None = None
        self._natural = QSize(600, 480)
        self._key: object = None
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def shows(self, key: object) -> bool:
        """Whether the figure on screen was built from data equal to ``key``.

        Most changes (evidence text, confidence, another lens) leave a chart's numbers as
        they were; the owner then keeps the figure instead of building it again.
        """
        return self.figure is not None and key is not None and key == self._key

    def set_figure(self, figure: Figure, description: str = "", key: object = None) -> None:
        """Show ``figure``; ``description`` is what screen readers read out for it, ``key``
        the data it was built from (see :meth:`shows`)."""
        self._key = key
        width, height = figure.get_size_inches()
        self._natural = QSize(round(width * figure.dpi), round(height * figure.dpi))
        old = self.canvas
        canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(self)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setAccessibleDescription(description)
        self.setAccessibleDescription(description)
        self.canvas, self.figure = canvas, figure
        self.placeholder.setVisible(False)
        self.setMinimumSize(
            round(self._natural.width() * MIN_SCALE), round(self._natural.height() * MIN_SCALE)
        )
        self._place()
        canvas.show()
        # One draw, on the next turn of the event loop: placing the canvas already asked
        # for it (an explicit draw() here would render the figure twice).
        canvas.draw_idle()
        if old is not None:
            old.hide()
            old.deleteLater()

    def show_message(self, text: str) -> None:
        """No chart: say why instead."""
        if self.canvas is not None:
            self.canvas.hide()
            self.canvas.deleteLater()
            self.canvas = self.figure = None
        self._key = None
        self.setMinimumSize(0, 0)
        self.placeholder.setText(text)
        self.placeholder.setVisible(True)

    def sizeHint(self) -> QSize:
        return self._natural

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Fit the canvas into this widget at the figure's aspect ratio, centred."""
        if self.canvas is None:
            return
        natural = self._natural
        size = natural.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) // 2
        top = (self.height() - size.height()) // 2
        self.canvas.setGeometry(left, top, size.width(), size.height())
