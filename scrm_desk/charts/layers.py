"""The seven-layer framework diagram: data, one layout, and a matplotlib figure of it.

The diagram is drawn the way the app's canvas draws it (``ui/canvas``): the layers
stacked top to bottom, a layer with processes (Lean & Agile) split into a cell for the
layer and one per process, each band filled by its maturity on a colour-blind-safe
viridis scale and saying its level in words, the outside-in gate as a barrier under its
layer (striped and "do not pass go" while closed, open posts once passed), the layers
below a closed gate hatched and marked "Blocked", and a legend.

:func:`layout_diagram` places everything in points (y grows downwards) and is shared by
the two renderers: the PDF draws it as vector shapes with reportlab
(``scrm_desk.reports.pdf_planning``), and :func:`layers_figure` draws it with matplotlib
for the Word document and anything else that wants an image. Nothing here imports
matplotlib until a figure is made.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from scrm_desk.charts.style import ChartStyle

#: Level -> fill colour: viridis at 0, ¼, ½, ¾ and 1 (the app's canvas uses the same).
LEVEL_COLOURS: Final[Mapping[int, str]] = {
    1: "#440154",
    2: "#3B528B",
    3: "#21918C",
    4: "#5EC962",
    5: "#FDE725",
}
LEVELS: Final = (1, 2, 3, 4, 5)
#: Text on light fills: near-black, so that mid-tone fills still reach 4.5:1.
DARK_INK: Final = "#111418"
LIGHT_INK: Final = "#FFFFFF"
#: An unrated band: a quiet tint with a dashed outline.
UNRATED_FILL: Final = "#EEF1F4"
UNRATED_EDGE: Final = "#9AA5B1"
TEXT: Final = "#1F2933"
MUTED: Final = "#616E7C"
PANEL: Final = "#F4F6F8"
#: Okabe-Ito vermillion and bluish green: closed and open, also said in words.
GATE_CLOSED_COLOUR: Final = "#D55E00"
GATE_OPEN_COLOUR: Final = "#009E73"

#: How a cell lays out its words: a whole layer, the layer's own cell of a band split
#: into processes, or one process.
FULL: Final = "full"
HEADER: Final = "header"
PROCESS: Final = "process"

# Sizes in points, for a diagram about 450 points wide (the report's text width).
BAND_HEIGHT: Final = 40.0
SPLIT_BAND_HEIGHT: Final = 54.0
BAND_GAP: Final = 5.0
GATE_HEIGHT: Final = 22.0
CELL_GAP: Final = 4.0
RADIUS: Final = 4.0
FOUNDATION_HEIGHT: Final = 17.0
LEGEND_LINE: Final = 14.0
HATCH_STEP: Final = 7.0
#: Share of the width the layer's own cell takes in a split band.
HEADER_SHARE: Final = 0.30

NAME_SIZE: Final = 10.0
HEADER_NAME_SIZE: Final = 9.5
PROCESS_NAME_SIZE: Final = 8.2
OWNER_SIZE: Final = 7.0
PILL_SIZE: Final = 6.8
PROCESS_PILL_SIZE: Final = 6.2
GATE_SIZE: Final = 7.2
LEGEND_SIZE: Final = 7.0
FOUNDATION_SIZE: Final = 6.8

#: ``measure(text, bold, size)``: the width of ``text`` in points.
Measure = Callable[[str, bool, float], float]


# =========================================================================== data


@dataclass(frozen=True, slots=True)
class DiagramCell:
    """One layer, or one process of a layer, as the diagram shows it."""

    layer_id: str
    process_id: str
    name: str
    #: The layer's place in the framework (shown in a ring); ``None`` for a process.
    number: int | None
    maturity: int | None
    level_name: str
    owner: str
    blocked: bool


@dataclass(frozen=True, slots=True)
class DiagramLayer:
    cell: DiagramCell
    processes: tuple[DiagramCell, ...] = ()
    is_gate: bool = False


@dataclass(frozen=True, slots=True)
class GateMark:
    """The gate under ``layer_id``: closed or open, and the words on its badge."""

    layer_id: str
    closed: bool
    text: str


@dataclass(frozen=True, slots=True)
class LayersDiagram:
    """Everything the diagram shows, top layer first."""

    layers: tuple[DiagramLayer, ...]
    gates: tuple[GateMark, ...] = ()
    #: The names of levels 1 to 5, for the pills and the legend.
    level_names: tuple[str, ...] = ("Initial", "Developing", "Defined", "Managed", "Optimised")
    legend_title: str = "Maturity"
    not_rated: str = "Not rated"
    blocked: str = "Blocked"
    #: A line under the layers naming the foundations ("" for none).
    foundations: str = ""

    def gate(self, layer_id: str) -> GateMark | None:
        return next((g for g in self.gates if g.layer_id == layer_id), None)

    def level_text(self, cell: DiagramCell) -> str:
        """What the cell's pill says: ``"2 · Developing"``, or "Not rated"."""
        if cell.maturity is None:
            return self.not_rated
        name = self.level_names[cell.maturity - 1] if cell.maturity <= len(self.level_names) else ""
        return f"{cell.maturity} · {name}" if name else str(cell.maturity)


