"""The plan's sections in the PDF: the seven-layer diagram (vector), posture, initiatives,
starting points and platforms, and the roadmap.

The seven-layer diagram is a reportlab ``Drawing`` of shapes and text, laid out by
:func:`scrm_desk.charts.layers.layout_diagram` (the same layout the matplotlib figure of
the Word document uses): it stays sharp at any zoom, its words are real text, and it
costs no image. The other charts are the matplotlib figures the app shows.

``pdf.py`` imports this module at its end, which registers the renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from reportlab.graphics.shapes import Circle, Drawing, Group, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.validators import isAnything
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from scrm_desk.charts import layers as diagram_layout
from scrm_desk.charts.layers import (
    GATE_CLOSED_COLOUR,
    GATE_OPEN_COLOUR,
    SWATCH,
    UNRATED_EDGE,
    UNRATED_FILL,
    Box,
    GateBar,
    LayersDiagram,
    LegendEntry,
    Piece,
)
from scrm_desk.charts.layers import PANEL as DIAGRAM_PANEL
from scrm_desk.charts.matrix import PHASE_STYLE
from scrm_desk.reports.pdf import (
    COMPACT,
    CONTENT_WIDTH,
    FAINT,
    FONT,
    FONT_BOLD,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PANEL,
    RULE,
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    BoxTable,
    PdfRenderer,
    ScoreBar,
    _table_style,
    pdf_renderer,
    readable_on_white,
)
from scrm_desk.reports.planning_sections import (
    InitiativesSection,
    LayerEntry,
    LayerRow,
    LayersSection,
    PlanWarning,
    PostureSection,
    RoadmapLine,
    RoadmapSection,
    StartingPointsSection,
    short_date,
)

#: The diagram never grows taller than a page's text frame (with room for a caption).
MAX_DIAGRAM_HEIGHT: Final = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 30
#: A layer's text longer than this runs across the full width, not in a third of it.
LONG_CELL_CHARS: Final = 1200
#: Longest description the roadmap table prints; the Word file and the workbook have it all.
ROADMAP_DESCRIPTION_CHARS: Final = 900
MET_MARK: Final = "✓"
OPEN_MARK: Final = "✗"


def _hex(colour: str) -> colors.Color:
    return colors.HexColor(colour)


# =========================================================================== the diagram


class VectorDrawing(Drawing):
    """A ``Drawing`` the layout frames may skip on the measuring pass (see
    ``pdf.LayoutFrame``), like every other flowable: reportlab's shapes refuse unknown
    attributes, so ``drawOn`` is declared."""

    _attrMap = AttrMap(  # noqa: N815 - reportlab's name
        BASE=Drawing, drawOn=AttrMapValue(isAnything)
    )


def _measure(text: str, bold: bool, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size))


class _DiagramPainter:
    """Turns the shared layout into reportlab shapes (y flipped: reportlab's y goes up)."""

    def __init__(self, r: PdfRenderer, diagram: LayersDiagram, height: float) -> None:
        self.r = r
        self.diagram = diagram
        self.height = height
        self.group = Group()

    def y(self, top: float) -> float:
        return self.height - top

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        colour: str,
        *,
        bold: bool = False,
        anchor: str = "start",
    ) -> None:
        """One line of text, in fallback fonts where DejaVu has no glyph."""
        font = FONT_BOLD if bold else FONT
        runs = self.r.coverage.runs(text)
        widths = [
            pdfmetrics.stringWidth(run, font if f is None else f.key, size) for f, run in runs
        ]
        total = sum(widths)
        start = x - total / 2 if anchor == "middle" else x - total if anchor == "end" else x
        for (f, run), width in zip(runs, widths, strict=True):
            self.group.add(
                String(
                    start,
                    self.y(baseline),
                    run,
                    fontName=font if f is None else f.key,
                    fontSize=size,
                    fillColor=_hex(colour),
                )
            )
            start += width

    def rounded(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        r: float,
        *,
        fill: str | None,
        stroke: str | None = None,
        width: float = 0.8,
        dash: Sequence[float] | None = None,
    ) -> None:
        self.group.add(
            Rect(
                x,
                self.y(top + h),
                w,
                h,
                rx=r,
                ry=r,
                fillColor=_hex(fill) if fill else None,
                strokeColor=_hex(stroke) if stroke else None,
                strokeWidth=width,
                strokeDashArray=list(dash) if dash else None,
            )
        )

    def lines(
        self, segments: list[tuple[float, float, float, float]], colour: str, w: float
    ) -> None:
        """Many straight lines as one path: one set of stroke settings, not one per line."""
        if not segments:
            return
        path = Path(strokeColor=_hex(colour), strokeWidth=w, fillColor=None)
        for x1, y1, x2, y2 in segments:
            path.moveTo(x1, self.y(y1))
            path.lineTo(x2, self.y(y2))
        self.group.add(path)

    # -- pieces ---------------------------------------------------------------------------
    def box(self, box: Box) -> None:
        cell = box.cell
        fill = diagram_layout.level_fill(cell.maturity)
        ink = diagram_layout.ink_on(fill) if cell.maturity is not None else diagram_layout.TEXT
        if cell.maturity is None:
            self.rounded(
                box.x,
                box.y,
                box.w,
                box.h,
                diagram_layout.RADIUS,
                fill=fill,
                stroke=UNRATED_EDGE,
                width=0.9,
                dash=(3, 2),
            )
        else:
            self.rounded(box.x, box.y, box.w, box.h, diagram_layout.RADIUS, fill=fill)
        pieces = diagram_layout.cell_pieces(box, self.diagram, _measure)
        if cell.blocked:
            self.lines(
                diagram_layout.hatch_segments(box.x, box.y, box.w, box.h),
                diagram_layout.hatch_colour(fill),
                0.8,
            )
            # The hatching stops short of the words, which stay readable.
            for piece in pieces:
                area = diagram_layout.knockout(piece, _measure)
                if area is not None:
                    self.rounded(*area, 1.5, fill=fill)
        for piece in pieces:
            self.piece(piece, ink, fill)

    def piece(self, piece: Piece, ink: str, fill: str) -> None:
        middle = piece.size * 0.36  # from a line's middle down to its baseline
        if piece.kind == "ring":
            self.group.add(
                Circle(
                    piece.x,
                    self.y(piece.y),
                    piece.w,
                    fillColor=_hex(fill),
                    strokeColor=_hex(ink),
                    strokeWidth=1.0,
                )
            )
            self.text(
                piece.x, piece.y + middle, piece.text, piece.size, ink, bold=True, anchor="middle"
            )
        elif piece.kind in ("pill", "blocked_pill"):
            filled = piece.kind == "blocked_pill"
            self.rounded(
                piece.x,
                piece.y,
                piece.w,
                piece.h,
                piece.h / 2,
                fill=ink if filled else fill,
                stroke=None if filled else ink,
                width=0.8,
            )
            self.text(
                piece.x + piece.w / 2,
                piece.y + piece.h / 2 + middle,
                piece.text,
                piece.size,
                fill if filled else ink,
                bold=True,
                anchor="middle",
            )
        else:
            self.text(piece.x, piece.y, piece.text, piece.size, ink, bold=piece.bold)

    def gate(self, bar: GateBar) -> None:
        gate = bar.gate
        colour = GATE_CLOSED_COLOUR if gate.closed else GATE_OPEN_COLOUR
        if gate.closed:
            # A boom barrier across the full width: stripes of the gate colour on white.
            self.rounded(bar.x, bar.y, bar.w, bar.h, 0, fill="#FFFFFF")
            for shape in diagram_layout.stripe_polygons(bar.x, bar.y, bar.w, bar.h):
                points = [value for x, y in shape for value in (x, self.y(y))]
                self.group.add(Polygon(points, fillColor=_hex(colour), strokeColor=None))
            self.rounded(bar.x, bar.y, bar.w, bar.h, 0, fill=None, stroke=colour, width=1.0)
        else:
            # The barrier is lifted: two posts at the sides, the way through open.
            for left in (bar.x, bar.x + bar.w - 60):
                self.rounded(left, bar.y, 60, bar.h, 2, fill=colour)
        badge = diagram_layout.gate_badge(bar, _measure)
        self.rounded(
            badge.x,
            badge.y,
            badge.w,
            badge.h,
            badge.h / 2,
            fill=colour,
            stroke="#FFFFFF",
            width=1.2,
        )
        self.text(
            badge.x + badge.w / 2,
            badge.y + badge.h / 2 + badge.size * 0.36,
            badge.text,
            badge.size,
            "#FFFFFF",
            bold=True,
            anchor="middle",
        )

    def legend(self, entry: LegendEntry) -> None:
        size = diagram_layout.LEGEND_SIZE
        baseline = entry.y + size * 0.36
        if entry.kind == "":
            self.text(entry.x, baseline, entry.label, size, diagram_layout.TEXT, bold=True)
            return
        top = entry.y - SWATCH / 2
        if entry.kind == "level":
            self.rounded(
                entry.x, top, SWATCH, SWATCH, 1.5, fill=diagram_layout.level_fill(entry.level)
            )
        elif entry.kind == "unrated":
            self.rounded(
                entry.x,
                top,
                SWATCH,
                SWATCH,
                1.5,
                fill=UNRATED_FILL,
                stroke=UNRATED_EDGE,
                width=0.8,
                dash=(2, 1.5),
            )
        else:
            self.rounded(
                entry.x, top, SWATCH, SWATCH, 1.5, fill=UNRATED_FILL, stroke=UNRATED_EDGE, width=0.6
            )
            self.lines(
                diagram_layout.hatch_segments(entry.x, top, SWATCH, SWATCH, 3.0, 0.8),
                diagram_layout.MUTED,
                0.6,
            )
        self.text(entry.x + SWATCH + 3, baseline, entry.label, size, diagram_layout.TEXT)


