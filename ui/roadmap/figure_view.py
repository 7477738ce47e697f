"""A widget that shows one of the core's matplotlib ``Figure``s, scaled as a whole.

The core lays its figures out in inches (the PDF report embeds the same figures), so
they are shown the way the report shows them: the whole figure scaled to fit, keeping
its aspect, type and all. (A ``FigureCanvasQTAgg`` would instead resize the figure to
the widget, which moves the core's carefully placed keys and labels.) The figure is
rendered by matplotlib's Agg backend, the one ``FigureCanvasQTAgg`` draws with, at the
resolution the widget needs on screen, and again when the widget grows.

matplotlib is imported on the first render, never when this module is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.canvas.maturity import is_dark, mix

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from scrm_desk.charts.style import ChartStyle


def chart_style_for(palette: QPalette) -> ChartStyle:
    """The charts' style for ``palette``: the report's own on light palettes; on dark
    ones the same data colours on the palette's background, with its text colour."""
    from scrm_desk.charts.style import DEFAULT_STYLE

    if not is_dark(palette):
        return DEFAULT_STYLE
    from dataclasses import replace

    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return replace(
        DEFAULT_STYLE,
        background=base.name(),
        text=text.name(),
        muted=mix(base, text, 0.62).name(),
        grid=mix(base, text, 0.22).name(),
        baseline=mix(base, text, 0.45).name(),
        target=mix(base, text, 0.8).name(),
    )


class FigureView(QWidget):
    """Shows :attr:`figure` centred and scaled to fit; its text is the accessible
    description (a chart cannot be read out)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.figure: Figure | None = None
        self._image: QImage | None = None
        self._rendered_width = 0
        self._rerender = QTimer(self)
        self._rerender.setSingleShot(True)
        self._rerender.setInterval(120)
        self._rerender.timeout.connect(self._render)

    def set_figure(self, figure: Figure | None, description: str = "") -> None:
        """Show ``figure`` (``None``: nothing); ``description`` says what it shows."""
        self.figure = figure
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self._render()

    def texts(self) -> list[str]:
        """Every text drawn in the figure (what a test, or a reader, can check)."""
        if self.figure is None:
            return []
        return [t.get_text() for t in self.figure.findobj(_is_text) if t.get_text()]

    # -- rendering ------------------------------------------------------------------------
    def _target_rect(self) -> QRectF:
        if self.figure is None:
            return QRectF()
        width_in, height_in = self.figure.get_size_inches()
        aspect = height_in / width_in
        width = float(self.width())
        height = width * aspect
        if height > self.height():
            height = float(self.height())
            width = height / aspect
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _render(self) -> None:
        if self.figure is None:
            self._image = None
            self.update()
            return
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        ratio = self.devicePixelRatioF()
        target = self._target_rect()
        pixels = max(int(target.width() * ratio), 200)
        width_in, _ = self.figure.get_size_inches()
        self.figure.set_dpi(pixels / width_in)
        canvas = FigureCanvasAgg(self.figure)
        canvas.draw()
        buffer: Any = canvas.buffer_rgba()
        height, width = buffer.shape[0], buffer.shape[1]
        # A copy: the image must not depend on matplotlib's buffer living on.
        image = QImage(bytes(buffer), width, height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(ratio)
        self._image = image
        self._rendered_width = pixels
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self._target_rect(), self._image)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Sharp again once the resizing settles; scaled in between.
        wanted = int(self._target_rect().width() * self.devicePixelRatioF())
        if self.figure is not None and abs(wanted - self._rendered_width) > 24:
            self._rerender.start()

    def sizeHint(self) -> QSize:
        if self.figure is None:
            return QSize(480, 320)
        width_in, height_in = self.figure.get_size_inches()
        return QSize(480, int(480 * height_in / width_in))

    def hasHeightForWidth(self) -> bool:
        return False


def _is_text(artist: object) -> bool:
    from matplotlib.text import Text

    return isinstance(artist, Text)