# =========================================================================== colours


def level_fill(maturity: int | None) -> str:
    return LEVEL_COLOURS.get(maturity or 0, UNRATED_FILL)


def _luminance(hex_colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ink_on(fill: str) -> str:
    """White or near-black, whichever reads better on ``fill`` (WCAG contrast)."""
    luminance = _luminance(fill)
    on_white = 1.05 / (luminance + 0.05)
    on_dark = (luminance + 0.05) / (_luminance(DARK_INK) + 0.05)
    return LIGHT_INK if on_white >= on_dark else DARK_INK


def mix(a: str, b: str, share_of_b: float) -> str:
    """``a`` with ``share_of_b`` of ``b`` blended in, as ``#rrggbb`` (no transparency)."""
    ca = [int(a.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(x * (1 - share_of_b) + y * share_of_b) for x, y in zip(ca, cb, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


def hatch_colour(fill: str) -> str:
    return mix(fill, ink_on(fill), 0.32)


# =========================================================================== layout


@dataclass(frozen=True, slots=True)
class Box:
    """A cell placed: ``x``, ``y`` (top), ``w``, ``h`` in points."""

    x: float
    y: float
    w: float
    h: float
    cell: DiagramCell
    style: str


@dataclass(frozen=True, slots=True)
class GateBar:
    x: float
    y: float
    w: float
    h: float
    gate: GateMark


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One legend item: a swatch (``kind`` is ``"level"``, ``"unrated"`` or
    ``"blocked"``; ``""`` for the title) at ``x``, ``y`` (the line's middle)."""

    kind: str
    level: int | None
    label: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DiagramLayout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    gates: tuple[GateBar, ...]
    #: ``(x, y, w, h)`` of the foundations strip, or ``None``.
    foundation: tuple[float, float, float, float] | None
    legend: tuple[LegendEntry, ...]


SWATCH: Final = 9.0


def layout_diagram(diagram: LayersDiagram, width: float, measure: Measure) -> DiagramLayout:
    """Where every band, gate, the foundations and the legend go, ``width`` points wide."""
    boxes: list[Box] = []
    gates: list[GateBar] = []
    y = 0.0
    for layer in diagram.layers:
        if layer.processes:
            head_w = width * HEADER_SHARE
            boxes.append(Box(0.0, y, head_w, SPLIT_BAND_HEIGHT, layer.cell, HEADER))
            count = len(layer.processes)
            left = head_w + CELL_GAP
            cell_w = (width - left - CELL_GAP * (count - 1)) / count
            for index, process in enumerate(layer.processes):
                x = left + index * (cell_w + CELL_GAP)
                boxes.append(Box(x, y, cell_w, SPLIT_BAND_HEIGHT, process, PROCESS))
            y += SPLIT_BAND_HEIGHT
        else:
            boxes.append(Box(0.0, y, width, BAND_HEIGHT, layer.cell, FULL))
            y += BAND_HEIGHT
        gate = diagram.gate(layer.cell.layer_id) if layer.is_gate else None
        if gate is not None:
            gates.append(GateBar(0.0, y + 3.0, width, GATE_HEIGHT - 6.0, gate))
            y += GATE_HEIGHT
        else:
            y += BAND_GAP
    foundation = None
    if diagram.foundations:
        foundation = (0.0, y, width, FOUNDATION_HEIGHT)
        y += FOUNDATION_HEIGHT + BAND_GAP
    y += 4.0
    legend, lines = _legend(diagram, width, y, measure)
    height = y + lines * LEGEND_LINE
    return DiagramLayout(width, height, tuple(boxes), tuple(gates), foundation, legend)


def _legend(
    diagram: LayersDiagram, width: float, top: float, measure: Measure
) -> tuple[tuple[LegendEntry, ...], int]:
    """The legend's entries, wrapped over as many lines as the width needs."""
    items: list[tuple[str, int | None, str, float]] = [
        ("", None, diagram.legend_title, measure(diagram.legend_title, True, LEGEND_SIZE) + 8)
    ]
    for number in LEVELS:
        name = diagram.level_names[number - 1] if number <= len(diagram.level_names) else ""
        label = f"{number} {name}".strip()
        items.append(("level", number, label, SWATCH + 3 + measure(label, False, LEGEND_SIZE) + 9))
    for kind, label in (("unrated", diagram.not_rated), ("blocked", diagram.blocked)):
        items.append((kind, None, label, SWATCH + 3 + measure(label, False, LEGEND_SIZE) + 9))
    entries: list[LegendEntry] = []
    line = 0
    x = 0.0
    for kind, level, label, item_width in items:
        if x > 0 and x + item_width - 9 > width:
            line += 1
            x = measure(diagram.legend_title, True, LEGEND_SIZE) + 8  # under the first entry
        entries.append(LegendEntry(kind, level, label, x, top + line * LEGEND_LINE + 6))
        x += item_width
    return tuple(entries), line + 1


def fit_text(text: str, bold: bool, size: float, room: float, measure: Measure) -> str:
    """``text`` on one line in ``room`` points, cut short with … when it is too long."""
    text = " ".join(text.split())
    if measure(text, bold, size) <= room:
        return text
    while text and measure(text + "…", bold, size) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def wrap_text(
    text: str, bold: bool, size: float, room: float, measure: Measure, lines: int = 2
) -> tuple[str, ...]:
    """``text`` over at most ``lines`` lines of ``room`` points (the last cut with …)."""
    words = text.split()
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if measure(candidate, bold, size) <= room or not current:
            current = candidate
            continue
        result.append(current)
        current = word
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        result.append(fit_text(current, bold, size, room, measure))
    return tuple(result[:lines])


def hatch_segments(
    x: float, y: float, w: float, h: float, step: float = HATCH_STEP, inset: float = 1.5
) -> list[tuple[float, float, float, float]]:
    """Rising diagonal lines (45°) across the box, clipped to it: ``(x1, y1, x2, y2)``
    with y growing downwards, so a line runs from lower left to upper right."""
    left, right = x + inset, x + w - inset
    top, bottom = y + inset, y + h - inset
    segments = []
    # Lines x - (bottom - y') = c, i.e. points (c + t, bottom - t) for t >= 0.
    c = left - (bottom - top)
    while c < right:
        t0 = max(0.0, left - c)
        t1 = min(bottom - top, right - c)
        if t1 > t0:
            segments.append((c + t0, bottom - t0, c + t1, bottom - t1))
        c += step
    return segments


def stripe_polygons(
    x: float, y: float, w: float, h: float, stripe: float = 7.0
) -> list[list[tuple[float, float]]]:
    """Slanted stripes of a barrier, each clipped to the bar's rectangle."""
    polygons = []
    start = x - h
    while start < x + w:
        shape = [
            (start, y + h),
            (start + stripe, y + h),
            (start + stripe + h, y),
            (start + h, y),
        ]
        clipped = _clip_to_rect(shape, x, y, x + w, y + h)
        if len(clipped) >= 3:
            polygons.append(clipped)
        start += 2 * stripe
    return polygons


def _clip_to_rect(
    polygon: Sequence[tuple[float, float]], x0: float, y0: float, x1: float, y1: float
) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clipping of a convex polygon to an axis-aligned rectangle."""

    def clip(
        points: list[tuple[float, float]],
        inside: Callable[[tuple[float, float]], bool],
        cross: Callable[[tuple[float, float], tuple[float, float]], tuple[float, float]],
    ) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    def at_x(edge: float) -> Callable[[tuple[float, float], tuple[float, float]], tuple]:
        def cross(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
            t = (edge - a[0]) / (b[0] - a[0])
            return (edge, a[1] + t * (b[1] - a[1]))

        return cross

    def at_y(edge: float) -> Callable[[tuple[float, float], tuple[float, float]], tuple]:
        def cross(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
            t = (edge - a[1]) / (b[1] - a[1])
            return (a[0] + t * (b[0] - a[0]), edge)

        return cross

    points = list(polygon)
    for inside, cross in (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ):
        if not points:
            break
        points = clip(points, inside, cross)
    return points


# =========================================================================== matplotlib


@functools.lru_cache(maxsize=4)
def _ft_font(bold: bool) -> object:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    weight = "bold" if bold else "normal"
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight=weight))
    return FT2Font(path)


def matplotlib_measure(text: str, bold: bool, size: float) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` points, as matplotlib draws it."""
    font: object = _ft_font(bold)
    font.set_size(size, 72)  # type: ignore[attr-defined]
    font.set_text(text, 0.0)  # type: ignore[attr-defined]
    width, _height = font.get_width_height()  # type: ignore[attr-defined]
    return float(width) / 64.0


def layers_figure(
    diagram: LayersDiagram, *, width: float = 453.0, style: ChartStyle | None = None
) -> Figure:
    """The diagram as a matplotlib ``Figure``, ``width`` points wide (1 point = 1/72 in)."""
    from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle

    from scrm_desk.charts.style import DEFAULT_STYLE, new_figure, styled

    style = style or DEFAULT_STYLE
    layout = layout_diagram(diagram, width, matplotlib_measure)
    pad = 2.0
    total_w, total_h = width + 2 * pad, layout.height + 2 * pad
    with styled(style):
        fig = new_figure(total_w / 72, total_h / 72, style)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(-pad, width + pad)
        ax.set_ylim(layout.height + pad, -pad)
        ax.set_axis_off()
        painter = _MatplotlibPainter(ax, diagram)
        for box in layout.boxes:
            painter.box(box, FancyBboxPatch)
        for bar in layout.gates:
            painter.gate(bar, Rectangle, Polygon, FancyBboxPatch)
        if layout.foundation is not None:
            x, y, w, h = layout.foundation
            ax.add_patch(Rectangle((x, y), w, h, facecolor=PANEL, edgecolor="none"))
            ax.text(
                x + 6,
                y + h / 2,
                fit_text(diagram.foundations, False, FOUNDATION_SIZE, w - 12, matplotlib_measure),
                fontsize=FOUNDATION_SIZE,
                color=MUTED,
                va="center",
                ha="left",
            )
        for entry in layout.legend:
            painter.legend_entry(entry, FancyBboxPatch)
    return fig


class _MatplotlibPainter:
    """Draws the layout's pieces on an axes whose units are points, y downwards."""

    def __init__(self, ax: Axes, diagram: LayersDiagram) -> None:
        self.ax = ax
        self.diagram = diagram

    def text(self, x: float, y: float, text: str, size: float, colour: str, **kw: object) -> None:
        self.ax.text(
            x,
            y,
            text,
            fontsize=size,
            color=colour,
            va=kw.pop("va", "center"),
            ha=kw.pop("ha", "left"),
            fontweight="bold" if kw.pop("bold", False) else "normal",
            **kw,  # type: ignore[arg-type]
        )

    def rounded(
        self, patch: type, x: float, y: float, w: float, h: float, r: float, **kw: object
    ) -> None:
        shape = patch((x, y), w, h, boxstyle=f"round,pad=0,rounding_size={r}", **kw)
        self.ax.add_patch(shape)

    def box(self, box: Box, patch: type) -> None:
        cell = box.cell
        fill = level_fill(cell.maturity)
        ink = ink_on(fill) if cell.maturity is not None else TEXT
        if cell.maturity is None:
            self.rounded(
                patch,
                box.x,
                box.y,
                box.w,
                box.h,
                RADIUS,
                facecolor=fill,
                edgecolor=UNRATED_EDGE,
                linewidth=0.9,
                linestyle=(0, (3, 2)),
            )
        else:
            self.rounded(
                patch, box.x, box.y, box.w, box.h, RADIUS, facecolor=fill, edgecolor="none"
            )
        pieces = cell_pieces(box, self.diagram, matplotlib_measure)
        if cell.blocked:
            from matplotlib.collections import LineCollection
            from matplotlib.patches import Rectangle

            segments = [
                [(x1, y1), (x2, y2)]
                for x1, y1, x2, y2 in hatch_segments(box.x, box.y, box.w, box.h)
            ]
            self.ax.add_collection(
                LineCollection(segments, colors=hatch_colour(fill), linewidths=0.9, capstyle="butt")
            )
            for piece in pieces:
                area = knockout(piece, matplotlib_measure)
                if area is not None:
                    self.ax.add_patch(
                        Rectangle(area[:2], area[2], area[3], facecolor=fill, edgecolor="none")
                    )
        for piece in pieces:
            self.piece(piece, ink, fill, patch)

    def piece(self, piece: Piece, ink: str, fill: str, patch: type) -> None:
        if piece.kind == "ring":
            from matplotlib.patches import Circle

            self.ax.add_patch(
                Circle((piece.x, piece.y), piece.w, facecolor=fill, edgecolor=ink, linewidth=1.1)
            )
            self.text(piece.x, piece.y + 0.3, piece.text, piece.size, ink, ha="center", bold=True)
        elif piece.kind == "pill":
            self.rounded(
                patch,
                piece.x,
                piece.y,
                piece.w,
                piece.h,
                piece.h / 2,
                facecolor=fill,
                edgecolor=ink,
                linewidth=0.9,
            )
            self.text(
                piece.x + piece.w / 2,
                piece.y + piece.h / 2 + 0.2,
                piece.text,
                piece.size,
                ink,
                ha="center",
                bold=True,
            )
        elif piece.kind == "blocked_pill":
            self.rounded(
                patch,
                piece.x,
                piece.y,
                piece.w,
                piece.h,
                piece.h / 2,
                facecolor=ink,
                edgecolor="none",
            )
            self.text(
                piece.x + piece.w / 2,
                piece.y + piece.h / 2 + 0.2,
                piece.text,
                piece.size,
                fill,
                ha="center",
                bold=True,
            )
        else:
            self.text(piece.x, piece.y, piece.text, piece.size, ink, bold=piece.bold, va="baseline")

    def gate(self, bar: GateBar, rectangle: type, polygon: type, patch: type) -> None:
        gate = bar.gate
        colour = GATE_CLOSED_COLOUR if gate.closed else GATE_OPEN_COLOUR
        if gate.closed:
            self.ax.add_patch(
                rectangle((bar.x, bar.y), bar.w, bar.h, facecolor="white", edgecolor="none")
            )
            for shape in stripe_polygons(bar.x, bar.y, bar.w, bar.h):
                self.ax.add_patch(polygon(shape, closed=True, facecolor=colour, edgecolor="none"))
            self.ax.add_patch(
                rectangle(
                    (bar.x, bar.y), bar.w, bar.h, facecolor="none", edgecolor=colour, linewidth=1.0
                )
            )
        else:
            for left in (bar.x, bar.x + bar.w - 60):
                self.rounded(patch, left, bar.y, 60, bar.h, 2, facecolor=colour, edgecolor="none")
        badge = gate_badge(bar, matplotlib_measure)
        self.rounded(
            patch,
            badge.x,
            badge.y,
            badge.w,
            badge.h,
            badge.h / 2,
            facecolor=colour,
            edgecolor="white",
            linewidth=1.2,
        )
        self.text(
            badge.x + badge.w / 2,
            badge.y + badge.h / 2 + 0.3,
            badge.text,
            GATE_SIZE,
            "white",
            ha="center",
            bold=True,
        )

    def legend_entry(self, entry: LegendEntry, patch: type) -> None:
        if entry.kind == "":
            self.text(entry.x, entry.y, entry.label, LEGEND_SIZE, TEXT, bold=True)
            return
        top = entry.y - SWATCH / 2
        if entry.kind == "level":
            self.rounded(
                patch,
                entry.x,
                top,
                SWATCH,
                SWATCH,
                1.5,
                facecolor=level_fill(entry.level),
                edgecolor="none",
            )
        elif entry.kind == "unrated":
            self.rounded(
                patch,
                entry.x,
                top,
                SWATCH,
                SWATCH,
                1.5,
                facecolor=UNRATED_FILL,
                edgecolor=UNRATED_EDGE,
                linewidth=0.8,
                linestyle=(0, (2, 1.5)),
            )
        else:
            self.rounded(
                patch,
                entry.x,
                top,
                SWATCH,
                SWATCH,
                1.5,
                facecolor=UNRATED_FILL,
                edgecolor=UNRATED_EDGE,
                linewidth=0.6,
            )
            for x1, y1, x2, y2 in hatch_segments(entry.x, top, SWATCH, SWATCH, 3.0, 0.8):
                self.ax.plot([x1, x2], [y1, y2], color=MUTED, linewidth=0.6)
        self.text(entry.x + SWATCH + 3, entry.y, entry.label, LEGEND_SIZE, TEXT)


# =========================================================================== pieces


@dataclass(frozen=True, slots=True)
class Piece:
    """One mark inside a cell: ``"text"`` (x, y is the baseline's start), ``"ring"``
    (x, y the centre, w the radius), ``"pill"`` or ``"blocked_pill"`` (a box)."""

    kind: str
    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    w: float = 0.0
    h: float = 0.0


def _pills(
    cell: DiagramCell,
    diagram: LayersDiagram,
    measure: Measure,
    size: float,
    *,
    with_blocked: bool,
) -> list[tuple[str, str, float]]:
    pills = [("pill", diagram.level_text(cell), measure(diagram.level_text(cell), True, size) + 9)]
    if cell.blocked and with_blocked:
        word = diagram.blocked.upper()
        pills.append(("blocked_pill", word, measure(word, True, size) + 9))
    return pills


def cell_pieces(box: Box, diagram: LayersDiagram, measure: Measure) -> list[Piece]:
    """The words, the number ring and the pills of one cell, placed inside ``box``."""
    cell = box.cell
    pieces: list[Piece] = []
    pad = 7.0 if box.style == PROCESS else 9.0
    left = box.x + pad
    right = box.x + box.w - pad
    if box.style == PROCESS:
        size = PROCESS_PILL_SIZE
        name_y = box.y + 16.0
        pieces.append(
            Piece(
                "text",
                left,
                name_y,
                fit_text(cell.name, True, PROCESS_NAME_SIZE, right - left, measure),
                PROCESS_NAME_SIZE,
                bold=True,
            )
        )
        kind, text, width = _pills(cell, diagram, measure, size, with_blocked=False)[0]
        text = fit_text(text, True, size, right - left - 9, measure)
        width = min(width, right - left)
        pieces.append(Piece(kind, left, box.y + 24.0, text, size, w=width, h=size + 5))
        if cell.owner:
            pieces.append(
                Piece(
                    "text",
                    left,
                    box.y + box.h - 6.0,
                    fit_text(cell.owner, False, OWNER_SIZE - 0.6, right - left, measure),
                    OWNER_SIZE - 0.6,
                )
            )
        return pieces
    ring_x = left + 8.5
    if cell.number is not None:
        centre_y = box.y + (box.h / 2 if box.style == FULL else 16.0)
        pieces.append(Piece("ring", ring_x, centre_y, str(cell.number), 7.5, bold=True, w=8.0))
        left += 24.0
    if box.style == HEADER:
        size = PILL_SIZE - 0.4
        lines = wrap_text(cell.name, True, HEADER_NAME_SIZE, right - left, measure)
        for index, line in enumerate(lines):
            pieces.append(
                Piece("text", left, box.y + 14.0 + index * 11.0, line, HEADER_NAME_SIZE, bold=True)
            )
        x = box.x + pad
        y = box.y + box.h - size - 5 - 7.0
        for kind, text, width in _pills(cell, diagram, measure, size, with_blocked=True):
            pieces.append(Piece(kind, x, y, text, size, w=width, h=size + 5))
            x += width + 4
        return pieces
    # A whole layer: name (and owner) on the left, pills on the right.
    size = PILL_SIZE
    pills = _pills(cell, diagram, measure, size, with_blocked=True)
    total = sum(width for _, _, width in pills) + 4 * (len(pills) - 1)
    x = right - total
    pill_h = size + 6
    for kind, text, width in pills:
        pieces.append(Piece(kind, x, box.y + (box.h - pill_h) / 2, text, size, w=width, h=pill_h))
        x += width + 4
    room = right - total - 10 - left
    name = fit_text(cell.name, True, NAME_SIZE, room, measure)
    if cell.owner:
        pieces.append(Piece("text", left, box.y + box.h / 2 - 1.5, name, NAME_SIZE, bold=True))
        owner = fit_text(cell.owner, False, OWNER_SIZE, room, measure)
        pieces.append(Piece("text", left, box.y + box.h / 2 + 9.5, owner, OWNER_SIZE))
    else:
        pieces.append(Piece("text", left, box.y + box.h / 2 + 3.6, name, NAME_SIZE, bold=True))
    return pieces


def knockout(piece: Piece, measure: Measure) -> tuple[float, float, float, float] | None:
    """The area behind a text piece ``(x, y, w, h)`` that hatching should leave clear,
    so that the words of a blocked band stay readable; ``None`` for other pieces."""
    if piece.kind != "text" or not piece.text:
        return None
    width = measure(piece.text, piece.bold, piece.size)
    return (piece.x - 2.5, piece.y - piece.size * 0.86, width + 5.0, piece.size * 1.18)


def gate_badge(bar: GateBar, measure: Measure) -> Piece:
    """The pill in the middle of a gate bar that says its state."""
    room = bar.w - 140
    text = fit_text(bar.gate.text, True, GATE_SIZE, room - 20, measure)
    width = measure(text, True, GATE_SIZE) + 20
    h = bar.h + 2
    return Piece(
        "pill", bar.x + (bar.w - width) / 2, bar.y - 1, text, GATE_SIZE, bold=True, w=width, h=h
    )