def layers_drawing(
    r: PdfRenderer, diagram: LayersDiagram, width: float, max_height: float = MAX_DIAGRAM_HEIGHT
) -> Drawing:
    """The seven-layer diagram as vector shapes, ``width`` points wide; scaled down as a
    whole if a framework with many layers would make it taller than ``max_height``."""
    layout = diagram_layout.layout_diagram(diagram, width, _measure)
    painter = _DiagramPainter(r, diagram, layout.height)
    for box in layout.boxes:
        painter.box(box)
    for bar in layout.gates:
        painter.gate(bar)
    if layout.foundation is not None:
        x, y, w, h = layout.foundation
        painter.rounded(x, y, w, h, 2, fill=DIAGRAM_PANEL)
        text = diagram_layout.fit_text(
            diagram.foundations, False, diagram_layout.FOUNDATION_SIZE, w - 12, _measure
        )
        painter.text(
            x + 6, y + h / 2 + 2.4, text, diagram_layout.FOUNDATION_SIZE, diagram_layout.MUTED
        )
    for entry in layout.legend:
        painter.legend(entry)
    scale = min(1.0, max_height / layout.height)
    if scale < 1.0:
        painter.group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = VectorDrawing(width * scale, layout.height * scale)
    # Without this, reportlab starts the drawing in Helvetica, which the page would then
    # reference (unembedded) although no text uses it.
    drawing.initialFontName = FONT
    drawing.add(painter.group)
    drawing.hAlign = "LEFT"
    return drawing


