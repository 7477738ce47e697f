"""Radar chart: current maturity against target, one spoke per building block."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from scrm_desk.charts.style import (
    DEFAULT_STYLE,
    SCALE_MAX,
    SCALE_MIN,
    ChartStyle,
    check_lengths,
    new_figure,
    styled,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

#: Appended to the label of a block that has no score, explained in a note below.
NOT_ASSESSED_MARK = "*"

#: Where the chart sits at the least, as figure fractions (left, bottom, width, height):
#: it moves up and shrinks when the legend and note below it need more room.
AXES_RECT = (0.17, 0.15, 0.66, 0.74)
#: The note's left edge (and its right margin), as a share of the figure's width.
NOTE_X = 0.02
#: Distance of the spoke labels from the outer ring, in points.
LABEL_PAD = 13.0
#: Space between the figure's edge, the note, the legend and the spoke labels, in points.
GAP = 4.0


def assessed_runs(present: Sequence[bool]) -> list[list[int]]:
    """The spokes that have a value, as runs of neighbours going round the chart.

    All present: one run of every spoke (a closed polygon). Otherwise each maximal run of
    consecutive present spokes, a run may wrap past the last spoke to the first:
    ``[True, False, True, True]`` gives ``[[2, 3, 0]]``.
    """
    count = len(present)
    if all(present):
        return [list(range(count))]
    start = present.index(False)
    runs: list[list[int]] = []
    run: list[int] = []
    for step in range(1, count + 1):
        i = (start + step) % count
        if present[i]:
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    return runs


class _RadarLayout:
    """Places the note, the legend and the chart from the bottom up when the figure is drawn.

    The note (wrapped to the figure's width) sits at the bottom, the legend above it and
    the chart above the legend, leaving room for the spoke labels that stand out of the
    ring: nothing overlaps, however many lines the note takes. It runs at every draw (an
    axes locator), so it measures text as drawn and still holds when the app's canvas
    draws the figure smaller or larger than it was made.
    """

    def __init__(self, legend: Legend, note: Text | None) -> None:
        self.legend = legend
        self.note = note
        self.note_text = note.get_text() if note is not None else ""

    def __call__(self, ax: Any, renderer: RendererBase) -> Bbox:
        from matplotlib.transforms import Bbox

        fig = ax.get_figure(root=True)
        width, height = fig.bbox.width, fig.bbox.height
        point = fig.dpi / 72  # pixels per point
        gap = GAP * point
        # From the bottom edge up, in pixels.
        floor = gap
        if self.note is not None:
            self.note.set_text(self._wrapped(renderer, width * (1 - 2 * NOTE_X)))
            self.note.set_y(floor / height)
            floor += self.note.get_window_extent(renderer).height + gap
        legend_pad = self.legend.borderaxespad * self.legend.prop.get_size_in_points() * point
        self.legend.set_bbox_to_anchor(
            (0.5, max(floor - legend_pad, 0.0) / height), fig.transFigure
        )
        floor = self.legend.get_window_extent(renderer).y1 + 2 * gap  # air below the labels

        below, above = self._label_reach(ax, renderer)
        left, bottom, box_width, box_height = AXES_RECT
        bottom_px = max(bottom * height, floor + below)
        top_px = (bottom + box_height) * height
        # The top spoke's label stands out above the ring: keep it inside the figure
        # (and under the title), however small the app's canvas draws the chart.
        ceiling = height - gap
        title = fig._suptitle
        if title is not None and title.get_text():
            ceiling = title.get_window_extent(renderer).y0 - gap
        top_px = min(top_px, ceiling - above)
        top_px = max(top_px, bottom_px + height * 0.2)  # a tiny figure: still a chart
        return Bbox.from_bounds(left, bottom_px / height, box_width, (top_px - bottom_px) / height)

    def _wrapped(self, renderer: RendererBase, room: float) -> str:
        """The note broken between words into lines no wider than ``room`` pixels."""
        assert self.note is not None
        lines: list[str] = []
        for word in self.note_text.split():
            candidate = f"{lines[-1]} {word}" if lines else word
            self.note.set_text(candidate)
            if lines and self.note.get_window_extent(renderer).width <= room:
                lines[-1] = candidate
            elif lines:
                lines.append(word)
            else:
                lines = [word]
        return "\n".join(lines)

    @staticmethod
    def _label_reach(ax: Any, renderer: RendererBase) -> tuple[float, float]:
        """How far the spoke labels may stand out below and above the ring, in pixels.

        A label stands its tick's pad (``LABEL_PAD`` and the tick's length) out from the
        ring on its spoke; those in the lower (upper) third of the circle reach beyond its
        bottom (top) by at most the pad and their height.
        """
        ticks = ax.xaxis.get_major_ticks()
        points = max((t.get_pad() + t.get_tick_padding() for t in ticks), default=LABEL_PAD)
        pad = points * ax.get_figure(root=True).dpi / 72
        below = above = 0.0
        labels = ax.get_xticklabels()
        for i, label in enumerate(labels):
            # Measured: matplotlib places the top and bottom labels with their near edge,
            # not their centre, at the pad, so the whole height stands out.
            reach = pad + label.get_window_extent(renderer).height
            upward = math.cos(2 * math.pi * i / len(labels))  # first spoke at twelve o'clock
            if upward < -0.5:
                below = max(below, reach)
            elif upward > 0.5:
                above = max(above, reach)
        return below, above


def radar_figure(
    labels: Sequence[str],
    current: Sequence[float | None],
    target: Sequence[float | None],
    *,
    title: str | None = None,
    current_label: str = "Current",
    target_label: str = "Target",
    not_assessed_note: str = "Not assessed yet, so no score is drawn",
    style: ChartStyle = DEFAULT_STYLE,
    size: tuple[float, float] = (6.0, 4.9),
) -> Figure:
    """Current against target per block on the 1-5 maturity scale.

    A block with no current score (not assessed enough) is never drawn as a value: the
    current line has a gap at its spoke, the shaded area covers only neighbouring
    spokes that both have a score, its label is marked with an asterisk, and a note
    under the chart names it. A missing target leaves a gap in the target line.
    """
    check_lengths(labels, current=current, target=target)
    if not labels:
        raise ValueError("a radar chart needs at least one label")
    count = len(labels)
    angles = [2 * math.pi * i / count for i in range(count)]
    missing = [label for label, value in zip(labels, current, strict=True) if value is None]

    with styled(style):
        fig = new_figure(*size, style)
        ax: Any = fig.add_axes((0.17, 0.15, 0.66, 0.74), projection="polar")  # PolarAxes
        # First block at twelve o'clock, the others clockwise, as a reader expects.
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, SCALE_MAX)
        ax.set_yticks(range(SCALE_MIN, SCALE_MAX + 1))
        ax.set_yticklabels([str(v) for v in range(SCALE_MIN, SCALE_MAX + 1)])
        ax.tick_params(axis="y", labelsize=style.font_size - 2, colors=style.muted, pad=0)
        ax.set_rlabel_position(180 / count)
        ax.set_xticks(angles)
        ax.set_xticklabels(
            [
                wrap_label(label + (NOT_ASSESSED_MARK if value is None else ""))
                for label, value in zip(labels, current, strict=True)
            ],
            color=style.text,
        )
        ax.tick_params(axis="x", pad=LABEL_PAD)
        for tick in ax.get_yticklabels():
            # Keep the scale readable where a line crosses it.
            tick.set_bbox({"facecolor": style.background, "edgecolor": "none", "pad": 0.8})
        ax.grid(color=style.grid, linewidth=0.7)
        ax.spines["polar"].set_color(style.grid)

        closed = [*angles, angles[0]]
        # NaN, never 0: matplotlib leaves a gap in the line at a block without a score.
        values = [math.nan if v is None else float(v) for v in current]
        for run in assessed_runs([v is not None for v in current]):
            if len(run) == count:
                ax.fill(closed, [*values, values[0]], color=style.current, alpha=0.16, zorder=2)
            elif len(run) > 1:
                # From the centre out along the run and back: only between scored spokes.
                # Angles keep increasing past a full turn, so no edge takes the long way.
                run_angles = [angles[i] + (2 * math.pi if i < run[0] else 0.0) for i in run]
                ax.fill(
                    [run_angles[0], *run_angles],
                    [0.0, *(values[i] for i in run)],
                    color=style.current,
                    alpha=0.16,
                    zorder=2,
                )
        ax.plot(
            closed,
            [*values, values[0]],
            color=style.current,
            linewidth=2.0,
            marker="o",
            markersize=4.5,
            label=current_label,
            zorder=3,
        )
        if any(v is not None for v in target):
            target_values = [math.nan if v is None else float(v) for v in target]
            ax.plot(
                closed,
                [*target_values, target_values[0]],
                color=style.target,
                linewidth=1.4,
                linestyle=(0, (4, 2.5)),
                marker="D",
                markersize=3.2,
                label=target_label,
                zorder=4,
            )
        legend = fig.legend(
            loc="lower center",
            ncol=2,
            bbox_to_anchor=(0.5, 0.0),
            handlelength=2.6,
            columnspacing=2.0,
        )
        note = None
        if missing:
            note = fig.text(
                NOTE_X,
                0.0,
                f"{NOT_ASSESSED_MARK} {not_assessed_note}: " + ", ".join(missing),
                fontsize=style.font_size - 1.5,
                color=style.muted,
                ha="left",
                va="bottom",
            )
        if title:
            fig.suptitle(title, x=0.02, y=0.985, ha="left", va="top", fontweight="bold")
        ax.set_axes_locator(_RadarLayout(legend, note))
    return fig
