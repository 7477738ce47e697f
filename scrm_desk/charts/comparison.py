"""Baseline against follow-up: how each block's maturity moved between two assessments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
from scrm_desk.scoring.results import rounded_change

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def comparison_figure(
    labels: Sequence[str],
    baseline: Sequence[float | None],
    follow_up: Sequence[float | None],
    *,
    baseline_label: str = "Baseline",
    follow_up_label: str = "Follow-up",
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
    width: float = 6.3,
) -> Figure:
    """A dumbbell per block: a grey dot for the baseline, a filled one for the follow-up.

    The change is printed at the right with its sign (``+0.6``, ``−0.4``, ``+0.0``), so a
    rise and a fall differ by more than colour. It is the difference of the two scores
    rounded as a reader sees them (:func:`~scrm_desk.scoring.results.rounded_change`), so
    3.0 → 3.6 reads +0.6 whatever the decimals behind. A block scored in only one
    assessment (the other did not assess it enough) shows that one dot and a dash for the
    change. The figures are written exactly as the report's tables write them
    (:func:`~scrm_desk.reports.content.fmt_gap`), so the chart and the table below it agree.
    """
    from scrm_desk.reports.content import fmt_gap

    check_lengths(labels, baseline=baseline, follow_up=follow_up)
    if not labels:
        raise ValueError("a comparison chart needs at least one label")
    count = len(labels)
    height = 0.9 + 0.36 * count
    with styled(style):
        fig = new_figure(width, height, style)
        top = 1 - 0.55 / height
        bottom = 0.42 / height
        ax = fig.add_axes((0.27, bottom, 0.6, top - bottom))
        ax.set_xlim(SCALE_MIN - 0.3, SCALE_MAX + 0.2)
        ax.set_ylim(count - 0.5, -0.5)
        ax.set_xticks(range(SCALE_MIN, SCALE_MAX + 1))
        ax.xaxis.grid(True, color=style.grid, linewidth=0.7)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_yticks(range(count))
        ax.set_yticklabels([wrap_label(label, 22) for label in labels])

        for row, (before, after) in enumerate(zip(baseline, follow_up, strict=True)):
            change = rounded_change(before, after)
            if before is not None and after is not None and change is not None:
                colour = style.declined if change < 0 else style.improved
                ax.plot([before, after], [row, row], color=colour, linewidth=2.2, zorder=2)
            else:
                colour = style.muted  # scored in one assessment only: no change to show
            text = fmt_gap(change)
            ax.annotate(
                text,
                xy=(1.0, row),
                xycoords=("axes fraction", "data"),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                color=colour,
                fontweight="bold",
                fontsize=style.font_size - 0.5,
                annotation_clip=False,
            )
        rows = range(count)
        ax.scatter(
            [v for v in baseline if v is not None],
            [r for r, v in zip(rows, baseline, strict=True) if v is not None],
            s=42,
            color=style.baseline,
            zorder=3,
            label=baseline_label,
        )
        ax.scatter(
            [v for v in follow_up if v is not None],
            [r for r, v in zip(rows, follow_up, strict=True) if v is not None],
            s=42,
            color=style.follow_up,
            marker="D",
            zorder=4,
            label=follow_up_label,
        )
        fig.legend(
            loc="upper left",
            ncol=2,
            bbox_to_anchor=(0.26, 1.0),
            handlelength=1.2,
            columnspacing=1.8,
        )
        if title:
            fig.text(0.02, 1 - 0.12 / height, title, fontweight="bold", va="top")
    return fig
