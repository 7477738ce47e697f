"""The seven-layer canvas as a ``QGraphicsScene``: stacked bands, the gate, a legend.

The layers come from the layers framework in its order: Customer Strategy on top, BI,
Sentiment & Social Listening at the bottom. A layer with processes (Lean & Agile) is
one band split into a cell for the layer and one per process. Each band is filled by
its maturity (see :mod:`ui.canvas.maturity`) and says the level in words.

The gate is drawn on the gate layer (Customer Strategy): a striped barrier along its
lower edge while it is closed, with "do not pass go" in words, and every layer below
hatched and labelled "Blocked"; an open barrier once all criteria are met.

Scene units are pixels of a 1200-wide drawing with large type; the view scales the
whole scene to fit its window (see :mod:`ui.canvas.canvas_view`), so the text stays
readable on a projector. Colours that are not data (text, outlines, the unrated band)
come from the scene's palette, which the view keeps equal to its own: light and dark
themes both read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ui.canvas.maturity import LEVEL_COLOURS, LEVELS, level_colour, mix, text_colour_on

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import Layer, LayersFramework
    from scrm_desk.planning import CanvasGates
    from scrm_desk.records import CanvasState

#: (layer id, process id); the process id is "" for a whole layer.
BandKey = tuple[str, str]

WIDTH = 1200.0
BAND_HEIGHT = 96.0
BAND_GAP = 10.0
GATE_HEIGHT = 50.0
LEGEND_HEIGHT = 64.0
LAYER_CELL_WIDTH = 400.0  # the layer's own cell in a band split into processes
CELL_GAP = 8.0
RADIUS = 10.0

#: How a band lays out its words: a whole layer, the layer's own cell of a band split
#: into processes, or one process.
FULL, HEADER, PROCESS = "full", "header", "process"
SPLIT_BAND_HEIGHT = 128.0

#: Okabe-Ito vermillion and bluish green: closed and open, also said in words.
GATE_CLOSED_COLOUR = "#D55E00"
GATE_OPEN_COLOUR = "#009E73"


def _font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(pixels))
    font.setBold(bold)
    return font


@dataclass(frozen=True, slots=True)
class BandTexts:
    """The translated words a band shows (the scene is no QObject that could tr())."""

    not_rated: str
    blocked: str
    owner: str  # "Owner: {owner}"
    level_short: str  # "Level {level}", where the level's name does not fit


class BandItem(QGraphicsObject):
    """One layer, or one process of a layer: a rounded, selectable, maturity-filled box."""

    def __init__(
        self,
        key: BandKey,
        name: str,
        rect: QRectF,
        texts: BandTexts,
        *,
        order: int | None = None,
        style: str = "full",
    ) -> None:
        super().__init__()
        self.key = key
        self.name = name
        self.order = order
        self._rect = rect
        self._texts = texts
        self._style = style
        self.maturity: int | None = None
        self.owner = ""
        self.blocked = False
        self.level_name = ""
        self._ink = QColor("#FFFFFF")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(name)

    # -- state ----------------------------------------------------------------------------
    def set_state(self, maturity: int | None, owner: str, level_name: str, blocked: bool) -> None:
        if (maturity, owner, level_name, blocked) == (
            self.maturity,
            self.owner,
            self.level_name,
            self.blocked,
        ):
            return
        self.maturity, self.owner, self.level_name, self.blocked = (
            maturity,
            owner,
            level_name,
            blocked,
        )
        self.update()

    def fill_colour(self) -> QColor:
        return level_colour(self.maturity, self._palette())

    def maturity_text(self) -> str:
        if self.maturity is None:
            return self._texts.not_rated
        return f"{self.maturity} · {self.level_name}" if self.level_name else str(self.maturity)

    def description(self) -> str:
        """What a screen reader hears for the band."""
        parts = [self.name, self.maturity_text()]
        if self.owner:
            parts.append(self._texts.owner.format(owner=self.owner))
        if self.blocked:
            parts.append(self._texts.blocked)
        return ", ".join(parts)

    # -- QGraphicsItem --------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        margin = 6.0  # the selection outline is drawn outside the box
        return self._rect.adjusted(-margin, -margin, margin, margin)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, RADIUS, RADIUS)
        return path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        palette = self._palette()
        fill = self.fill_colour()
        ink = self._ink = text_colour_on(fill)
        rect = self._rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # The box: an unrated band is outlined with a dashed line.
        if self.maturity is None:
            pen = QPen(mix(fill, palette.color(QPalette.ColorRole.Text), 0.45), 2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
        else:
            pen = QPen(Qt.PenStyle.NoPen)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)

        if self.blocked:
            self._paint_blocked(painter, rect, ink)

        self._paint_texts(painter, rect, ink)

        if self.isSelected():
            highlight = palette.color(QPalette.ColorRole.Highlight)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight, 6.0))
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), RADIUS + 3, RADIUS + 3)
            # An inner line in the band's text colour keeps the outline visible on any fill.
            painter.setPen(QPen(ink, 1.5))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), RADIUS - 1, RADIUS - 1)

    def _paint_blocked(self, painter: QPainter, rect: QRectF, ink: QColor) -> None:
        painter.save()
        clip = QPainterPath()
        clip.addRoundedRect(rect, RADIUS, RADIUS)
        painter.setClipPath(clip)
        hatch = QColor(ink)
        hatch.setAlphaF(0.38)
        painter.setPen(QPen(hatch, 3.0))
        step = 22.0
        x = rect.left() - rect.height()
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
            x += step
        painter.restore()

    def _paint_texts(self, painter: QPainter, rect: QRectF, ink: QColor) -> None:
        pad = 12.0 if self._style == PROCESS else 16.0
        inner = rect.adjusted(pad, 10, -pad, -10)
        painter.setPen(ink)
        if self._style == PROCESS:
            # A process: its name above, its level below. The layer's own cell in the
            # same band says "Blocked", the hatching says it here.
            name_font = _font(24, bold=True)
            top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() / 2)
            self._draw_name(painter, top, name_font)
            bottom = QRectF(inner.left(), top.bottom(), inner.width(), inner.height() / 2)
            self._paint_badges(painter, bottom, ink, align_left=True, with_blocked=False)
            return
        left = inner.left() + (48 if self.order is not None else 0)
        if self._style == HEADER:
            # The layer's own cell of a split band: name above, level and state below.
            name_rect = QRectF(left, inner.top(), inner.right() - left, inner.height() * 0.58)
            self._paint_number(painter, QPointF(inner.left() + 17, name_rect.center().y()), ink)
            self._draw_name(painter, name_rect, _font(26, bold=True), wrap=True)
            bottom = QRectF(left, name_rect.bottom(), inner.right() - left, inner.height() * 0.42)
            self._paint_badges(painter, bottom, ink, align_left=True, with_blocked=True)
            return
        self._paint_number(painter, QPointF(inner.left() + 17, inner.center().y()), ink)
        badge_width = self._paint_badges(painter, inner, ink, align_left=False, with_blocked=True)
        text_width = inner.right() - left - badge_width - 16
        if self.owner:
            name_rect = QRectF(left, inner.top(), text_width, inner.height() * 0.6)
            self._draw_name(painter, name_rect, _font(30, bold=True), bottom=True)
            owner_font = _font(19)
            painter.setFont(owner_font)
            painter.setPen(ink)
            owner_rect = QRectF(left, name_rect.bottom() + 2, text_width, inner.height() * 0.4)
            painter.drawText(
                owner_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                QFontMetricsF(owner_font).elidedText(
                    self._texts.owner.format(owner=self.owner),
                    Qt.TextElideMode.ElideRight,
                    text_width,
                ),
            )
        else:
            self._draw_name(painter, QRectF(left, inner.top(), text_width, inner.height()),
                            _font(30, bold=True), wrap=True)  # fmt: skip

    def _paint_number(self, painter: QPainter, centre: QPointF, ink: QColor) -> None:
        """The layer's place in the framework, in a ring."""
        if self.order is None:
            return
        disc = QRectF(centre.x() - 17, centre.y() - 17, 34, 34)
        painter.setFont(_font(20, bold=True))
        painter.setPen(QPen(ink, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(disc)
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(self.order))

    def _draw_name(
        self, painter: QPainter, area: QRectF, font: QFont, *, wrap=False, bottom=False
    ) -> None:
        """The band's name in ``area``: on one line if it fits, else wrapped (``wrap``) in
        a slightly smaller size, else cut short with an ellipsis."""
        metrics = QFontMetricsF(font)
        vertical = Qt.AlignmentFlag.AlignBottom if bottom else Qt.AlignmentFlag.AlignVCenter
        flags = Qt.AlignmentFlag.AlignLeft | vertical
        text = self.name
        if metrics.horizontalAdvance(text) > area.width():
            if wrap:
                font = QFont(font)
                font.setPixelSize(round(font.pixelSize() * 0.85))
                flags |= Qt.TextFlag.TextWordWrap
            else:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.setFont(font)
        painter.setPen(self._ink)
        painter.drawText(area, flags, text)

    def _paint_badges(
        self, painter: QPainter, area: QRectF, ink: QColor, *, align_left: bool, with_blocked: bool
    ) -> float:
        """The level (and "Blocked") as pills; returns the width they took."""
        preferred = {FULL: 22, HEADER: 20, PROCESS: 20}[self._style]
        level = self.maturity_text()
        # A narrow cell takes a smaller type, then the number alone (the legend names it).
        for size in (preferred, 17):
            if (
                QFontMetricsF(_font(size, bold=True)).horizontalAdvance(level) + size
                <= area.width()
            ):
                break
        else:
            level = self._texts.level_short.format(level=self.maturity)
        font = _font(size, bold=True)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        pills = [(level, False)]
        if self.blocked and with_blocked:
            pills.append((self._texts.blocked, True))
        height = metrics.height() + 10
        widths = [metrics.horizontalAdvance(text) + size for text, _ in pills]
        total = sum(widths) + 8 * (len(pills) - 1)
        x = area.left() if align_left else area.right() - total
        y = area.center().y() - height / 2
        for (text, is_blocked), width in zip(pills, widths, strict=True):
            pill = QRectF(x, y, width, height)
            if is_blocked:
                painter.setBrush(ink)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(pill, height / 2, height / 2)
                painter.setPen(text_colour_on(ink))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(ink, 2.0))
                painter.drawRoundedRect(pill.adjusted(1, 1, -1, -1), height / 2, height / 2)
                painter.setPen(ink)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 8
        return total

    def _palette(self) -> QPalette:
        scene = self.scene()
        return scene.palette() if scene is not None else QPalette()


