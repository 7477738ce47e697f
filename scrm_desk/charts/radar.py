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
    from matplotlib.figure import Figure

#: Appended to the label of a block that has no score, explained in a note below.
NOT_ASSESSED_MARK = "*"


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
        ax.tick_params(axis="x", pad=13)
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
        fig.legend(
            loc="lower center",
            ncol=2,
            bbox_to_anchor=(0.5, 0.005),
            handlelength=2.6,
            columnspacing=2.0,
        )
        if missing:
            fig.text(
                0.02,
                0.005,
                f"{NOT_ASSESSED_MARK} {not_assessed_note}: " + ", ".join(missing),
                fontsize=style.font_size - 1.5,
                color=style.muted,
                ha="left",
                va="bottom",
                wrap=True,
            )
        if title:
            fig.suptitle(title, x=0.02, y=0.985, ha="left", va="top", fontweight="bold")
    return fig
