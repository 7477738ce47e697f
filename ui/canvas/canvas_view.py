"""The view of the canvas: always the whole scene, scaled to the window, keyboard-driven.

The scene is fitted into the view on every resize, keeping its aspect, so the canvas
scales cleanly from a laptop to a projector and never needs scroll bars. Arrow keys
move the selection between bands (left and right also step through the processes of a
split band), Enter or Return or a double-click opens the selected band's editor,
Escape closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from ui.canvas.canvas_scene import BandItem, BandKey, CanvasScene

_DIRECTIONS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}


class CanvasView(QGraphicsView):
    #: A band was selected (layer id, process id); both empty when none is.
    band_selected = Signal(str, str)
    #: The user asked to edit the selected band (Enter, Return, double-click).
    band_activated = Signal(str, str)
    #: Escape: the user is done with the selected band.
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setMinimumSize(320, 220)

    def set_canvas(self, scene: CanvasScene) -> None:
        old = self.scene()
        if old is not None:
            old.selectionChanged.disconnect(self._on_scene_selection_changed)
        self.setScene(scene)
        scene.setPalette(self.palette())
        scene.selectionChanged.connect(self._on_scene_selection_changed)
        self._fit()

    def canvas(self) -> CanvasScene | None:
        scene = self.scene()
        return scene if isinstance(scene, CanvasScene) else None

    # -- fitting --------------------------------------------------------------------------
    def _fit(self) -> None:
        scene = self.scene()
        if scene is not None:
            self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.scene() is not None:
            self.scene().setPalette(self.palette())

    # -- keyboard and mouse ---------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        canvas = self.canvas()
        key = event.key()
        if canvas is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        current = canvas.selected_key()
        if key in _DIRECTIONS:
            target = (
                canvas.neighbour(current, _DIRECTIONS[key])
                if current is not None
                else canvas.bands()[0].key
            )
            canvas.select_band(target)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if current is None:
                current = canvas.bands()[0].key
                canvas.select_band(current)
            self.band_activated.emit(*current)
            event.accept()
            return
        if key == Qt.Key.Key_Escape and current is not None:
            canvas.select_band(None)
            self.dismissed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        canvas = self.canvas()
        if canvas is not None and event.button() == Qt.MouseButton.LeftButton:
            item = self._band_at(event)
            if item is None:
                gate = next(
                    (
                        g
                        for g in canvas.gate_items.values()
                        if g.sceneBoundingRect().contains(
                            self.mapToScene(event.position().toPoint())
                        )
                    ),
                    None,
                )
                if gate is not None:  # the gate belongs to its layer: open that
                    canvas.select_band(gate.layer_key)
                    event.accept()
                    return
            # Single selection whatever the modifiers: a band is edited alone.
            canvas.select_band(item.key if item is not None else None)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._band_at(event)
        if item is not None:
            self.band_activated.emit(*item.key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _band_at(self, event: QMouseEvent) -> BandItem | None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, BandItem):
                return item
        return None

    # -- selection ------------------------------------------------------------------------
    def _on_scene_selection_changed(self) -> None:
        canvas = self.canvas()
        key: BandKey | None = canvas.selected_key() if canvas is not None else None
        if canvas is not None and key is not None:
            self.setAccessibleDescription(canvas.band(*key).description())
        else:
            self.setAccessibleDescription("")
        self.band_selected.emit(*(key or ("", "")))