class GateItem(QGraphicsObject):
    """The outside-in gate under its layer: a striped barrier when closed, open posts
    when passed, with the state in words on a badge."""

    def __init__(self, layer_key: BandKey, rect: QRectF) -> None:
        super().__init__()
        self.layer_key = layer_key
        self._rect = rect
        self.closed = True
        self.text = ""
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_state(self, closed: bool, text: str) -> None:
        if (closed, text) != (self.closed, self.text):
            self.closed, self.text = closed, text
            self.setToolTip(text)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._rect
        bar = QRectF(rect.left(), rect.center().y() - 9, rect.width(), 18)
        colour = QColor(GATE_CLOSED_COLOUR if self.closed else GATE_OPEN_COLOUR)
        if self.closed:
            # A boom barrier: stripes of the gate colour and white across the full width.
            painter.save()
            clip = QPainterPath()
            clip.addRoundedRect(bar, 9, 9)
            painter.setClipPath(clip)
            painter.fillRect(bar, QColor("#FFFFFF"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            step = 36.0
            x = bar.left() - bar.height()
            while x < bar.right():
                stripe = QPainterPath()
                stripe.moveTo(x, bar.bottom())
                stripe.lineTo(x + 18, bar.bottom())
                stripe.lineTo(x + 18 + bar.height(), bar.top())
                stripe.lineTo(x + bar.height(), bar.top())
                stripe.closeSubpath()
                painter.drawPath(stripe)
                x += step
            painter.restore()
            painter.setPen(QPen(colour, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(bar, 9, 9)
        else:
            # The barrier is lifted: two short posts at the sides, the way through open.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for left in (bar.left(), bar.right() - 90):
                painter.drawRoundedRect(QRectF(left, bar.top(), 90, bar.height()), 9, 9)

        font = _font(22, bold=True)
        metrics = QFontMetricsF(font)
        width = min(metrics.horizontalAdvance(self.text) + 40, rect.width() - 220)
        badge = QRectF(rect.center().x() - width / 2, rect.top() + 3, width, rect.height() - 6)
        painter.setPen(QPen(QColor("#FFFFFF"), 2.0))
        painter.setBrush(colour)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(
            badge,
            Qt.AlignmentFlag.AlignCenter,
            metrics.elidedText(self.text, Qt.TextElideMode.ElideRight, width - 30),
        )


class LegendItem(QGraphicsItem):
    """The maturity scale, the unrated band and the blocked hatching, in one row."""

    def __init__(self, rect: QRectF) -> None:
        super().__init__()
        self._rect = rect
        self.title = ""
        self.level_names: dict[int, str] = {}
        self.not_rated = ""
        self.blocked = ""

    def set_texts(
        self, title: str, level_names: Mapping[int, str], not_rated: str, blocked: str
    ) -> None:
        self.title = title
        self.level_names = dict(level_names)
        self.not_rated = not_rated
        self.blocked = blocked
        self.update()

    def entries(self) -> list[str]:
        """The legend's words, in order (tests and screen readers read these)."""
        levels = [f"{level} {self.level_names.get(level, '')}".strip() for level in LEVELS]
        return [self.title, *levels, self.not_rated, self.blocked]

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        scene = self.scene()
        palette = scene.palette() if scene is not None else QPalette()
        text = palette.color(QPalette.ColorRole.Text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = _font(19)
        bold = _font(19, bold=True)
        metrics = QFontMetricsF(font)
        y = self._rect.center().y()
        x = self._rect.left()
        swatch = 26.0

        painter.setFont(bold)
        painter.setPen(text)
        title_width = QFontMetricsF(bold).horizontalAdvance(self.title)
        painter.drawText(
            QRectF(x, y - 15, title_width + 2, 30), Qt.AlignmentFlag.AlignVCenter, self.title
        )
        x += title_width + 16
        painter.setFont(font)

        def label(words: str) -> None:
            nonlocal x
            width = metrics.horizontalAdvance(words)
            painter.setPen(text)
            painter.drawText(QRectF(x, y - 15, width + 2, 30), Qt.AlignmentFlag.AlignVCenter, words)
            x += width + 22

        outline = QPen(mix(palette.color(QPalette.ColorRole.Base), text, 0.4), 1.2)
        for level in LEVELS:
            box = QRectF(x, y - swatch / 2, swatch, swatch)
            painter.setPen(outline)  # a dark swatch stays visible on a dark background
            painter.setBrush(QColor(LEVEL_COLOURS[level]))
            painter.drawRoundedRect(box, 5, 5)
            x += swatch + 6
            label(f"{level} {self.level_names.get(level, '')}".strip())

        box = QRectF(x, y - swatch / 2, swatch, swatch)
        unrated = level_colour(None, palette)
        pen = QPen(mix(unrated, text, 0.45), 2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(unrated)
        painter.drawRoundedRect(box, 5, 5)
        x += swatch + 6
        label(self.not_rated)

        box = QRectF(x, y - swatch / 2, swatch, swatch)
        painter.save()
        painter.setPen(QPen(mix(unrated, text, 0.45), 1.5))
        painter.setBrush(unrated)
        painter.drawRoundedRect(box, 5, 5)
        clip = QPainterPath()
        clip.addRoundedRect(box, 5, 5)
        painter.setClipPath(clip)
        hatch = QColor(text)
        hatch.setAlphaF(0.5)
        painter.setPen(QPen(hatch, 2.0))
        for offset in range(-26, 27, 8):
            painter.drawLine(
                QPointF(box.left() + offset, box.bottom()),
                QPointF(box.left() + offset + swatch, box.top()),
            )
        painter.restore()
        x += swatch + 6
        label(self.blocked)


class CanvasScene(QGraphicsScene):
    """The canvas of one layers framework; :meth:`set_state` shows an engagement on it."""

    def __init__(self, layers: LayersFramework, texts: BandTexts, parent=None) -> None:
        super().__init__(parent)
        self.layers = layers
        self._texts = texts
        self._bands: dict[BandKey, BandItem] = {}
        #: Rows of band keys, top to bottom; a split band is one row of several keys.
        self.rows: list[list[BandKey]] = []
        self.gate_items: dict[str, GateItem] = {}
        self._build()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        y = 0.0
        for layer in self.layers.layers_in_order():
            y = self._add_layer(layer, y)
            if layer.is_gate:
                gate = GateItem((layer.id, ""), QRectF(0, y - BAND_GAP, WIDTH, GATE_HEIGHT))
                gate.setZValue(2)
                self.addItem(gate)
                self.gate_items[layer.id] = gate
                y += GATE_HEIGHT - BAND_GAP + 4
        self.legend = LegendItem(QRectF(0, y + 6, WIDTH, LEGEND_HEIGHT))
        self.addItem(self.legend)
        bottom = y + 6 + LEGEND_HEIGHT
        self.setSceneRect(QRectF(-12, -12, WIDTH + 24, bottom + 18))

    def _add_layer(self, layer: Layer, y: float) -> float:
        row: list[BandKey] = []
        if layer.processes:
            head = QRectF(0, y, LAYER_CELL_WIDTH, SPLIT_BAND_HEIGHT)
            self._add_band((layer.id, ""), layer.name, head, order=layer.order, style=HEADER)
            row.append((layer.id, ""))
            count = len(layer.processes)
            left = LAYER_CELL_WIDTH + CELL_GAP
            width = (WIDTH - left - CELL_GAP * (count - 1)) / count
            for index, process in enumerate(layer.processes):
                cell = QRectF(left + index * (width + CELL_GAP), y, width, SPLIT_BAND_HEIGHT)
                self._add_band((layer.id, process.id), process.name, cell, style=PROCESS)
                row.append((layer.id, process.id))
        else:
            rect = QRectF(0, y, WIDTH, BAND_HEIGHT)
            self._add_band((layer.id, ""), layer.name, rect, order=layer.order)
            row.append((layer.id, ""))
        self.rows.append(row)
        height = SPLIT_BAND_HEIGHT if layer.processes else BAND_HEIGHT
        return y + height + BAND_GAP

    def _add_band(
        self, key: BandKey, name: str, rect: QRectF, *, order: int | None = None, style=FULL
    ) -> None:
        item = BandItem(key, name, rect, self._texts, order=order, style=style)
        self.addItem(item)
        self._bands[key] = item

    # -- showing an engagement ------------------------------------------------------------
    def set_state(
        self,
        entries: Mapping[BandKey, CanvasState],
        gates: CanvasGates | None,
        level_names: Mapping[int, str],
        gate_texts: Mapping[str, str],
    ) -> None:
        """Colour every band by its entry, mark blocked layers, set each gate's words.

        ``gate_texts`` maps a gate layer id to the words on its badge.
        """
        for key, item in self._bands.items():
            entry = entries.get(key)
            maturity = entry.maturity if entry is not None else None
            item.set_state(
                maturity,
                entry.owner if entry is not None else "",
                level_names.get(maturity, "") if maturity is not None else "",
                gates is not None and gates.is_blocked(key[0]),
            )
        for layer_id, gate_item in self.gate_items.items():
            state = gates.gate(layer_id) if gates is not None else None
            gate_item.set_state(state is not None and state.closed, gate_texts.get(layer_id, ""))

    # -- bands ----------------------------------------------------------------------------
    def band(self, layer_id: str, process_id: str = "") -> BandItem:
        return self._bands[(layer_id, process_id)]

    def bands(self) -> list[BandItem]:
        """Every band, top to bottom, left to right."""
        return [self._bands[key] for row in self.rows for key in row]

    def selected_key(self) -> BandKey | None:
        for item in self.selectedItems():
            if isinstance(item, BandItem):
                return item.key
        return None

    def select_band(self, key: BandKey | None) -> None:
        """Select one band (``None``: none); the view follows through selectionChanged."""
        if key == self.selected_key() and (key is None or len(self.selectedItems()) == 1):
            return
        self.blockSignals(True)
        self.clearSelection()
        self.blockSignals(False)
        if key is not None:
            self._bands[key].setSelected(True)
        else:
            self.selectionChanged.emit()

    def neighbour(self, key: BandKey, direction: str) -> BandKey:
        """The band ``"up"``, ``"down"``, ``"left"`` or ``"right"`` of ``key``."""
        row_index = next(i for i, row in enumerate(self.rows) if key in row)
        row = self.rows[row_index]
        column = row.index(key)
        if direction in ("left", "right"):
            flat = [k for r in self.rows for k in r]
            index = flat.index(key) + (1 if direction == "right" else -1)
            return flat[max(0, min(index, len(flat) - 1))]
        step = 1 if direction == "down" else -1
        target = max(0, min(row_index + step, len(self.rows) - 1))
        if target == row_index:
            return key
        new_row = self.rows[target]
        return new_row[min(column, len(new_row) - 1)] if len(row) == len(new_row) else new_row[0]