# =========================================================================== helpers


def _warning_box(r: PdfRenderer, warning: PlanWarning) -> Flowable:
    """A planning warning, in the house style of a finding: a coloured rule, the title."""
    colour = SEVERITY_COLOURS.get(warning.severity, MUTED)
    label = (
        f'<font name="{FONT_BOLD}" size="6.8" color="{colour.hexval()}">'
        f"{SEVERITY_WORDS.get(warning.severity, '')}</font>"
        f'<font size="6.8" color="{MUTED.hexval()}">  ·  WARNING</font>'
    )
    body: list[Flowable] = [
        r.rich(label, r.styles.cell_small),
        Spacer(1, 2),
        r.para(warning.title, r.styles.cell_bold),
        Spacer(1, 2),
        r.para(warning.text, r.styles.cell),
    ]
    # Whole, on one page; only a box taller than a page (a note of many pages) runs on.
    box = BoxTable([[body]], colWidths=[CONTENT_WIDTH], hAlign="LEFT", splitInRow=1)
    box.setStyle(
        _table_style(
            [
                ("LINEBEFORE", (0, 0), (0, 0), 2.4, colour),
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _warnings(r: PdfRenderer, warnings: Sequence[PlanWarning]) -> list[Flowable]:
    flow: list[Flowable] = []
    for warning in warnings:
        flow += [_warning_box(r, warning), Spacer(1, 5)]
    return flow


def _label(r: PdfRenderer, key: str) -> str:
    return r.content.label(key)


def _state_box(r: PdfRenderer, colour: colors.Color, kicker: str, parts: list[Flowable]) -> Table:
    body: list[Flowable] = [r.para(kicker, r.styles.kicker), Spacer(1, 3), *parts]
    # Whole, on one page; only a box taller than a page (a note of many pages) runs on.
    box = BoxTable([[body]], colWidths=[CONTENT_WIDTH], hAlign="LEFT", splitInRow=1)
    box.setStyle(
        _table_style(
            [
                ("LINEBEFORE", (0, 0), (0, 0), 3, colour),
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


# =========================================================================== layers


def _entry_colour(entry: LayerEntry) -> colors.Color:
    if entry.maturity is None:
        return _hex(UNRATED_EDGE)
    return _hex(diagram_layout.level_fill(entry.maturity))


def _layer_flow(r: PdfRenderer, row: LayerRow) -> list[Flowable]:
    """One layer: a title line (number, name, level, owner, blocked), then its current
    state, target state and pain points side by side, then its processes the same way.

    A text too long to sit in a third of the width (a pasted workshop transcript, say)
    breaks the table: the three texts then run as ordinary paragraphs across the full
    width, which split across pages cleanly, and the table goes on after them.
    """
    s = r.styles
    third = CONTENT_WIDTH / 3
    flow: list[Flowable] = []
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    labels = [_label(r, "layers.current"), _label(r, "layers.target"), _label(r, "layers.pain")]
    label_style = ParagraphStyle("layer_label", parent=s.header_cell, leftIndent=9, spaceBefore=4)
    text_style = ParagraphStyle("layer_text", parent=s.cell_small, leftIndent=9, spaceAfter=3)

    def flush() -> None:
        if not rows:
            return
        table = Table(list(rows), colWidths=[third] * 3, hAlign="LEFT", splitInRow=1)
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 0), (0, -1), 9),
                    *commands,
                ]
            )
        )
        flow.append(table)
        rows.clear()
        commands.clear()

    def spanned(cell: Any) -> int:
        rows.append([cell, "", ""])
        commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        return len(rows) - 1

    def title_line(entry: LayerEntry, number: int | None, *, blocked: bool, main: bool) -> None:
        name = f"{number}  {entry.name}" if number is not None else entry.name
        extra = [entry.level_text]
        if entry.owner:
            extra.append(r.content.label("layers.owner").replace("{owner}", entry.owner))
        tail = "  ·  ".join(r.markup(x) for x in extra)
        tag = ""
        if blocked:
            colour = SEVERITY_COLOURS["high"].hexval()
            tag = (
                f'   <font name="{FONT_BOLD}" size="6.8" color="{colour}">'
                f"{r.markup(_label(r, 'layers.blocked').upper())}</font>"
            )
        size = 9.4 if main else 8.2
        index = spanned(
            r.rich(
                f'<font size="{size}">{r.markup(name)}</font>'
                f'<font name="{FONT}" size="7.6" color="{MUTED.hexval()}">   {tail}</font>' + tag,
                s.cell_bold,
            )
        )
        commands.append(("TOPPADDING", (0, index), (-1, index), 6 if main else 5))
        commands.append(("LINEBEFORE", (0, index), (0, index), 3.5, _entry_colour(entry)))
        if main:
            commands.append(("BACKGROUND", (0, index), (-1, index), PANEL))
            commands.append(("BOTTOMPADDING", (0, index), (-1, index), 5))
        body(entry)

    def body(entry: LayerEntry) -> None:
        texts = [entry.current_state, entry.target_state, entry.pain_points]
        long = entry.has_text and max(len(t) for t in texts) > LONG_CELL_CHARS
        if long:
            flush()
            for label, text in zip(labels, texts, strict=True):
                flow.append(r.para(label.upper(), label_style))
                parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
                flow.extend(r.para(part, text_style) for part in parts if part)
                if not text.strip():
                    flow.append(r.para("–", text_style))
        first = len(rows)
        if entry.has_text and not long:
            rows.append([r.para(label.upper(), s.header_cell) for label in labels])
            rows.append([r.para(text or "–", s.cell_small) for text in texts])
        if entry.initiatives:
            spanned(
                r.rich(
                    f'<font name="{FONT_BOLD}">{r.markup(_label(r, "layers.initiatives"))}:'
                    f"</font> {r.markup(entry.initiatives)}",
                    s.cell_small,
                )
            )
        if not entry.has_text and not entry.initiatives:
            spanned(r.para(_label(r, "layers.nothing_recorded"), s.cell_small))
        if len(rows) > first:
            commands.append(
                ("LINEBEFORE", (0, first), (0, len(rows) - 1), 3.5, _entry_colour(entry))
            )
            commands.append(("BOTTOMPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 6))

    title_line(row.entry, row.number, blocked=row.blocked, main=True)
    for process in row.processes:
        title_line(process, None, blocked=False, main=False)
    flush()
    return flow


@pdf_renderer("layers")
def render_layers(r: PdfRenderer, section: LayersSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    for gate in section.gates:
        colour = _hex(GATE_OPEN_COLOUR if gate.passed else GATE_CLOSED_COLOUR)
        kicker = _label(r, "layers.gate_heading").upper()
        flow.append(
            _state_box(
                r,
                colour,
                kicker,
                [r.para(gate.headline, s.cell_bold), Spacer(1, 2), r.para(gate.text, s.cell)],
            )
        )
        flow.append(Spacer(1, 8))
    flow.append(layers_drawing(r, section.diagram, CONTENT_WIDTH))
    flow.append(r.para(section.attribution, s.caption))
    for gate in section.gates:
        if not gate.criteria:
            continue
        rows: list[list[Any]] = [
            [
                r.para("", s.header_cell),
                r.para(_label(r, "layers.criteria_heading"), s.header_cell),
                r.para(_label(r, "layers.criteria_note"), s.header_cell),
            ]
        ]
        extra: list[tuple[Any, ...]] = []
        for n, criterion in enumerate(gate.criteria, start=1):
            colour = GATE_OPEN_COLOUR if criterion.met else GATE_CLOSED_COLOUR
            word = _label(r, "layers.met" if criterion.met else "layers.not_met")
            mark = MET_MARK if criterion.met else OPEN_MARK
            rows.append(
                [
                    r.rich(
                        f'<font name="{FONT_BOLD}" color="{colour}">{mark} {r.markup(word)}</font>',
                        s.cell_small,
                    ),
                    r.para(criterion.text, s.cell_small),
                    r.para(criterion.note, s.cell_small),
                ]
            )
            if not criterion.met:
                extra.append(("BACKGROUND", (0, n), (-1, n), PANEL))
        heading = r.para(f"{_label(r, 'layers.gate_heading')}: {gate.layer_name}", s.h3)
        table = r.table(rows, [17 * mm, 75 * mm, CONTENT_WIDTH - 92 * mm], extra=extra)
        flow += [CondPageBreak(60 * mm), KeepTogether([heading, table])]
    flow.append(CondPageBreak(70 * mm))
    flow.append(r.para(_label(r, "layers.layers_heading"), s.h3))
    for row in section.layers:
        r.check()
        flow += [CondPageBreak(32 * mm), *_layer_flow(r, row), Spacer(1, 6)]
    return flow


# =========================================================================== posture


@pdf_renderer("posture")
def render_posture(r: PdfRenderer, section: PostureSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    placed = section.approach or _label(r, "posture.not_placed")
    share = (
        f'<font size="10" color="{MUTED.hexval()}">   about {section.share}% of organisations'
        "</font>"
        if section.share is not None
        else ""
    )
    panel_parts: list[Flowable] = [
        r.rich(f"{r.markup(placed)}{share}", _figure_style(r)),
        Spacer(1, 4),
        r.para(section.verdict, s.cell),
    ]
    flow.append(
        _state_box(r, r.styles.brand, _label(r, "posture.placed_heading").upper(), panel_parts)
    )
    flow.append(Spacer(1, 6))
    flow.append(r.chart(section.chart, width=CONTENT_WIDTH * 0.86))
    flow.append(r.para(section.source, s.caption))
    if section.overridden:
        text = r.content.label("posture.override")
        text = text.replace("{computed}", (section.computed or "–").lower()).replace(
            "{placed}", (section.approach or "–").lower()
        )
        parts: list[Flowable] = [r.para(text, s.cell_bold)]
        if section.override_note:
            parts += [Spacer(1, 2), r.para(f"“{section.override_note}”", s.quote)]
        flow += [
            Spacer(1, 4),
            _state_box(r, _hex("#E69F00"), _label(r, "posture.override_heading").upper(), parts),
        ]
    if section.sign:
        cells = [
            [r.para(_label(r, key).upper(), s.kicker), Spacer(1, 3), r.para(text, s.cell)]
            for key, text in (
                ("posture.sign", section.sign),
                ("posture.risk", section.risk),
                ("posture.advice", section.advice),
            )
        ]
        table = Table([cells], colWidths=[CONTENT_WIDTH / 3] * 3, hAlign="LEFT")
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("LEFTPADDING", (1, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
                ]
            )
        )
        flow += [Spacer(1, 8), table]
    if section.reasons:
        rows: list[list[Any]] = [
            [
                r.para(_label(r, "posture.question"), s.header_cell),
                r.para(_label(r, "posture.answer"), s.header_cell),
                r.para(_label(r, "posture.leans_to"), s.header_cell),
            ]
        ]
        for reason in section.reasons:
            rows.append(
                [
                    r.para(reason.question, s.cell_small),
                    r.para(reason.answer, s.cell_small),
                    r.para(reason.leans_to, s.cell_small),
                ]
            )
        heading = r.para(_label(r, "posture.reasoning_heading"), s.h3)
        flow += [
            CondPageBreak(45 * mm),
            heading,
            r.table(rows, [72 * mm, 62 * mm, CONTENT_WIDTH - 134 * mm], extra=COMPACT),
        ]
    return flow


def _figure_style(r: PdfRenderer) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("posture_figure", parent=r.styles.figure, fontSize=20, leading=24)


# =========================================================================== initiatives


@pdf_renderer("initiatives")
def render_initiatives(r: PdfRenderer, section: InitiativesSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    flow += _warnings(r, section.warnings)
    # One figure per kind: how many initiatives, and whether the kind is strategic.
    cells = []
    for group in section.groups:
        word = _label(r, "initiatives.strategic" if group.strategic else "initiatives.tactical")
        cells.append(
            [
                r.para(group.name.upper(), s.kicker),
                Spacer(1, 3),
                r.rich(str(len(group.initiatives)), s.figure),
                Spacer(1, 1),
                r.para(word if group.kind_id else "", s.figure_label),
            ]
        )
    strip = Table([cells], colWidths=[CONTENT_WIDTH / len(cells)] * len(cells), hAlign="LEFT")
    strip.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.8, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 2, s.brand),
            ]
        )
    )
    flow += [Spacer(1, 4), strip, Spacer(1, 4)]
    for group in section.groups:
        heading = r.para(group.name, s.h3)
        parts: list[Flowable] = [heading]
        if group.description:
            parts.append(r.para(group.description, s.small))
        if not group.initiatives:
            parts.append(r.para(_label(r, "initiatives.none"), s.small))
            flow.append(KeepTogether(parts))
            continue
        rows: list[list[Any]] = [
            [
                r.para(_label(r, "initiatives.title"), s.header_cell),
                r.para(_label(r, "initiatives.status"), s.header_cell),
                r.para(_label(r, "initiatives.owner"), s.header_cell),
            ]
        ]
        for item in group.initiatives:
            title: list[Flowable] = [r.para(item.title, s.cell_bold)]
            if item.description:
                title += [Spacer(1, 1.5), r.para(item.description, s.cell_small)]
            rows.append([title, r.para(item.status, s.cell), r.para(item.owner or "–", s.cell)])
        table = r.table(rows, [CONTENT_WIDTH - 60 * mm, 22 * mm, 38 * mm])
        if len(rows) <= 4:
            flow.append(KeepTogether([*parts, table]))
        else:
            flow += [*parts, table]
    return flow


# =========================================================================== starting points


@pdf_renderer("starting_points")
def render_starting_points(r: PdfRenderer, section: StartingPointsSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    rules = {w.rule: w for w in section.warnings}
    if section.starting:
        flow.append(r.para(_label(r, "starting_points.starting_heading"), s.h3))
        flow.append(r.para(section.starting_intro, s.body))
        rows: list[list[Any]] = [
            [
                r.para(_label(r, "starting_points.area"), s.header_cell),
                r.para(_label(r, "starting_points.pain"), s.header_cell_right),
                r.para(_label(r, "starting_points.value"), s.header_cell_right),
                r.para(_label(r, "starting_points.score"), s.header_cell),
                "",
                r.para(_label(r, "starting_points.chosen"), s.header_cell),
                r.para(_label(r, "starting_points.note"), s.header_cell),
            ]
        ]
        extra: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("SPAN", (3, 0), (4, 0)),
        ]
        for n, point in enumerate(section.starting, start=1):
            chosen = _label(r, "starting_points.first")
            rows.append(
                [
                    r.para(point.area, s.cell_bold if point.chosen else s.cell),
                    r.para("–" if point.pain is None else str(point.pain), s.cell_right),
                    r.para("–" if point.value is None else str(point.value), s.cell_right),
                    ScoreBar(None if point.score is None else point.score / 5, None, width=16 * mm),
                    r.para("–" if point.score is None else str(point.score), s.cell_right),
                    r.rich(
                        f'<font name="{FONT_BOLD}" color="{s.brand_text.hexval()}">'
                        f"{MET_MARK} {r.markup(chosen)}</font>"
                        if point.chosen
                        else "",
                        s.cell_small,
                    ),
                    r.para(point.note, s.cell_small),
                ]
            )
            if point.chosen:
                extra.append(("BACKGROUND", (0, n), (-1, n), PANEL))
        widths = [40 * mm, 10 * mm, 11 * mm, 18 * mm, 8 * mm, 20 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        flow.append(r.table(rows, widths, extra=extra))
        flow.append(
            r.para(
                "Pain and value are rated 1 to 5; the bar shows pain × value out of 25.",
                s.caption,
            )
        )
        if "too_many_starting_areas" in rules:
            flow += _warnings(r, [rules["too_many_starting_areas"]])
    if section.platforms:
        heading = r.para(_label(r, "starting_points.platforms_heading"), s.h3)
        flow += [CondPageBreak(50 * mm), heading, r.para(section.platforms_intro, s.body)]
        rows = [
            [
                r.para(_label(r, "starting_points.platform"), s.header_cell),
                r.para(_label(r, "starting_points.purpose"), s.header_cell),
                r.para(_label(r, "starting_points.objective"), s.header_cell),
                r.para(_label(r, "starting_points.owner"), s.header_cell),
            ]
        ]
        for platform in section.platforms:
            where = " · ".join(x for x in (platform.category, platform.geography) if x)
            objective: Paragraph
            if platform.objective:
                objective = r.para(platform.objective, s.cell_small)
            else:
                colour = SEVERITY_COLOURS["high"].hexval()
                objective = r.rich(
                    f'<font name="{FONT_BOLD}" color="{colour}">'
                    f"{r.markup(_label(r, 'starting_points.no_objective'))}</font>",
                    s.cell_small,
                )
            rows.append(
                [
                    [
                        r.para(platform.name, s.cell_bold),
                        r.para(where, s.cell_small),
                    ],
                    r.para(platform.purpose, s.cell_small),
                    objective,
                    [
                        r.para(platform.owner or "–", s.cell_small),
                        r.rich(
                            f'<font color="{FAINT.hexval()}">{r.markup(platform.status)}</font>',
                            s.cell_small,
                        ),
                    ],
                ]
            )
        widths = [36 * mm, 50 * mm, 48 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        flow.append(r.table(rows, widths))
        flow.append(Spacer(1, 6))
        for rule in ("single_platform", "platform_without_objective"):
            flow += _warnings(r, [w for w in section.warnings if w.rule == rule])
    if section.governance:
        heading = r.para(_label(r, "starting_points.governance_heading"), s.h3)
        count = r.content.label("starting_points.governance_count")
        count = count.replace("{settled}", str(section.governance_settled)).replace(
            "{total}", str(len(section.governance))
        )
        rows = []
        extra = []
        for n, line in enumerate(section.governance):
            colour = GATE_OPEN_COLOUR if line.settled else GATE_CLOSED_COLOUR
            word = _label(r, "starting_points.settled" if line.settled else "starting_points.open")
            mark = MET_MARK if line.settled else OPEN_MARK
            rows.append(
                [
                    r.rich(
                        f'<font name="{FONT_BOLD}" color="{colour}">{mark} {r.markup(word)}</font>',
                        s.cell_small,
                    ),
                    r.para(line.text, s.cell_small),
                    r.para(line.note, s.cell_small),
                ]
            )
            if not line.settled:
                extra.append(("BACKGROUND", (0, n), (-1, n), PANEL))
        table = r.table(
            rows, [19 * mm, 78 * mm, CONTENT_WIDTH - 97 * mm], header=False, extra=extra
        )
        flow += [CondPageBreak(60 * mm), heading, r.para(count, s.body), table]
    return flow


# =========================================================================== roadmap


def _phase_colour(phase_id: str) -> colors.Color:
    colour, _marker = PHASE_STYLE.get(phase_id, ("#7B8794", "o"))
    return _hex(colour)


def _phase_text(phase_id: str) -> str:
    """The phase's colour, darkened where needed so that text in it reads on white."""
    return str(readable_on_white(_phase_colour(phase_id)).hexval())


def _roadmap_row(r: PdfRenderer, line: RoadmapLine) -> list[Any]:
    s = r.styles
    title: list[Flowable] = [r.para(line.title, s.cell_bold)]
    if line.description:
        description = " ".join(line.description.split())
        if len(description) > ROADMAP_DESCRIPTION_CHARS:
            cut = description[:ROADMAP_DESCRIPTION_CHARS].rsplit(" ", 1)[0]
            description = cut.rstrip(" ,.;:") + " … " + _label(r, "roadmap.more")
        title += [Spacer(1, 1.5), r.para(description, s.cell_small)]
    links = [*line.blocks, *line.layers, *line.areas]
    if links:
        label = _label(r, "roadmap.links")
        title += [
            Spacer(1, 1.5),
            r.rich(
                f'<font color="{MUTED.hexval()}">{r.markup(label)}: '
                f"{r.markup(', '.join(dict.fromkeys(links)))}</font>",
                s.cell_small,
            ),
        ]
    when: list[Flowable] = []
    if line.start_date:
        when.append(r.para(short_date(line.start_date), s.cell_small))
    if line.end_date:
        when.append(r.para(f"– {short_date(line.end_date)}", s.cell_small))
    return [
        r.rich(f'<font color="{_phase_text(line.phase_id)}">{line.number}</font>', s.cell_bold),
        title,
        r.para(f"{line.impact} · {line.effort}", s.cell),
        r.para(line.owner or "–", s.cell_small),
        when or r.para("–", s.cell_small),
        r.para(line.status, s.cell_small),
    ]


@pdf_renderer("roadmap")
def render_roadmap(r: PdfRenderer, section: RoadmapSection) -> list[Flowable]:
    """The matrix, then the table (its numbers are the matrix's), then the timeline."""
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    flow.append(r.para(_label(r, "roadmap.matrix_heading"), s.h3))
    flow.append(r.chart(section.matrix, width=CONTENT_WIDTH))
    widths = [7 * mm, 0.0, 16 * mm, 25 * mm, 22 * mm, 18 * mm]
    widths[1] = CONTENT_WIDTH - sum(widths)
    heading = r.para(_label(r, "roadmap.table_heading"), s.h3)
    for index, group in enumerate(section.phases):
        # One table per phase; its header row names the phase and is repeated when the
        # table runs onto the next page, so a phase never loses its name.
        colour = _phase_colour(group.phase_id)
        header = [
            r.rich(
                f'<font color="{_phase_text(group.phase_id)}">'
                f"{r.markup(group.phase.upper())}</font>",
                s.kicker,
            ),
            "",
            r.para(_label(r, "roadmap.impact_effort"), s.header_cell),
            r.para(_label(r, "roadmap.owner"), s.header_cell),
            r.para(_label(r, "roadmap.dates"), s.header_cell),
            r.para(_label(r, "roadmap.status"), s.header_cell),
        ]
        rows: list[list[Any]] = [header, *(_roadmap_row(r, line) for line in group.items)]
        extra: list[tuple[Any, ...]] = [
            ("SPAN", (0, 0), (1, 0)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
        ]
        table = r.table(rows, widths, extra=extra)
        table.splitInRow = 0  # an initiative is never cut in two
        if index == 0:
            flow.append(KeepTogether([heading, table]))  # the heading never stays behind
        else:
            flow += [Spacer(1, 8), CondPageBreak(40 * mm), table]
    flow.append(r.para(_label(r, "roadmap.table_caption"), s.caption))
    if section.timeline is not None:
        chart = r.chart(section.timeline, width=CONTENT_WIDTH)
        heading = r.para(_label(r, "roadmap.timeline_heading"), s.h3)
        parts: list[Flowable] = [heading, chart]
        if section.undated_note:
            parts.append(r.para(section.undated_note, s.caption))
        flow.append(KeepTogether(parts))
    return flow
